"""The scheduler with a task queue outside the database (RQ on Redis, issue 13): it commits its
claim of (job, day) before it enqueues, withdraws the claim when enqueueing fails, and takes
over a claim left without a task by a scheduler that died; and a task enqueued in a transaction
waits for its commit (docs/scaling.md, "Tasks on RQ").

Here the queue is the database queue, told to behave as one outside the database
(``tasking.queue_outside_database``), so that what was enqueued can be counted; the real RQ
path runs in tests/production/test_two_nodes.py."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.db import transaction
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from omzien.core import tasking
from omzien.signalling.models import ScheduledRun
from omzien.signalling.tasks import (
    DAILY_JOBS,
    STALE_CLAIM,
    enqueue_due_jobs,
    send_overdue_digest,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
ALL = [job.name for job in DAILY_JOBS]


@pytest.fixture(autouse=True)
def queue_outside_database(monkeypatch):
    monkeypatch.setattr(tasking, "queue_outside_database", lambda alias="default": True)


def test_each_daily_job_is_claimed_then_enqueued_once():
    assert enqueue_due_jobs(NOW) == ALL
    assert enqueue_due_jobs(NOW) == []
    assert enqueue_due_jobs(NOW + dt.timedelta(hours=5)) == []
    assert DBTaskResult.objects.count() == len(ALL)
    runs = ScheduledRun.objects.filter(run_on=NOW.date())
    assert set(runs.values_list("task_result_id", flat=True)) == {
        str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)
    }


def test_a_failed_enqueue_withdraws_the_claim_and_the_next_check_retries(monkeypatch, caplog):
    def unreachable(self, task, args, kwargs):
        raise ConnectionError("Redis is unreachable")

    with monkeypatch.context() as patch:
        patch.setattr(DatabaseBackend, "enqueue", unreachable)
        assert enqueue_due_jobs(NOW) == []
    assert not ScheduledRun.objects.exists()
    assert "could not enqueue job=purge_personal_data: ConnectionError" in caplog.text
    assert enqueue_due_jobs(NOW + dt.timedelta(minutes=1)) == ALL
    assert DBTaskResult.objects.count() == len(ALL)


def test_a_claim_left_without_a_task_is_taken_over_only_when_stale():
    job = ALL[0]
    ScheduledRun.objects.create(
        job=job, run_on=NOW.date(), enqueued_at=NOW - STALE_CLAIM + dt.timedelta(minutes=1)
    )
    assert job not in enqueue_due_jobs(NOW)  # another scheduler may be enqueueing it now
    assert enqueue_due_jobs(NOW + dt.timedelta(minutes=2)) == [job]  # it died: taken over
    assert enqueue_due_jobs(NOW + dt.timedelta(hours=1)) == []
    run = ScheduledRun.objects.get(job=job)
    assert run.task_result_id and DBTaskResult.objects.filter(task_path__endswith=job).count() == 1


def test_with_a_queue_outside_the_database_a_task_waits_for_the_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        tasking.enqueue_when_committed(send_overdue_digest, "GM0355")
        assert not DBTaskResult.objects.exists()  # a worker could not find its rows yet
    assert list(DBTaskResult.objects.values_list("args_kwargs", flat=True)) == [
        {"args": ["GM0355"], "kwargs": {}}
    ]


def test_with_a_queue_outside_the_database_a_rolled_back_task_is_never_enqueued(
    django_capture_on_commit_callbacks, monkeypatch
):
    # Redis would keep a task enqueued before the rollback: count the calls to the queue.
    calls = []
    enqueue = DatabaseBackend.enqueue
    monkeypatch.setattr(
        DatabaseBackend, "enqueue", lambda self, *args: calls.append(args) or enqueue(self, *args)
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tasking.enqueue_when_committed(send_overdue_digest, "GM0355")
        raise RuntimeError("the request failed")
    assert calls == [] and not DBTaskResult.objects.exists()
