"""The data side of the two-node test (``test_two_nodes.py``), run as a separate process
against the test's scratch database with the production settings:

``python -m tests.production.two_nodes_data prepare``  Zeist live, a coordinator with a verified
    session (its cookie), a partner organisation with an API key; prints them as JSON.
``python -m tests.production.two_nodes_data daily HH:MM``  the scheduler's check at that local
    time today (``enqueue_due_jobs``): prints the jobs this process enqueued.
``python -m tests.production.two_nodes_data report``  what became of it all, as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import django


def prepare() -> dict:
    from django.conf import settings
    from django.test import Client

    from omzien.core.models import Membership, Municipality, Organisation, User
    from omzien.core.tests.factories import login_verified
    from omzien.signalling.setup.services import create_api_key
    from omzien.signalling.tests.factories import go_live

    zeist = go_live(Municipality.objects.get(code="GM0355"))
    coordinator = User.objects.create_user(
        username="two-nodes-coordinator", email="coordinator@example.invalid", password=None
    )
    Membership.objects.create(user=coordinator, municipality=zeist, role="coordinator")
    partner = Organisation.objects.create(municipality=zeist, name="Bibliotheek", kind="welfare")
    issued = create_api_key(actor=coordinator, organisation=partner, name="two nodes")
    client = Client()
    login_verified(client, coordinator)
    cookie = settings.SESSION_COOKIE_NAME
    return {"api_key": issued.secret, "session_cookie": [cookie, client.cookies[cookie].value]}


def daily(at: str) -> list[str]:
    from django.utils import timezone

    from omzien.signalling.tasks import enqueue_due_jobs

    hour, minute = map(int, at.split(":"))
    today = timezone.localdate()
    now = timezone.make_aware(dt.datetime.combine(today, dt.time(hour, minute)))
    return enqueue_due_jobs(now)


def report() -> dict:
    from django.db.models import Count

    from omzien.core.models import AuditEvent
    from omzien.signalling.models import AcceptedSignal, ScheduledRun, Signal
    from omzien.socialmap.models import ImportJob, Initiative

    signals = Signal.objects.all()
    return {
        "accepted": AcceptedSignal.objects.count(),
        "accepted_waiting": AcceptedSignal.objects.filter(signal__isnull=True).count(),
        "signals_by_channel": dict(
            signals.values_list("channel").annotate(n=Count("id")).order_by()
        ),
        "signals_without_case": signals.filter(case__isnull=True).count(),
        "cases": signals.values("case").distinct().count(),
        "receipt_codes": sorted(signals.values_list("receipt_code", flat=True)),
        "api_receipts": sorted(AcceptedSignal.objects.values_list("receipt_code", flat=True)),
        "imports": [
            {"state": job.state, "created": job.summary.get("created")}
            for job in ImportJob.objects.order_by("pk")
        ],
        "initiatives": Initiative.objects.count(),
        "imports_audited": AuditEvent.objects.filter(action="catalogue_imported").count(),
        "scheduled_runs": sorted(
            [run.job, bool(run.task_result_id)] for run in ScheduledRun.objects.all()
        ),
    }


if __name__ == "__main__":
    django.setup()
    command, *rest = sys.argv[1:]
    result = {"prepare": prepare, "daily": daily, "report": report}[command](*rest)
    sys.stdout.write("\n" + json.dumps(result) + "\n")
