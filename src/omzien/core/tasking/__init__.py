"""Enqueueing tasks with either task backend (docs/scaling.md, "Tasks on RQ").

``OMZIEN_TASKS_BACKEND`` picks the queue (settings.py, docs/configuration.md):

* ``db`` (default): django-tasks-db, the queue is a table in the same database. Enqueueing
  inside a transaction is part of that transaction: the task exists if and only if the
  transaction commits.
* ``rq``: django-tasks-rq, the queue lives in Redis. Enqueueing is NOT part of a database
  transaction: a task enqueued inside one could run before the rows it needs are committed,
  or run although the transaction rolled back.

``enqueue_when_committed`` gives the same guarantee with both: with RQ it waits until the
caller's transaction commits (at once when there is none) and enqueues nothing on rollback;
with the database queue (or django-tasks' immediate and dummy backends, which keep nothing
outside the database) it enqueues at once, inside the caller's transaction, if any.
"""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.RQBackend"


def backend_path(alias: str = "default") -> str:
    return settings.TASKS[alias]["BACKEND"]


def queue_in_database(alias: str = "default") -> bool:
    """Whether the task queue is a table in the database (enqueueing is transactional)."""
    return backend_path(alias) == DATABASE_BACKEND


def queue_outside_database(alias: str = "default") -> bool:
    """Whether enqueueing happens outside the database's transactions (RQ on Redis)."""
    return backend_path(alias) == RQ_BACKEND


def enqueue_when_committed(task, *args, **kwargs) -> None:
    """Enqueue ``task(*args, **kwargs)`` once the current transaction commits; see above."""
    if queue_outside_database(task.backend):
        transaction.on_commit(partial(task.enqueue, *args, **kwargs), robust=False)
    else:
        task.enqueue(*args, **kwargs)
