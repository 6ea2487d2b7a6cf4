"""Retention of a round's addresses (issue 11, item 7), with frozen time: a round closed 89
days ago with a retention of 90 days is kept, at 91 days its addresses are erased; the
tombstone keeps the counts, the attempts stay without their address, progress and the
district report read the same, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import (
    AddressImport,
    RoundTombstone,
    VisitAddress,
    VisitAttempt,
    VisitReport,
    VisitRound,
)
from omzien.visits.privacy.retention import run_address_retention
from omzien.visits.progress import report, tables
from omzien.visits.tests.factories import address, attempt, visit_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]

CLOSED = dt.datetime(2027, 3, 1, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def at(days: float):
    return time_machine.travel(CLOSED + dt.timedelta(days=days), tick=False)


@pytest.fixture
def closed_round(small_municipality):
    """A round closed at CLOSED (retention 90 days): Noord 6 visited, 1 declined, 1 not home;
    Zuid 1 objection; each visit with a call-back phone number; an import with a bad row."""
    town = small_municipality.municipality
    noord, _midden, zuid = small_municipality.districts
    with time_machine.travel(CLOSED - dt.timedelta(days=30), tick=False):
        done = visit_round(town, retention_days=90)
        for index in range(6):
            addr = address(done, district=noord, surname=f"Wisnaam{index}",
                           letter_sent_at=CLOSED)  # fmt: skip
            VisitReport.objects.create(
                attempt=attempt(addr, "visited"), municipality=town, contact_phone="0611111111",
                wants_more_contact="yes", follow_up="none",
            )  # fmt: skip
        attempt(address(done, district=noord), "declined")
        attempt(address(done, district=noord), "not_home")
        address(done, district=zuid, status=VisitAddress.Status.OBJECTION)
        AddressImport.objects.create(
            round=done, municipality=town, kind="addresses", file_name="brp.csv",
            upload=b"Wisnaam;1945", problems=[{"line": 3, "reason": "Wisnaam: geen datum"}],
            total=10,
        )  # fmt: skip
    VisitRound.objects.filter(pk=done.pk).update(status=VisitRound.Status.CLOSED, closed_at=CLOSED)
    done.refresh_from_db()
    return small_municipality, done


def cells(round):
    round = VisitRound.objects.get(pk=round.pk)
    return [
        (row.name, row.cells(exact=True)) for row, _c in tables.progress(round, exact=True).table()
    ]


def test_a_round_is_kept_at_89_days_and_erased_at_91(closed_round):
    small, done = closed_round
    noord = small.districts[0]
    before = cells(done)
    with at(89):
        assert run_address_retention() == {}
    assert VisitAddress.objects.filter(round=done).count() == 9
    with at(91):
        results = run_address_retention()
    assert results == {small.municipality.code: {"rounds": 1, "addresses": 9}}
    done.refresh_from_db()
    assert done.erased_at == CLOSED + dt.timedelta(days=91)
    assert not VisitAddress.objects.filter(round=done).exists()
    # The tombstone: counts per district and per status and outcome, no names.
    counts = RoundTombstone.objects.get(round=done).counts
    assert counts["addresses"] == 9
    assert counts["status"] == {"to_visit": 8, "objection": 1}
    assert counts["attempts"] == {"visited": 6, "declined": 1, "not_home": 1}
    assert counts["districts"][str(noord.pk)]["reached"] == 7
    assert counts["districts"][str(noord.pk)]["not_home"] == 1
    assert "Wisnaam" not in str(counts)
    # The attempts stay, without address, with round and district; phones are gone.
    kept = VisitAttempt.objects.filter(round=done)
    assert kept.count() == 8 and not kept.filter(address__isnull=False).exists()
    assert set(kept.values_list("district", flat=True)) == {noord.pk}
    assert set(VisitReport.objects.values_list("contact_phone", flat=True)) == {""}
    job = AddressImport.objects.get(round=done)
    assert (bytes(job.upload), job.problems, job.total) == (b"", [], 10)
    # Progress reads the same; the district report still has its visits.
    assert cells(done) == before
    assert report.district_report(done, noord).visits == 6
    event = AuditEvent.objects.get(action="visit_addresses_erased")
    assert event.object_id == str(done.pk) and event.extra == {"addresses": 9, "phones": 6}


def test_a_second_run_changes_nothing(closed_round):
    _small, done = closed_round
    with at(91):
        run_address_retention()
    with at(200):
        assert run_address_retention() == {}
    assert RoundTombstone.objects.count() == 1
    assert AuditEvent.objects.filter(action="visit_addresses_erased").count() == 1


def test_a_running_round_is_never_erased(small_municipality):
    town = small_municipality.municipality
    with at(-200):
        running = visit_round(town, retention_days=0)
        address(running)
    with at(400):
        assert run_address_retention() == {}
    assert VisitAddress.objects.filter(round=running).exists()


def test_the_progress_page_says_the_addresses_are_erased(client, closed_round):
    small, done = closed_round
    town = small.municipality
    with at(91):
        run_address_retention()
    login_verified(client, member(Role.COORDINATOR, town))
    url = reverse("visits:round_progress", args=[town.slug, done.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="erased-note"' in page
    assert "Wisnaam" not in page


def test_the_command_counts_in_a_dry_run_and_then_erases(closed_round):
    small, done = closed_round
    out = io.StringIO()
    with at(91):
        call_command("erase_visit_addresses", "--dry-run", stdout=out)
        assert VisitAddress.objects.filter(round=done).count() == 9
        call_command("erase_visit_addresses", stdout=out)
    text = out.getvalue()
    assert f"{small.municipality.code}: would erase 9 addresses of 1 rounds" in text
    assert f"{small.municipality.code}: erased 9 addresses of 1 rounds" in text
    assert "Wisnaam" not in text
    assert not VisitAddress.objects.filter(round=done).exists()
