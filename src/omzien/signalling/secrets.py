"""Secrets handed to partners (API keys, partner-link tokens): shown once, stored hashed."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

API_KEY_PREFIX_LENGTH = 8


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def hash_secret(secret: str) -> str:
    """Keyed SHA-256 (HMAC with SECRET_KEY): fast to check on every request, useless if
    the database leaks without the key. The secrets are long and random, so no slow hash
    is needed."""
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def new_api_key() -> tuple[str, str, str]:
    """(full key to show once, prefix to look it up, hash to store)."""
    body = new_secret()
    prefix = body[:API_KEY_PREFIX_LENGTH]
    key = f"oz_{body}"
    return key, prefix, hash_secret(key)


def prefix_of(key: str) -> str:
    return key.removeprefix("oz_")[:API_KEY_PREFIX_LENGTH]


def matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)
