"""Settings for the processes the fault tests start (gunicorn, Celery worker and beat).

Production settings (config.settings.production: DEBUG off, two-factor authentication
required, secure cookies, persistent database connections with health checks), with one
difference: static files are served by WhiteNoise from the finders instead of a collected,
compressed manifest. ``collectstatic`` takes most of a minute here, and the faults under test
are in the database and the broker, not in static files.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
