"""Scheduled work of the signalling point, as Django tasks (database backend).

* ``purge_personal_data``: retention in every municipality (``retention.py``);
* ``send_overdue_digest``: the coordinators' daily digest of overdue cases (``digest.py``).

The worker (``manage.py db_worker``) runs enqueued tasks. django-tasks has no scheduler, so
``manage.py run_scheduler`` calls ``enqueue_due_jobs`` every minute: each job of
``DAILY_JOBS`` is enqueued once per day at or after its time, however many schedulers run
(a ``ScheduledRun`` row per job and day with a unique constraint). Cron can call the two
management commands instead; see docs/operations.md.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from omzien.core import extensions
from omzien.core.extensions import DailyJob
from omzien.signalling import digest
from omzien.signalling.intake import inbox as intake
from omzien.signalling.models import ScheduledRun
from omzien.signalling.privacy import retention

logger = logging.getLogger("omzien.tasks")


@task()
def purge_personal_data(municipality_code: str | None = None) -> dict[str, dict[str, int]]:
    """Erase what the retention periods say is due; returns counts per municipality code."""
    results = retention.run_retention_everywhere(code=municipality_code)
    for code, counts in results.items():
        logger.info("retention municipality=%s %s", code, counts.as_dict())
    # Retention reaches a partner-API signal once it is processed; one waiting longer than a
    # day is an alarm (intake/inbox.py), logged here too in case no processor runs at all.
    intake.log_if_stale()
    return {code: counts.as_dict() for code, counts in results.items()}


@task()
def send_overdue_digest(municipality_code: str | None = None) -> dict[str, int]:
    """E-mail each municipality's coordinators the digest of overdue cases; returns the
    number of overdue cases per municipality code that got a digest."""
    results = digest.send_overdue_digests(code=municipality_code)
    sent = {code: result.cases for code, result in results.items() if result.recipients}
    for code, cases in sent.items():
        logger.info("overdue digest municipality=%s cases=%s", code, cases)
    return sent


#: The daily jobs of every app (``core.extensions.daily_jobs``). The signalling point adds
#: retention at night and the digest before the working day starts (``register_daily_jobs``);
#: later apps add theirs the same way (the home visits: erasing addresses of closed rounds).
DAILY_JOBS = extensions.daily_jobs


def register_daily_jobs() -> None:
    DAILY_JOBS.register(DailyJob("purge_personal_data", purge_personal_data, dt.time(2, 0), 10))
    DAILY_JOBS.register(DailyJob("send_overdue_digest", send_overdue_digest, dt.time(7, 0), 20))


def enqueue_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every daily job that is due today and not yet enqueued today, by any process.

    Claiming the (job, day) row and enqueueing happen in one transaction (the task queue is
    in the same database), so a job is never claimed without being enqueued, or twice.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    enqueued = []
    for job in DAILY_JOBS:
        if local.time() < job.at:
            continue
        if ScheduledRun.objects.filter(job=job.name, run_on=local.date()).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(
                    job=job.name, run_on=local.date(), enqueued_at=now
                )
                result = job.task.enqueue()
                run.task_result_id = str(result.id)
                run.save(update_fields=["task_result_id"])
        except IntegrityError:
            continue  # another scheduler enqueued it a moment ago
        logger.info(
            "scheduler enqueued job=%s day=%s",
            job.name,
            local.date(),
            extra={"job": job.name, "task_id": str(result.id)},  # the worker logs this id too
        )
        enqueued.append(job.name)
    return enqueued
