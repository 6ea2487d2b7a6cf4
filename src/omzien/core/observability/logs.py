"""Log records: the context fields, scrubbed request paths, JSON or plain text.

``configure(logging_dict, fmt)`` (called at the end of settings.py) puts two filters on every
handler and picks the formatter by ``OMZIEN_LOG_FORMAT`` (``json`` by default when DEBUG is
off, ``plain`` otherwise):

* ``ContextFilter`` adds the fields of ``context`` (``request_id``, ``intake_id``,
  ``task_id``, ...) to every record;
* ``ScrubFilter`` replaces the raw path in Django's own request records ("Internal Server
  Error: /status/ABC123/") by the route pattern, and drops the request object they carry
  (its text holds the full URL with the query string);
* ``logfilters.RqFilter`` on RQ's worker loggers: the exception's type instead of the
  traceback text that RQ puts in its message.

Both formatters write an exception as its type and stack, never its message: a message can
quote what someone typed (``KeyError('Jansen')``). See docs/observability.md.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from omzien.core.observability import context

FORMATS = ("json", "plain")
#: The fields of a JSON line besides the context fields and a record's ``extra``.
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class ContextFilter(logging.Filter):
    """Adds the fields of the work at hand (``context.current()``) to the record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in context.current().items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


def route_of(request) -> str:
    """The route pattern of a request (``status/<str:code>/``), never its path: paths can
    hold receipt codes and tokens. ``-`` when no route matched."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None and match.route else "-"


class ScrubFilter(logging.Filter):
    """Django's request loggers (``django.request``, ``django.security.*``) put the raw path
    in the message's arguments and the request on the record: keep the route only."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            path = request.path
            route = route_of(request)
            if isinstance(record.args, tuple):
                record.args = tuple(route if arg == path else arg for arg in record.args)
            del record.request
        return True


def safe_exception(exc_info) -> str:
    """The traceback without the exception's message (nor those of its causes)."""
    exc_type, _exc, tb = exc_info
    lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
    name = getattr(exc_type, "__qualname__", str(exc_type))
    lines.append(f"{exc_type.__module__}.{name} (message not logged)")
    return "".join(lines)


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: ``time``, ``level``, ``logger``, ``message``, the context
    fields and a record's ``extra``; exceptions as ``exc_info`` without their message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        super().__init__(JSON_FIELDS, *args, **kwargs)

    def formatTime(self, record, datefmt=None) -> str:  # noqa: N802 (logging's name)
        from datetime import UTC, datetime

        return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")

    def formatException(self, ei) -> str:  # noqa: N802 (logging's name)
        return safe_exception(ei)


class PlainFormatter(logging.Formatter):
    """``time LEVEL logger [request_id] message``; exceptions without their message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(context)s%(message)s")

    def format(self, record: logging.LogRecord) -> str:
        ids = [
            f"{key}={getattr(record, key)}"
            for key in ("request_id", "intake_id", "task_id")
            if getattr(record, key, None) is not None
        ]
        record.context = f"[{' '.join(ids)}] " if ids else ""
        exc_info, exc_text = record.exc_info, record.exc_text
        record.exc_info, record.exc_text = None, None  # not another formatter's cached text
        try:
            line = super().format(record)
        finally:
            record.exc_info, record.exc_text = exc_info, exc_text
        if exc_info:
            line = f"{line}\n{safe_exception(exc_info)}"
        return line


def configure(config: dict, fmt: str) -> dict:
    """The LOGGING dict of settings.py with the filters on every handler and the formatter
    ``fmt`` (``json`` or ``plain``) on the console. Django's development server's own access
    lines (raw paths with query strings) are off: the access log replaces them. Django's
    default handlers of ``django`` are off too: its records reach the root's handler only."""
    if fmt not in FORMATS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"OMZIEN_LOG_FORMAT must be 'json' or 'plain', not {fmt!r}.")
    config = {**config}
    config["filters"] = {
        **config.get("filters", {}),
        "context": {"()": ContextFilter},
        "scrub": {"()": ScrubFilter},
        "rq": {"()": "omzien.core.observability.logfilters.RqFilter"},
    }
    config["formatters"] = {
        **config.get("formatters", {}),
        "json": {"()": JsonFormatter},
        "plain": {"()": PlainFormatter},
    }
    handlers = {}
    for name, handler in config.get("handlers", {}).items():
        handlers[name] = {
            **handler,
            "filters": [*handler.get("filters", []), "context", "scrub"],
            "formatter": fmt,
        }
    config["handlers"] = handlers
    config["loggers"] = {
        # Django's own handlers of "django" (a console without our filters when DEBUG is on,
        # and mail_admins: e-mails with the request's data): records go to the root's only.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        **config.get("loggers", {}),
        "django.server": {"handlers": [], "propagate": False},
        "omzien.access": {"level": "INFO", "propagate": True},
        # RQ's worker logs a failed job's traceback text, message included, as its message.
        "rq.worker": {"filters": ["rq"], "propagate": True},
        "rq.registry": {"filters": ["rq"], "propagate": True},
    }
    return config
