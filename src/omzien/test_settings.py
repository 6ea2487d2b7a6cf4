"""Settings for the test suite: production settings with a test key and fixed choices."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from omzien.settings import *  # noqa: E402,F403

TWO_FACTOR = "required"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
