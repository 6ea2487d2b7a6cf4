"""The log context of background work: the task worker's ``task_id`` and ``task``.

django-tasks sends ``task_started`` and ``task_finished`` around each task it runs
(``manage.py db_worker``); between them every log record carries the task's id and name.
The intake processor binds ``intake_id`` itself (``signalling/intake/inbox.py``).
"""

from __future__ import annotations

import contextlib

from django_tasks.signals import task_finished, task_started

from omzien.core.observability import context

_token = None


def _started(sender, task_result, **kwargs) -> None:
    global _token
    _token = context.set_fields(task_id=str(task_result.id), task=task_result.task.name)


def _finished(sender, task_result, **kwargs) -> None:
    global _token
    if _token is not None:
        # Set in another context (a thread): nothing of ours to undo there.
        with contextlib.suppress(ValueError):
            context.reset(_token)
        _token = None


def connect() -> None:
    task_started.connect(_started, dispatch_uid="omzien.observability.task_started")
    task_finished.connect(_finished, dispatch_uid="omzien.observability.task_finished")
