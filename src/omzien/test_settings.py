"""Settings for the test suite: production settings with a test key and fixed choices."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")

from omzien.settings import *  # noqa: E402,F403

TWO_FACTOR = "required"
# Fast hashing: Argon2 costs ~0.1 s per password. Test users have no password unless a test
# asks for one (core/tests/factories.py); test_accounts checks that production uses Argon2.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# The erasure journal (docs/backups.md) is off in tests unless a test points it at its own file.
OMZIEN_ERASURE_JOURNAL = ""

# The test client speaks plain HTTP: no redirect to HTTPS (production redirects by default).
SECURE_SSL_REDIRECT = False
