"""Production: everything from the environment; a missing secret fails at start-up."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_required
from config.settings.base import *  # noqa: F403
from config.settings.base import TWEESTAPS_VERPLICHT

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# security.txt must name a real contact (RFC 9116); no placeholder in production.
SECURITY_CONTACT = env_required("SECURITY_CONTACT")

# Every account logs in with a second factor in production; there is no switch to skip it.
if not TWEESTAPS_VERPLICHT:
    raise ImproperlyConfigured(
        "TWEESTAPS_VERPLICHT=false is niet toegestaan in productie: tweestapsverificatie is "
        "daar verplicht voor elk account."
    )
