"""What works (issue 9, item 6): figures on a small constructed data set, computed by hand,
with suppression below 5; the page and the CSV for coordinators and policy staff only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.assessment.models import Assessment
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ResidentFactory,
    login_verified,
    member,
)
from omzien.signalling.models import Case, Referral
from omzien.signalling.whatworks import figures
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]

D = dt.date
PROPOSED = D(2026, 3, 1)
AFTER = PROPOSED + dt.timedelta(days=42)  # exactly 42 days later: counts


def measure(resident, day, total=None, instrument="djg11", **fields):
    return Assessment.objects.create(
        municipality=resident.municipality, resident=resident, instrument=instrument,
        answers={}, total=total, kind="unknown", taken_on=day, **fields,
    )  # fmt: skip


def refer(resident, to, proposed_on=PROPOSED, **fields):
    case = Case.objects.create(
        municipality=resident.municipality, resident=resident, contact_deadline=timezone.now()
    )
    return Referral.objects.create(
        case=case, municipality=resident.municipality, initiative=to, proposed_on=proposed_on,
        follow_up_on=proposed_on + dt.timedelta(days=42), **fields,
    )  # fmt: skip


def by_hand(changes):
    """Mean and 95% interval with Student's t, worked out here without the module."""
    n = len(changes)
    mean = sum(changes) / n
    sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
    t = {4: 2.776}[n - 1]
    return mean, mean - t * sd / math.sqrt(n), mean + t * sd / math.sqrt(n)


@pytest.fixture
def town():
    """Five residents referred to a buddy scheme (one-to-one contact), three to a coffee
    morning (meeting and meaningful activity), and residents who were not referred."""
    municipality = MunicipalityFactory()
    organisation = OrganisationFactory(municipality=municipality)
    buddy = initiative(organisation, name="Maatje", kinds=["meaningful_contact"])
    coffee = initiative(organisation, name="Koffie", kinds=["meeting", "meaningful_activity"])
    # before, after; the buddy's changes are -3, -1, -3, 0, -4
    for before, after, started, going in [
        (8, 5, True, True), (7, 6, True, True), (9, 6, True, False), (6, 6, True, None),
        (8, 4, False, None),
    ]:  # fmt: skip
        resident = ResidentFactory(municipality=municipality, name="Geheime Naam")
        measure(resident, PROPOSED - dt.timedelta(days=9), before)
        measure(resident, AFTER, after)
        refer(resident, buddy, started_on=PROPOSED if started else None, still_going=going)
    traps = list(Referral.objects.filter(initiative=buddy).order_by("pk"))
    # Not counted: 41 days after; withdrawn; partial (no total); another instrument. The
    # last three lie before the one that counts.
    measure(traps[0].case.resident, AFTER - dt.timedelta(days=1), 0)
    for trap, fields in zip(traps[1:5], [{"withdrawn_at": timezone.now()}, None,
                                           {"total": None}, {"instrument": "djg6"}]):  # fmt: skip
        if fields is None:
            continue
        resident = trap.case.resident
        Assessment.objects.filter(resident=resident, taken_on=AFTER).update(
            taken_on=AFTER + dt.timedelta(days=5)
        )
        measure(resident, AFTER, **{"total": 0, **fields})
    # "Before" is the latest on or before the day of the referral: 9 on the day, not 11.
    earlier = traps[2].case.resident
    Assessment.objects.filter(resident=earlier).filter(taken_on__lt=PROPOSED).update(total=11)
    measure(earlier, PROPOSED, 9)
    for before, after in [(5, 4), (6, 6), (7, 5)]:
        resident = ResidentFactory(municipality=municipality)
        measure(resident, PROPOSED, before)
        measure(resident, AFTER + dt.timedelta(days=10), after)
        refer(resident, coffee, started_on=PROPOSED, still_going=True)
    # Not referred: changes 0, -1, +1, -2 (and a fifth pair in some tests).
    for before, after in [(6, 6), (5, 4), (7, 8), (4, 2)]:
        resident = ResidentFactory(municipality=municipality)
        measure(resident, D(2026, 1, 10), before)
        measure(resident, D(2026, 3, 1), after)  # 50 days later
        measure(resident, D(2026, 6, 1), 0)  # one pair per resident: the first
    too_soon = ResidentFactory(municipality=municipality)
    measure(too_soon, D(2026, 1, 10), 9)
    measure(too_soon, D(2026, 2, 9), 1)  # 30 days: not a pair
    return municipality, buddy, coffee


def add_fifth_comparison(municipality):
    resident = ResidentFactory(municipality=municipality)
    measure(resident, D(2026, 5, 1), 3)
    measure(resident, D(2026, 7, 1), 3)


def row(tallies, key):
    return next(t for t in tallies if t.key == key)


def test_what_works_figures_computed_by_hand_with_suppression_below_5(town):
    municipality, buddy, coffee = town
    add_fifth_comparison(municipality)
    coordinator = member(Role.COORDINATOR, municipality)
    result = figures.what_works(coordinator, municipality)
    assert result.instrument == "djg11"

    contact = row(result.by_kind, "meaningful_contact")
    assert (contact.referrals, contact.started, contact.still_going) == (5, 4, 2)
    assert sorted(contact.changes) == [-4, -3, -3, -1, 0]
    mean, low, high = by_hand([-3, -1, -3, 0, -4])
    assert (round(mean, 1), round(low, 1), round(high, 1)) == (-2.2, -4.2, -0.2)
    shown = contact.change
    assert shown.mean == pytest.approx(mean)
    assert (shown.low, shown.high) == (pytest.approx(low, abs=1e-9), pytest.approx(high))
    # Counts below 5 are "<5"; five pairs give an average.
    assert contact.cells() == ["5", "<5", "<5", "5", "-2,2", "-4,2", "-0,2"]
    assert row(result.by_initiative, str(buddy.pk)).cells() == contact.cells()

    # The coffee morning counts under both its kinds: three referrals, no averages.
    for kind in ("meeting", "meaningful_activity"):
        assert row(result.by_kind, kind).cells() == ["<5", "<5", "<5", "<5", "", "", ""]
    assert row(result.by_kind, "meeting").changes == [-1, 0, -2]
    assert row(result.by_kind, "social_skills").cells()[0] == "<5"  # no referrals at all

    # The comparison: residents without a referral in the period, one pair each.
    mean, low, high = by_hand([0, -1, 1, -2, 0])
    assert result.comparison.n == 5
    assert result.comparison.mean == pytest.approx(mean)
    assert result.comparison_cells()[3:] == ["5", "-0,4", figures.decimal(low), "1,0"]
    assert figures.decimal(low) == "-1,8"


def test_a_comparison_group_below_5_gives_no_average(town):
    municipality, *_ = town
    result = figures.what_works(member(Role.POLICY, municipality), municipality)
    assert result.comparison.n == 4
    assert result.comparison_cells() == ["", "", "", "<5", "", "", ""]


def test_the_interval_uses_students_t():
    assert figures.t_975(4) == 2.776
    assert figures.t_975(30) == 2.042
    assert figures.t_975(60) == pytest.approx(2.0003, abs=1e-3)
    assert figures.t_975(1000) == pytest.approx(1.9623, abs=1e-3)


def test_policy_staff_see_the_page_and_the_csv_without_names(client, town):
    municipality, buddy, _coffee = town
    add_fifth_comparison(municipality)
    login_verified(client, member(Role.POLICY, municipality))
    page = client.get(reverse("signalling:what_works", args=[municipality.slug]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Geheime Naam" not in html
    assert "geen onderzoek met loting" in html
    assert "Wat werkt" in html and buddy.name in html
    assert "-2,2" in html and "&lt;5" in html

    export = client.get(reverse("signalling:what_works_csv", args=[municipality.slug]))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Groep", "Naam", "Verwezen"]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["Betekenisvol contact"][2:] == ["5", "<5", "<5", "5", "-2,2", "-4,2", "-0,2"]
    assert by_name["Koffie"][2:] == ["<5", "<5", "<5", "<5", "", "", ""]
    assert rows[-1][0] == "Niet verwezen (vergelijking)" and rows[-1][5:7] == ["5", "-0,4"]
    assert "Geheime Naam" not in export.content.decode("utf-8-sig")


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.REPORTER, Role.VOLUNTEER])
def test_other_roles_may_not_open_what_works(client, town, role):
    municipality, *_ = town
    login_verified(client, member(role, municipality))
    for name in ("signalling:what_works", "signalling:what_works_csv"):
        assert client.get(reverse(name, args=[municipality.slug])).status_code == 403


def test_the_menu_shows_what_works_to_the_coordinator(client, town):
    municipality, *_ = town
    login_verified(client, member(Role.COORDINATOR, municipality))
    page = client.get(reverse("core:municipality_home", args=[municipality.slug]))
    assert reverse("signalling:what_works", args=[municipality.slug]) in page.content.decode()
