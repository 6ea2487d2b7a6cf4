"""The daily digest of overdue cases, the daily tasks and the scheduler (issue 4)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from omzien.core.models import AuditEvent, Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling import digest
from omzien.signalling.cases import services
from omzien.signalling.models import ScheduledRun
from omzien.signalling.settings import settings_of
from omzien.signalling.tasks import DAILY_JOBS, enqueue_due_jobs, send_overdue_digest
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]

AMS = ZoneInfo("Europe/Amsterdam")
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
NAME = "Johanna Digesttest-Persoon"
CONCERN = "De brievenbus van mevrouw puilt uit, zegt buurman Digestbuur"
STREET = "Digeststraatje"


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def people():
    municipality = zeist()
    return {
        "coordinator": member(Role.COORDINATOR, municipality, email="kartrekker@zeist.invalid"),
        "coordinator2": member(Role.COORDINATOR, municipality, email="tweede@zeist.invalid"),
        "caseworker": member(Role.CASEWORKER, municipality, email="werker@zeist.invalid"),
        "elsewhere": member(
            Role.COORDINATOR,
            Municipality.objects.get(code="GM0344"),
            email="kartrekker@utrecht.invalid",
        ),
    }


def overdue_signal(**fields):
    with at(MONDAY):
        return file_signal(
            postcode="3701 XK",
            house_number="9",
            person_name=NAME,
            concern=CONCERN,
            reporter_email="melder.digest@example.invalid",
            **fields,
        )


def test_the_digest_lists_overdue_cases_by_code_and_link_only(people):
    late = overdue_signal()
    with at(MONDAY + dt.timedelta(hours=50)):
        sent = digest.send_overdue_digests()
    assert sent["GM0355"].cases == 1
    [message] = mail.outbox
    assert sorted(message.to) == ["kartrekker@zeist.invalid", "tweede@zeist.invalid"]
    assert "1 trajecten over de termijn" in message.subject
    link = reverse(
        "signalling:case_detail", kwargs={"municipality_slug": "zeist", "pk": late.case.pk}
    )
    assert link in message.body
    assert late.signal.receipt_code in message.body
    text = message.subject + message.body
    for personal in (NAME, CONCERN, "3701 XK", "3701XK", "melder.digest", STREET):
        assert personal not in text
    assert AuditEvent.objects.filter(action="overdue_digest_sent").count() == 1


def test_the_digest_goes_only_to_that_municipalitys_coordinators(people):
    overdue_signal()
    utrecht = Municipality.objects.get(code="GM0344")
    with at(MONDAY):
        file_signal(utrecht, postcode="3511 AB", house_number="5", concern="Zorgen.")
    with at(MONDAY + dt.timedelta(hours=50)):
        digest.send_overdue_digests()
    by_recipients = {tuple(sorted(m.to)): m for m in mail.outbox}
    assert set(by_recipients) == {
        ("kartrekker@zeist.invalid", "tweede@zeist.invalid"),
        ("kartrekker@utrecht.invalid",),
    }
    for message in mail.outbox:
        assert "werker@zeist.invalid" not in message.to


def test_the_configured_notify_address_gets_the_digest(people):
    overdue_signal()
    settings = settings_of(zeist())
    settings.notify_email = "signaalpunt@zeist.invalid"
    settings.save()
    with at(MONDAY + dt.timedelta(hours=50)):
        digest.send_overdue_digests()
    assert [m.to for m in mail.outbox] == [["signaalpunt@zeist.invalid"]]


def test_no_digest_before_the_deadline_or_after_first_contact(people):
    late = overdue_signal()
    with at(MONDAY + dt.timedelta(hours=47)):
        digest.send_overdue_digests()
    assert mail.outbox == []
    with at(MONDAY + dt.timedelta(hours=10)):
        services.assign_case(
            actor=people["coordinator"], case=late.case, caseworker=people["caseworker"]
        )
        services.log_attempt(
            actor=people["caseworker"], case=late.case, method="phone", reached=True
        )
    with at(MONDAY + dt.timedelta(hours=50)):
        digest.send_overdue_digests()
    assert mail.outbox == []


def test_urgent_cases_head_the_digest(people):
    normal = overdue_signal()
    with at(MONDAY + dt.timedelta(hours=1)):
        urgent = file_signal(
            postcode="3701 XK", house_number="11", concern="Hij wil niet meer leven."
        )
    assert urgent.urgent
    mail.outbox.clear()  # the immediate urgent notification
    with at(MONDAY + dt.timedelta(hours=50)):
        digest.send_overdue_digests()
    [message] = mail.outbox
    body = message.body
    assert body.index(f"Traject #{urgent.case.pk}") < body.index(f"Traject #{normal.case.pk}")
    assert "URGENT" in body


def test_the_task_and_the_command_send_the_same_digest(people):
    overdue_signal()
    with at(MONDAY + dt.timedelta(hours=50)):
        assert send_overdue_digest.call() == {"GM0355": 1}
        out = io.StringIO()
        call_command("send_overdue_digest", "--municipality", "GM0355", stdout=out)
    assert len(mail.outbox) == 2
    assert "GM0355: digest of 1 overdue cases sent to 2 addresses" in out.getvalue()


# --- The scheduler -----------------------------------------------------------------------------


def run_scheduler() -> str:
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


def test_the_scheduler_enqueues_each_daily_job_once_per_day():
    with at(MONDAY):  # 09:00, after every job's time
        first = run_scheduler()
        second = run_scheduler()
    assert first.count("Enqueued") == len(DAILY_JOBS)
    assert second == ""
    assert DBTaskResult.objects.count() == len(DAILY_JOBS)
    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "omzien.signalling.tasks.purge_personal_data",
        "omzien.signalling.tasks.send_overdue_digest",
        "omzien.visits.tasks.erase_visit_addresses",  # a later app's job (core.daily_jobs)
    }
    with at(MONDAY + dt.timedelta(days=1)):
        assert run_scheduler().count("Enqueued") == len(DAILY_JOBS)
    assert ScheduledRun.objects.count() == 2 * len(DAILY_JOBS)


def test_the_scheduler_waits_for_each_jobs_time_of_day():
    with at(dt.datetime(2026, 3, 2, 1, 30, tzinfo=AMS)):
        assert enqueue_due_jobs() == []
    with at(dt.datetime(2026, 3, 2, 3, 0, tzinfo=AMS)):
        assert enqueue_due_jobs() == ["purge_personal_data", "erase_visit_addresses"]
    with at(dt.datetime(2026, 3, 2, 7, 30, tzinfo=AMS)):
        assert enqueue_due_jobs() == ["send_overdue_digest"]
        assert enqueue_due_jobs() == []


def test_a_day_already_claimed_by_another_scheduler_is_skipped():
    """The unique (job, day) row is the lock between scheduler processes."""
    with at(MONDAY):
        ScheduledRun.objects.create(job="purge_personal_data", run_on=MONDAY.date())
        assert enqueue_due_jobs() == ["send_overdue_digest", "erase_visit_addresses"]
    assert DBTaskResult.objects.count() == 2


def test_the_worker_runs_what_the_scheduler_enqueued(people, monkeypatch):
    # The worker drops "old" connections between tasks; inside the test's transaction that
    # would close the test's own connection on PostgreSQL.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    overdue_signal()
    with at(MONDAY + dt.timedelta(hours=50)):
        enqueue_due_jobs()
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {"SUCCESSFUL"}
    assert len(mail.outbox) == 1
