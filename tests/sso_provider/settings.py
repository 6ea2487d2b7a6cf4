"""Settings of the test identity provider. Everything comes from the environment that
launch.py sets: the SQLite file (SSO_IDP_DB) and the public URL (SSO_IDP_URL)."""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECRET_KEY = "sso-test-provider-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "sso_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SSO_IDP_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/login/"
# Omzien runs on the same host (another port): cookies do not look at ports, so the provider's
# cookies get names of their own.
SESSION_COOKIE_NAME = "idp_session"
CSRF_COOKIE_NAME = "idp_csrf"

SITE_URL = os.environ.get("SSO_IDP_URL", "http://127.0.0.1:8001")
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
OIDC_USERINFO = "sso_provider.hooks.userinfo"
OIDC_IDTOKEN_PROCESSING_HOOK = "sso_provider.hooks.idtoken"
