"""The log context: fields that every log record of the work at hand carries.

A web request gets a ``request_id``, the intake processor an ``intake_id``, the task worker a
``task_id`` (and the task's name). The fields live in a contextvar, so threads and async
tasks keep their own. Only ids: never a name, an address or a text.
"""

from __future__ import annotations

import contextvars
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

_EMPTY: dict[str, object] = {}  # never changed: set_fields makes a new dict
_fields: contextvars.ContextVar[dict[str, object]] = contextvars.ContextVar("omzien_log_context")

#: A request id from the proxy is taken only when it looks like one: 16 to 64 hexadecimal
#: characters and dashes (nginx ``$request_id``, a UUID). Anything else could carry text.
REQUEST_ID = re.compile(r"[0-9A-Fa-f-]{16,64}")


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_id_from(header: str | None) -> str:
    """The proxy's request id when it is safe to log, else a new one."""
    if header and REQUEST_ID.fullmatch(header):
        return header
    return new_request_id()


def current() -> dict[str, object]:
    """The fields of the work at hand (a copy)."""
    return dict(_fields.get(_EMPTY))


def set_fields(**fields: object) -> contextvars.Token:
    """Add fields to the context; ``reset`` with the token undoes it."""
    return _fields.set({**_fields.get(_EMPTY), **fields})


def reset(token: contextvars.Token) -> None:
    _fields.reset(token)


@contextmanager
def log_context(**fields: object) -> Iterator[None]:
    """``with log_context(intake_id=7): ...``: every record inside carries the fields."""
    token = set_fields(**fields)
    try:
        yield
    finally:
        reset(token)
