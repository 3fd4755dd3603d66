"""Every knob is read from the environment here; the other modules only set defaults."""

from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_required("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "template_partials",
    "simple_history",
    "organisaties",
    "taakstelling",
    "bemiddeling",
    "prognose",
    "meldingen",
    "rapportage",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML compressed here, not at a proxy: docker-compose has none and gunicorn is the edge
    # behind the TLS terminator. Below WhiteNoise, so static files (already .gz/.br on disk)
    # never pass through it. BREACH: Django 5.2 masks the CSRF token with a new random mask
    # in every response, and GZipMiddleware adds 0-99 random bytes to every compressed
    # response ("Heal the Breach", Django 4.2+), so a length oracle learns nothing stable.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An anonymous htmx request (the session ended) logs in as a whole page.
    "organisaties.htmx.HtmxInloggenMiddleware",
    # After auth, OTP, messages and htmx: no caching, "session expired", the 12-hour cap and
    # the second step for every view.
    "organisaties.middleware.GeenCacheMiddleware",
    "organisaties.middleware.SessieVerlopenMiddleware",
    "organisaties.middleware.SessieMaximumMiddleware",
    "organisaties.middleware.TweestapsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the Dutch lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "organisaties.context_processors.navigatie",
            ],
            "builtins": ["django.templatetags.static", "organisaties.templatetags.nl"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisaties.User"
# django-axes first: it refuses a locked-out user before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "inloggen"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "inloggen"
# Django's rules, in Dutch; the common-password list is Django's plus a Dutch one
# (organisaties/wachtwoorden_nl.txt).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "organisaties.wachtwoorden.MinimaleLengteValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "organisaties.wachtwoorden.VeelgebruiktWachtwoordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# Dutch for what Django's admin and django-axes leave in English (locale/nl/.../django.po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", "") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# plotly.js is the basic partial bundle under static/vendor/plotly/ (rapportage/plotly_statisch.py).
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
CSRF_FAILURE_VIEW = "organisaties.beveiliging.csrf_mislukt"  # in Dutch
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A load balancer may ask for the health page over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]

# Sessions: 15 minutes idle (the expiry moves with every request) and 12 hours at most
# since log-in (organisaties.middleware.SessieMaximumMiddleware).
SESSION_COOKIE_AGE = env_int("SESSIE_INACTIEF_MINUTEN", 15) * 60
# Saved (and its expiry moved) when the last save is at least a minute old, not on every
# request: three queries less per page (organisaties.middleware.SessieMaximumMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSIE_BIJWERKEN_SECONDEN = 60
SESSIE_MAXIMUM_SECONDEN = env_int("SESSIE_MAXIMUM_UREN", 12) * 3600

# Lockout (django-axes): after AXES_FAILURE_LIMIT failed log-ins for the same username from
# the same address, that combination is refused for the cool-off time, even with the right
# password. Username and address together, so nobody can lock a colleague out from elsewhere
# and a whole town hall behind one address is not locked out by one person.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
if not 1 <= AXES_FAILURE_LIMIT <= 10:
    raise ImproperlyConfigured(f"AXES_FAILURE_LIMIT={AXES_FAILURE_LIMIT}: kies 1 tot en met 10.")
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTEN", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "organisaties.beveiliging.geblokkeerd"
AXES_HTTP_RESPONSE_CODE = 429
# Behind N reverse proxies (PROXY_AANTAL) the client is the N-th address from the right in
# X-Forwarded-For (each proxy appends its peer; REMOTE_ADDR is the nearest proxy); with none,
# the socket address. organisaties.beveiliging.client_adres, also for the log lines.
PROXY_AANTAL = env_int("PROXY_AANTAL", 0)
if not 0 <= PROXY_AANTAL <= 5:
    raise ImproperlyConfigured(f"PROXY_AANTAL={PROXY_AANTAL}: kies 0 tot en met 5.")
AXES_CLIENT_IP_CALLABLE = "organisaties.beveiliging.client_adres"
# The address appears in axes' log lines; the username stays masked (people type their
# password in the username field).
AXES_SENSITIVE_PARAMETERS = ["username"]

# Two-factor authentication (django-otp: TOTP app plus one-time backup codes). Required by
# default; development and test switch it off, production refuses to switch it off.
TWEESTAPS_VERPLICHT = env_bool("TWEESTAPS_VERPLICHT", True)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Monitor huisvesting vergunninghouders")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# /.well-known/security.txt (RFC 9116). Production refuses to start without a contact.
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "") or ""

# Households (issue 14): the secret of the pseudonymous key (HMAC-SHA256 of COA's reference).
# Production must set its own (config/settings/production.py); changing it later makes every
# key new, so a repeated import would no longer recognise a household.
HUISHOUDEN_SLEUTEL_ONTWIKKELING = "ontwikkeling-huishoudens-niet-voor-productie"
HUISHOUDEN_SLEUTEL = env_str("HUISHOUDEN_SLEUTEL", "") or HUISHOUDEN_SLEUTEL_ONTWIKKELING
# Months after a move or drop-out after which a household is reduced to anonymous counts.
HUISHOUDEN_BEWAARTERMIJN_MAANDEN = env_int("HUISHOUDEN_BEWAARTERMIJN_MAANDEN", 24)
if not 1 <= HUISHOUDEN_BEWAARTERMIJN_MAANDEN <= 120:
    raise ImproperlyConfigured(
        f"HUISHOUDEN_BEWAARTERMIJN_MAANDEN={HUISHOUDEN_BEWAARTERMIJN_MAANDEN}: "
        "kies 1 tot en met 120."
    )

# /gezondheid/: the newest recompute may be this old before the page reports 503.
HERBEREKENING_MAXIMUM_UREN = env_int("HERBEREKENING_MAXIMUM_UREN", 26)

# Scripts only from our own static files or with the per-response nonce: no inline handlers,
# no eval. Style attributes stay allowed because plotly.js sets them from script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# E-mail of the notifications (meldingen/, README "Meldingen en e-mail"). With EMAIL_HOST the
# mails go out over SMTP; without it to the console (development writes files, see
# config/settings/development.py). MELDINGEN_BASIS_URL makes the links in a mail absolute.
EMAIL_HOST = env_str("EMAIL_HOST", "") or ""
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS en EMAIL_USE_SSL: kies er één.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "") or "monitor@localhost"
MELDINGEN_BASIS_URL = (env_str("MELDINGEN_BASIS_URL", "") or "http://localhost:8000").rstrip("/")
# The default threshold of "kans onder de drempel", in percent; each user sets their own.
MELDINGEN_KANSDREMPEL = env_int("MELDINGEN_KANSDREMPEL", 50)
# "The own count differs from COA's": more than this many persons in a half-year.
MELDINGEN_COA_DREMPEL = env_int("MELDINGEN_COA_DREMPEL", 5)

# Celery: no broker configured means tasks run in-process (the embedded default).
# The dashboards' rendered content (rapportage/paginacache.py), per process: a cache in
# Redis would be shared, but a Redis outage must not take the dashboards down with it (the
# fault tests freeze Redis); each gunicorn worker renders a page once per data version.
# 500 entries of at most ~150 kB (the largest gemeente with ten years of months).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "dashboards",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}

REDIS_URL = env_str("REDIS_URL", "") or ""
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# The queue web and worker share; a test run or a second installation on the same Redis
# uses its own name.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery") or "celery"
# Recompute coalescing (prognose/herberekening.py): the countdown that lets quick edits
# join one recompute, and how long a planned recompute blocks new ones at most.
HERBEREKENING_VERTRAGING = env_int("HERBEREKENING_VERTRAGING", 2)
HERBEREKENING_GEPLAND_SECONDEN = env_int("HERBEREKENING_GEPLAND_SECONDEN", 600)
# Processes of a national recompute (prognose/rekenen/verdelen.py): 0 = one per core this
# process may use; 1 = everything in the calling process.
PROGNOSE_PROCESSEN = env_int("PROGNOSE_PROCESSEN", 0)
# A broker outage never fails or stalls a save (prognose/herberekening.py): every Redis call
# of the web process (the planned-recompute key, Celery's publish) gives up after
# REDIS_TIMEOUT_SECONDEN; after a failure the process does not ask again for
# HERBEREKENING_STORING_SECONDEN; and a beat task recomputes every gemeente whose change is
# older than HERBEREKENING_INHALEN_NA_SECONDEN and not in its snapshot yet (config/celery.py).
REDIS_TIMEOUT_SECONDEN = env_int("REDIS_TIMEOUT_SECONDEN", 2)
HERBEREKENING_STORING_SECONDEN = env_int("HERBEREKENING_STORING_SECONDEN", 30)
HERBEREKENING_INHALEN_NA_SECONDEN = env_int("HERBEREKENING_INHALEN_NA_SECONDEN", 120)
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT_SECONDEN
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# acks_late on Redis: a message not acknowledged within the visibility timeout is given to a
# worker again. It must exceed the task time limit plus the countdown (else a task still
# running is handed out twice); a worker killed mid-task has its task redone within about this
# time (plus the sweep below, which looks for such messages every few seconds, not every 100).
BROKER_ZICHTBAAR_NA = env_int("CELERY_VISIBILITY_TIMEOUT", 900)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": BROKER_ZICHTBAAR_NA,
    "socket_timeout": REDIS_TIMEOUT_SECONDEN,
    "socket_connect_timeout": REDIS_TIMEOUT_SECONDEN,
    "unacked_restore_interval": max(1, min(10, BROKER_ZICHTBAAR_NA // 3)),
    "unacked_restore_throttle": 1,
}

# Chromium. The PDFs no longer use it: rapportage/exports/svg.py draws their charts (issue 11).
BROWSER_PATH = env_str("BROWSER_PATH", "/usr/bin/chromium") or ""

# Planning assumption where a gemeente has no plan of its own (seed 000 L51: 2,2).
STANDAARD_BEZETTING = Decimal(env_str("STANDAARD_BEZETTING", "2.2"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A refused request (4xx) is one line with the client address, without traceback.
    "filters": {"kort": {"()": "organisaties.beveiliging.KorteWeigering"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["kort"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Never DEBUG: SQL parameters carry session keys, password hashes and backup codes.
        "django.db.backends": {"level": "INFO"},
        "axes.apps": {"level": "WARNING"},  # a version banner on every manage.py call
        # PDF and chart rendering log every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "kaleido": {"level": "WARNING"},
        "choreographer": {"level": "WARNING"},
        "logistro": {"level": "WARNING"},
    },
}
