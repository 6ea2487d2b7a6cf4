"""Filters for the log records of libraries that put exception or request text in the
message itself, where the formatters' scrubbing of ``exc_info`` cannot reach it.

* ``RqFilter`` (on the ``rq.worker`` and ``rq.registry`` loggers, see ``logs.configure``):
  RQ logs a failed job as ``Worker w: job j: exception raised while executing (func)\\n`` plus
  the whole traceback *text*, message included (``ValueError: Jansen``). Kept: the worker,
  the job id, the function and the exception's type. The job's description (its arguments)
  and return value are left out too.
* ``GunicornFilter`` (on ``gunicorn.error``, see deploy/gunicorn.conf.py): gunicorn logs
  ``Error handling request /status/ABC?q=Jansen``; the path and query string are left out.
"""

from __future__ import annotations

import logging
import re

NOT_LOGGED = "(not logged)"
_TYPE = re.compile(r"^([A-Za-z_][\w.]*)(?::|$)")


def exception_type(text: object) -> str:
    """The exception's type from a formatted traceback (``builtins.ValueError`` style names
    too), never its message; ``-`` when the text has none."""
    lines = str(text).splitlines()
    frames = [i for i, line in enumerate(lines) if line.startswith("  File ")]
    for line in lines[frames[-1] + 1 if frames else 0 :]:
        if line and not line[0].isspace():
            match = _TYPE.match(line)
            return match.group(1) if match else "-"
    return "-"


def _call(description: object) -> str:
    """``omzien.tasks.send(12, 'Jansen')`` → ``omzien.tasks.send``."""
    return str(description).split("(", 1)[0]


#: RQ's message templates that carry text of a job: how to make their arguments safe.
_RQ_MESSAGES = {
    "Worker %s: job %s: exception raised while executing (%s)\n%s": (
        "Worker %s: job %s: exception raised while executing (%s): %s (message not logged)",
        lambda name, job, func, exc: (name, job, func, exception_type(exc)),
    ),
    "Worker %s: %s: %s (%s)": (
        "Worker %s: %s: %s (%s)",
        lambda name, queue, description, job: (name, queue, _call(description), job),
    ),
    "Successfully completed %s job in %ss on worker %s": (
        "Successfully completed %s job in %ss on worker %s",
        lambda description, took, name: (_call(description), took, name),
    ),
    "Worker %s: result: %r": ("Worker %s: result: %s", lambda name, _result: (name, NOT_LOGGED)),
}


class RqFilter(logging.Filter):
    """Keeps RQ's records to ids, function names and exception types (see the module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        # RQ's ``extra`` of a failure: the job's arguments (the JSON formatter writes extras).
        record.__dict__.pop("arguments", None)
        record.__dict__.pop("kwargs", None)
        known = _RQ_MESSAGES.get(record.msg) if isinstance(record.msg, str) else None
        args = record.args if isinstance(record.args, tuple) else ()
        if known is not None and len(args) == known[1].__code__.co_argcount:
            record.msg, record.args = known[0], known[1](*args)
        elif args:  # any other message: no traceback text among its arguments
            record.args = tuple(
                exception_type(arg)
                if isinstance(arg, str) and "Traceback (most recent call last)" in arg
                else arg
                for arg in args
            )
        return True


class GunicornFilter(logging.Filter):
    """gunicorn's error log without request URIs (paths hold codes, queries search terms)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            return True
        if record.msg.startswith("Error handling request"):
            count = record.msg.count("%s")
            args = record.args if isinstance(record.args, tuple) else ()
            if count == 2 and len(args) == 2:  # method, URI
                record.args = (args[0], NOT_LOGGED)
            elif count == 1 and len(args) == 1:
                record.args = (NOT_LOGGED,)
        elif record.msg.startswith("Invalid request from"):
            # Formatted by gunicorn itself: "Invalid request from ip=...: <the request line>".
            record.msg, record.args = record.msg.split(": ", 1)[0] + f": {NOT_LOGGED}", ()
        return True
