"""The one settings reader: typed access to environment variables with clear errors."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


_SCHEMES = {"sqlite", "postgres", "postgresql", "pgsql"}


def parse_database_url(url: str, conn_max_age: int = 0) -> dict[str, Any]:
    """Parse DATABASE_URL, failing with a message that names the problem (never the password)."""
    import dj_database_url

    parsed = urlparse(url)
    if parsed.scheme not in _SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unsupported scheme {parsed.scheme or '(none)'!r}; use "
            "sqlite:///path/to/file.sqlite3 or postgres://user:password@host:5432/name."
        )
    if parsed.scheme == "sqlite":
        if not parsed.path or parsed.path == "/":
            raise ImproperlyConfigured(
                "DATABASE_URL for SQLite needs a file path, e.g. sqlite:///var/omzien.sqlite3."
            )
    else:
        try:
            port = parsed.port
        except ValueError:
            raise ImproperlyConfigured("DATABASE_URL has a port that is not a number.") from None
        if not parsed.hostname or not parsed.path.strip("/"):
            raise ImproperlyConfigured(
                "DATABASE_URL for PostgreSQL needs a host and a database name, e.g. "
                "postgres://user:password@127.0.0.1:5432/omzien."
            )
        del port
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except Exception as exc:  # dj_database_url raises several types
        raise ImproperlyConfigured(
            f"DATABASE_URL could not be read: {type(exc).__name__}."
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["timeout"] = 20
        config.setdefault("TEST", {})["NAME"] = None  # in-memory test database
    return config
