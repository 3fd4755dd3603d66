"""Tests run on PostgreSQL and Redis (CI and our machines have both on 127.0.0.1)."""

import os

os.environ.setdefault("SECRET_KEY", "test-niet-voor-productie")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/vh_monitor")
os.environ.setdefault("CONN_MAX_AGE", "0")
# Tests that need two-factor authentication switch it on with override_settings.
os.environ.setdefault("TWEESTAPS_VERPLICHT", "false")
os.environ.setdefault("SECURITY_CONTACT", "mailto:beveiliging@example.nl")

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Tasks run in-process unless a test starts a real worker (tests/ops/worker).
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
