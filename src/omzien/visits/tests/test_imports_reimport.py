"""Importing a round again, and the objection and deceased lists (issue 11, item 2): the same
person is updated, never duplicated; what happened at the door stays; a list sets a status
and never creates an address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.imports.checking import register_key
from omzien.visits.models import AddressImport, VisitAddress, VisitAttempt
from omzien.visits.tests.factories import attempt, volunteer
from omzien.visits.tests.imports_helpers import EXAMPLES, csv_of, row, upload, zeist, zeist_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]
Done = AddressImport.State.DONE
Status = VisitAddress.Status


@pytest.fixture
def coordinator(client):
    user = member(Role.COORDINATOR, zeist())
    login_verified(client, user)
    return user


def by_surname() -> dict[str, VisitAddress]:
    return {a.surname: a for a in VisitAddress.objects.all()}


def test_the_register_key_ignores_case_and_spaces_but_not_the_address():
    one = register_key("1944-02-14", "3701GA", "12", "", "", "Verhoeven")
    assert one == register_key("1944-02-14", "3701GA", "12", "", "", "verhoeven")
    assert one != register_key("1944-02-14", "3701GA", "12", "A", "", "Verhoeven")
    assert len(one.hex()) == 64


def test_reimport_updates_never_duplicates_and_keeps_visits(client, coordinator):
    round = zeist_round()
    first = csv_of(row(), row("Dalen", number="1"), row("Wit", number="2"), row("Kok", number="3"))
    assert upload(client, round, first).state == Done
    rows = by_surname()
    door = volunteer(zeist())
    visited, planned = rows["Verhoeven"], rows["Dalen"]
    VisitAddress.objects.filter(pk=visited.pk).update(
        status=Status.DONE, attempts=2, volunteer=door, last_outcome="visited"
    )
    visited.refresh_from_db()
    attempt(visited, "not_home")
    attempt(visited, "visited")
    proposed = timezone.now() + dt.timedelta(days=3)
    VisitAddress.objects.filter(pk=planned.pk).update(volunteer=door, proposed_at=proposed)
    # The new extract: Verhoeven moved within the house (street spelled anew), Dalen as
    # before, Wit and Kok are gone (Kok had a letter), Smit is new.
    VisitAddress.objects.filter(surname="Kok").update(letter_sent_at=timezone.now())
    second = csv_of(row(street="Slotlaan (nieuw)"), row("Dalen", number="1"),
                    row("Smit", number="4"))  # fmt: skip
    job = upload(client, round, second)
    assert job.state == Done
    counts = ("created", "updated", "unchanged", "removed", "kept_missing")
    assert [job.summary[k] for k in counts] == [1, 1, 1, 1, 1]
    after = by_surname()
    assert set(after) == {"Verhoeven", "Dalen", "Kok", "Smit"}
    assert after["Verhoeven"].pk == visited.pk and after["Verhoeven"].street == "Slotlaan (nieuw)"
    assert (after["Verhoeven"].status, after["Verhoeven"].attempts,
            after["Verhoeven"].volunteer) == (Status.DONE, 2, door)  # fmt: skip
    assert VisitAttempt.objects.filter(address=visited).count() == 2
    assert after["Dalen"].volunteer == door and after["Dalen"].proposed_at == proposed
    assert after["Smit"].status == Status.TO_VISIT
    # The very same file again: nothing new, nothing removed.
    again = upload(client, round, second)
    assert [again.summary[k] for k in counts] == [0, 0, 3, 0, 1]
    assert VisitAddress.objects.get(surname="Smit").imported_at == after["Smit"].imported_at
    assert VisitAddress.objects.count() == 4


def test_an_address_with_an_attempt_is_kept_when_it_leaves_the_extract(client, coordinator):
    round = zeist_round()
    upload(client, round, csv_of(row(), row("Dalen", number="1")))
    attempt(by_surname()["Dalen"], "not_home")
    job = upload(client, round, csv_of(row()))
    assert (job.summary["removed"], job.summary["kept_missing"]) == (0, 1)
    assert set(by_surname()) == {"Verhoeven", "Dalen"}


def test_the_objection_list_sets_the_status_and_never_creates(client, coordinator):
    round = zeist_round()
    upload(client, round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes())
    door = volunteer(zeist())
    VisitAddress.objects.filter(surname="Bosman").update(volunteer=door)
    total = VisitAddress.objects.count()
    objections = (EXAMPLES / "huisbezoek-bezwaar-voorbeeld.csv").read_bytes()
    extra = objections + b"K.;;Onbekend;01-01-1940;5;;;3701 AA\r\n"
    job = upload(client, round, extra, kind="objections")
    assert job.state == Done, job.problems
    assert (job.summary["changed"], job.summary["not_found"]) == (2, 1)
    assert VisitAddress.objects.count() == total
    rows = by_surname()
    assert rows["Bosman"].status == Status.OBJECTION and rows["Bosman"].volunteer is None
    assert rows["Meer"].status == Status.OBJECTION
    assert rows["Bosman-Kraan"].status == Status.TO_VISIT
    # A new extract keeps the objection.
    upload(client, round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes())
    assert by_surname()["Bosman"].status == Status.OBJECTION


def test_the_deceased_list_marks_the_dead_but_a_visit_done_stays_done(client, coordinator):
    round = zeist_round()
    upload(client, round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes())
    VisitAddress.objects.filter(surname="Verhoeven").update(status=Status.DONE)
    deceased = (EXAMPLES / "huisbezoek-overleden-voorbeeld.csv").read_bytes()
    deceased += b"A.M.;;Verhoeven;14-02-1944;12;;;3701GA\r\n"
    job = upload(client, round, deceased, kind="deceased")
    assert (job.summary["changed"], job.summary["unchanged"], job.summary["not_found"]) == (
        1, 1, 0)  # fmt: skip
    rows = by_surname()
    assert rows["Klaassen"].status == Status.DECEASED
    assert rows["Verhoeven"].status == Status.DONE
    page = client.get(f"/g/zeist/huisbezoek-imports/{job.pk}/").content.decode()
    assert 'data-testid="import-changed">1<' in page


def test_a_bad_row_in_a_list_changes_nothing(client, coordinator):
    round = zeist_round()
    upload(client, round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes())
    bad = (EXAMPLES / "huisbezoek-bezwaar-voorbeeld.csv").read_bytes()
    bad += b"K.;;Vos;99-99-1940;5;;;3701 AA\r\n"
    job = upload(client, round, bad, kind="objections")
    assert job.state == AddressImport.State.REFUSED
    assert [(p["line"], p["column"]) for p in job.problems] == [(4, "geboortedatum")]
    assert not VisitAddress.objects.exclude(status=Status.TO_VISIT).exists()
