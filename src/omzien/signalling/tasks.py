"""Scheduled work of the signalling point, as Django tasks (database queue or RQ).

* ``purge_personal_data``: retention in every municipality (``retention.py``);
* ``send_overdue_digest``: the coordinators' daily digest of overdue cases (``digest.py``).

The worker (``manage.py db_worker``, or ``manage.py rqworker`` with RQ: docs/scaling.md) runs
enqueued tasks. django-tasks has no scheduler, so
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

from omzien.core import extensions, tasking
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


#: With RQ, a claim whose task id is still empty this long after it was made is taken to be
#: from a scheduler that died between claiming and enqueueing; another scheduler takes it over.
STALE_CLAIM = dt.timedelta(minutes=10)


def enqueue_due_jobs(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every daily job that is due today and not yet enqueued today, by any process.

    With the database queue, claiming the (job, day) row and enqueueing happen in one
    transaction (the queue is in the same database), so a job is never claimed without being
    enqueued, or twice. With RQ the queue is in Redis: see ``_claim_then_enqueue``.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    enqueued = []
    for job in DAILY_JOBS:
        if local.time() < job.at:
            continue
        if tasking.queue_outside_database(job.task.backend):
            done = _claim_then_enqueue(job, local.date(), now)
        else:
            done = _enqueue_in_one_transaction(job, local.date(), now)
        if done:
            logger.info(
                "scheduler enqueued job=%s day=%s",
                job.name,
                local.date(),
                extra={"job": job.name, "task_id": done},  # the worker logs this id too
            )
            enqueued.append(job.name)
    return enqueued


def _enqueue_in_one_transaction(job: DailyJob, day: dt.date, now: dt.datetime) -> str:
    """Claim and enqueue together; the task's id, or "" when another scheduler was first."""
    if ScheduledRun.objects.filter(job=job.name, run_on=day).exists():
        return ""
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, run_on=day, enqueued_at=now)
            result = job.task.enqueue()
            run.task_result_id = str(result.id)
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        return ""  # another scheduler enqueued it a moment ago
    return run.task_result_id


def _claim_then_enqueue(job: DailyJob, day: dt.date, now: dt.datetime) -> str:
    """RQ: commit the claim of (job, day) first, then enqueue, then note the task's id.

    Only the scheduler whose claim committed enqueues, so the job is enqueued once. If
    enqueueing fails (Redis unreachable) the claim is withdrawn and the next check retries.
    A claim left without a task id for ``STALE_CLAIM`` (its scheduler died in between) is
    taken over by one other scheduler; only a scheduler that dies after enqueueing and before
    noting the id can thus cause a second run (docs/scaling.md). Returns the task's id, or ""
    when this scheduler did not enqueue it.
    """
    existing = ScheduledRun.objects.filter(job=job.name, run_on=day).first()
    if existing is None:
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, run_on=day, enqueued_at=now)
        except IntegrityError:
            return ""  # another scheduler claimed it a moment ago
    elif existing.task_result_id or existing.enqueued_at > now - STALE_CLAIM:
        return ""
    else:
        taken = ScheduledRun.objects.filter(
            pk=existing.pk, task_result_id="", enqueued_at=existing.enqueued_at
        ).update(enqueued_at=now)
        if not taken:
            return ""
        run = existing
    try:
        result = job.task.enqueue()
    except Exception as error:  # Redis unreachable, or full: withdraw the claim, retry later
        ScheduledRun.objects.filter(pk=run.pk, task_result_id="").delete()
        logger.error("scheduler could not enqueue job=%s: %s", job.name, type(error).__name__)
        return ""
    ScheduledRun.objects.filter(pk=run.pk).update(task_result_id=str(result.id))
    return str(result.id)
