"""Django settings for Omzien.

Every setting that an operator may change is read from the environment through
``omzien.core.env`` and documented in docs/configuration.md with its default.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from omzien.core.env import env_bool, env_int, env_list, env_str, parse_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(env_str("OMZIEN_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("OMZIEN_DEBUG", False)

_INSECURE_DEV_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = env_str("SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or OMZIEN_DEBUG=1 "
        "for local development)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Second factor. "required" (default) or "off" (demo only; refused when DEBUG is off).
TWO_FACTOR = env_str("OMZIEN_TWO_FACTOR", "required").lower()
if TWO_FACTOR not in {"required", "off"}:
    raise ImproperlyConfigured(
        f"OMZIEN_TWO_FACTOR must be 'required' or 'off', not {TWO_FACTOR!r}."
    )
if TWO_FACTOR == "off" and not DEBUG:
    raise ImproperlyConfigured(
        "OMZIEN_TWO_FACTOR=off is only allowed for a demo with OMZIEN_DEBUG=1. "
        "Production must require the second factor."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "omzien.core",
    "omzien.assessment",
    "omzien.socialmap",
    "omzien.signalling",
    "omzien.visits",
    "omzien.riskmap",
    "omzien.benchmark",
    "omzien.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # 405 for TRACE, CONNECT and (outside /api/) OPTIONS, before sessions, login and views.
    "omzien.core.methods.RefuseMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "omzien.core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "omzien.core.session_expiry.SessionExpiryMiddleware",
    "omzien.core.middleware.RefuseNulMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "omzien.core.middleware.SecurityHeadersMiddleware",
    "omzien.core.debug_pages.DutchNotFoundMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "omzien.urls"
WSGI_APPLICATION = "omzien.wsgi.application"
ASGI_APPLICATION = "omzien.asgi.application"

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
                "omzien.core.context_processors.omzien",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'omzien.sqlite3'}"),
        conn_max_age=env_int("OMZIEN_DB_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "omzien.core.lockout.AddressLimitBackend",
    "axes.backends.AxesStandaloneBackend",
    "omzien.core.auth.UsernameOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "omzien.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Idle sessions expire: every request renews the cookie, so the age is the idle limit.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("OMZIEN_IDLE_TIMEOUT_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("OMZIEN_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# No script reads the CSRF cookie: forms carry the token and htmx sends it from the page
# (hx-headers), so the cookie gets the session cookie's flags (docs/configuration.md).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Brute-force lockout (django-axes): lock the account (whatever letter case, username or
# e-mail address was typed: core/lockout.py) after N failures, from any address; and a
# separate, higher limit per IP address (core/lockout.py: AddressLimitBackend).
AXES_FAILURE_LIMIT = env_int("OMZIEN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("OMZIEN_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that the lock does not include the IP address: on purpose, the account is locked
# from any address (issue 8), and core/lockout.py: AddressLimitBackend limits each address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "omzien.core.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
OMZIEN_LOGIN_IP_FAILURE_LIMIT = env_int("OMZIEN_LOGIN_IP_FAILURE_LIMIT", 50)
# Password-reset requests per e-mail address and per IP address ("N/s|m|h|d"; "off").
OMZIEN_PASSWORD_RESET_ACCOUNT_RATE = env_str("OMZIEN_PASSWORD_RESET_ACCOUNT_RATE", "3/h")
OMZIEN_PASSWORD_RESET_IP_RATE = env_str("OMZIEN_PASSWORD_RESET_IP_RATE", "20/h")
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

OTP_TOTP_ISSUER = "Omzien"

# Dutch is the language of the UI. English is listed for translators; until a translation
# exists no request switches to it (so <html lang> always matches the content).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env_str(
    "OMZIEN_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("OMZIEN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("OMZIEN_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("OMZIEN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("OMZIEN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("OMZIEN_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("OMZIEN_DEFAULT_FROM_EMAIL", "Omzien <noreply@omzien.invalid>")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "omzien.core.api.problem_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Omzien API",
    "DESCRIPTION": "API of Omzien, the toolkit of the programme Eén tegen eenzaamheid.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Cache in the database by default: shared by every process (rate limits), no extra server.
# At scale point OMZIEN_CACHE_URL at Redis (redis://host:6379/0).
_CACHE_URL = env_str("OMZIEN_CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "omzien_cache",
        }
    )
}

# Rate limits of the public pages ("N/s|m|h|d", e.g. "10/h" or "5/15m"; "off" disables).
OMZIEN_PUBLIC_FORM_RATE = env_str("OMZIEN_PUBLIC_FORM_RATE", "10/h")
OMZIEN_PARTNER_FORM_RATE = env_str("OMZIEN_PARTNER_FORM_RATE", "60/h")
OMZIEN_STATUS_RATE = env_str("OMZIEN_STATUS_RATE", "30/h")
# Behind a reverse proxy: the header with the client address (e.g. HTTP_X_FORWARDED_FOR)
# and how many trusted proxies append to it. Empty: use REMOTE_ADDR.
OMZIEN_TRUSTED_PROXY_HEADER = env_str("OMZIEN_TRUSTED_PROXY_HEADER", "")
OMZIEN_TRUSTED_PROXY_COUNT = env_int("OMZIEN_TRUSTED_PROXY_COUNT", 1)

#: Absolute base URL used in e-mails (links to cases), e.g. https://omzien.example.nl
OMZIEN_BASE_URL = env_str("OMZIEN_BASE_URL", "http://127.0.0.1:8000")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("OMZIEN_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies and SQL can contain personal data: keep them out of the logs.
        "django.request": {"level": "ERROR", "propagate": True},
        "django.db.backends": {"level": "WARNING", "propagate": True},
        "axes": {"level": "WARNING", "propagate": True},
    },
}

# --- Single sign-on (issue 13) ---
# OIDC per municipality (docs/sso.md): providers are records (core.SsoProvider) edited in the
# Django admin; each names the environment variable holding its client secret.
AUTHENTICATION_BACKENDS += ["omzien.core.sso.backend.SsoBackend"]
OMZIEN_SSO_TIMEOUT = env_int("OMZIEN_SSO_TIMEOUT_SECONDS", 10)
LOGGING["loggers"]["mozilla_django_oidc"] = {"level": "WARNING", "propagate": True}

# --- Backups and restore (issue 13) ---
# Where `manage.py backup` writes its files, and the append-only journal of erasures that
# `manage.py restore` replays (docs/backups.md). Keep the journal outside the backups' reach.
OMZIEN_BACKUP_DIR = Path(env_str("OMZIEN_BACKUP_DIR", str(VAR_DIR / "backups")))
OMZIEN_ERASURE_JOURNAL = env_str("OMZIEN_ERASURE_JOURNAL", str(VAR_DIR / "erasure-journal.jsonl"))

# --- Past one machine: tasks on RQ (issue 13) ---
# "db" (default): the queue is a table in the database, run by `manage.py db_worker`.
# "rq": RQ on Redis (django-tasks-rq), run by `manage.py rqworker default` on any number of
# machines; the Redis URL is OMZIEN_RQ_URL, else OMZIEN_CACHE_URL. docs/scaling.md.
OMZIEN_TASKS_BACKEND = env_str("OMZIEN_TASKS_BACKEND", "db").lower()
if OMZIEN_TASKS_BACKEND not in {"db", "rq"}:
    raise ImproperlyConfigured(
        f"OMZIEN_TASKS_BACKEND must be 'db' or 'rq', not {OMZIEN_TASKS_BACKEND!r}."
    )
if OMZIEN_TASKS_BACKEND == "rq":
    _RQ_URL = env_str("OMZIEN_RQ_URL", _CACHE_URL)
    if not _RQ_URL:
        raise ImproperlyConfigured(
            "OMZIEN_TASKS_BACKEND=rq needs Redis: set OMZIEN_RQ_URL (or OMZIEN_CACHE_URL), "
            "e.g. redis://127.0.0.1:6379/1."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # One queue; a job may run an hour (a national import of home-visit addresses).
    RQ_QUEUES = {"default": {"URL": _RQ_URL, "DEFAULT_TIMEOUT": 3600}}
    # The worker must run jobs with django-tasks-rq's job class; this makes it the default.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}

# --- HTTPS behind a reverse proxy (issue 13) ---
# Safe production defaults, switched off by OMZIEN_DEBUG=1; the documented production
# environment (docs/examples/omzien.env) passes `manage.py check --deploy` without warnings.
# Behind a proxy that terminates TLS, OMZIEN_PROXY_SSL_HEADER names the header (as a META key)
# in which the proxy says "https" (docs/deployment.md); without it the redirect would loop.
_PROXY_SSL_HEADER = env_str("OMZIEN_PROXY_SSL_HEADER", "").strip()
if _PROXY_SSL_HEADER and not _PROXY_SSL_HEADER.startswith("HTTP_"):
    raise ImproperlyConfigured(
        f"OMZIEN_PROXY_SSL_HEADER must be a request header as a META key, e.g. "
        f"HTTP_X_FORWARDED_PROTO, not {_PROXY_SSL_HEADER!r}."
    )
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
SECURE_SSL_REDIRECT = env_bool("OMZIEN_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = env_list("OMZIEN_SSL_REDIRECT_EXEMPT", [])
SECURE_HSTS_SECONDS = env_int("OMZIEN_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("OMZIEN_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("OMZIEN_HSTS_PRELOAD", not DEBUG)

# --- Observability (issue 13) ---
# JSON log lines with a request id (plain text for development), an access-log line per
# request, /gezond/ and /gereed/, and /metrics for Prometheus: docs/observability.md.
from omzien.core.observability.logs import configure as _configure_logging  # noqa: E402

OMZIEN_LOG_FORMAT = env_str("OMZIEN_LOG_FORMAT", "plain" if DEBUG else "json").lower()
LOGGING = _configure_logging(LOGGING, OMZIEN_LOG_FORMAT)
# First: every request gets its id, also those that later middleware answers itself.
MIDDLEWARE.insert(0, "omzien.core.observability.middleware.RequestIdMiddleware")
# /metrics answers only with this bearer token and/or from these addresses (404 when neither).
OMZIEN_METRICS_TOKEN = env_str("OMZIEN_METRICS_TOKEN", "")
OMZIEN_METRICS_ALLOWED_IPS = env_list("OMZIEN_METRICS_ALLOWED_IPS", [])
# The load balancer's probes of /gezond/ and /gereed/ may use plain HTTP behind the proxy.
SECURE_REDIRECT_EXEMPT = [*SECURE_REDIRECT_EXEMPT, r"^gezond/$", r"^gereed/$", r"^metrics$"]
