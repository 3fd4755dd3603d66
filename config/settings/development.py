"""Local development: SQLite, Celery eager, DEBUG on. Only defaults; base reads them."""

import os

os.environ.setdefault("SECRET_KEY", "ontwikkeling-niet-voor-productie")
os.environ.setdefault("DEBUG", "true")
# Two-factor authentication can be tried at /tweestaps/ but is not required here.
os.environ.setdefault("TWEESTAPS_VERPLICHT", "false")
os.environ.setdefault("SECURITY_CONTACT", "mailto:beveiliging@example.nl")

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, STORAGES

(BASE_DIR / "var").mkdir(exist_ok=True)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Mails of the notifications land as files in var/mail/ (one per mail), unless EMAIL_HOST is set.
if not os.environ.get("EMAIL_HOST") and not os.environ.get("EMAIL_BACKEND"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
