"""Production: everything from the environment; a missing secret fails at start-up."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_required
from config.settings.base import *  # noqa: F403
from config.settings.base import (
    HUISHOUDEN_SLEUTEL,
    HUISHOUDEN_SLEUTEL_ONTWIKKELING,
    TWEESTAPS_VERPLICHT,
)

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

# The pseudonymous key of households needs a secret of its own in production (at least 32
# characters), never the development default.
if HUISHOUDEN_SLEUTEL == HUISHOUDEN_SLEUTEL_ONTWIKKELING or len(HUISHOUDEN_SLEUTEL) < 32:
    raise ImproperlyConfigured(
        "Zet HUISHOUDEN_SLEUTEL in productie op een eigen geheim van minstens 32 tekens: "
        "daarmee worden de COA-referenties van huishoudens gepseudonimiseerd."
    )
