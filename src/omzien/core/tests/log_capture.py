"""Capture what the configured console handler writes (its filters and formatter as in
production), for tests of the logs (issue 13)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from omzien.core.observability.logs import JsonFormatter, PlainFormatter


def console_handler() -> logging.Handler:
    for handler in logging.getLogger().handlers:
        if isinstance(handler.formatter, JsonFormatter | PlainFormatter):
            return handler
    raise AssertionError("No console handler with Omzien's formatter on the root logger.")


@contextmanager
def captured_logs(level: int = logging.INFO) -> Iterator[io.StringIO]:
    """Everything the console handler writes while inside, at ``level`` on the root logger."""
    handler = console_handler()
    root = logging.getLogger()
    buffer = io.StringIO()
    old_stream, old_level = handler.setStream(buffer), root.level
    root.setLevel(level)
    try:
        yield buffer
    finally:
        handler.setStream(old_stream)
        root.setLevel(old_level)


def json_lines(buffer: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]


def access_lines(buffer: io.StringIO) -> list[dict]:
    return [line for line in json_lines(buffer) if line["logger"] == "omzien.access"]
