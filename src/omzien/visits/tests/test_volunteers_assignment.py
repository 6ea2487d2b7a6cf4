"""Assigning a round's addresses (issue 11, item 4): "Verdeel" per district in proportion to
visits per week, in walking-order blocks, never to a volunteer who may not visit; moving one
address and handing all open addresses over."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.models import VisitAddress, VisitRound
from omzien.visits.tests.factories import address, attempt, visit_round, volunteer
from omzien.visits.volunteers.assignment import WALKING_ORDER, distribute, shares

pytestmark = [pytest.mark.issue(11)]


def _url(name, municipality, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": municipality.slug, **kwargs})


def _street(round, district, count, postcode, **fields):
    return [
        address(round, district=district, postcode=postcode, house_number=n, **fields)
        for n in range(1, count + 1)
    ]


@given(st.integers(0, 5000), st.lists(st.integers(1, 20), min_size=1, max_size=30))
def test_shares_add_up_and_stay_within_one_of_the_fair_share(total, weights):
    parts = shares(total, weights)
    assert sum(parts) == total
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - Fraction(total * weight, sum(weights))) < 1


@pytest.mark.django_db
def test_verdeel_balances_by_visits_per_week_in_walking_order_blocks(client, small_municipality):
    town = small_municipality.municipality
    noord, midden, _zuid = small_municipality.districts
    running = visit_round(town)
    a = volunteer(town, visits_per_week=3, districts=[noord])
    b = volunteer(town, visits_per_week=1, districts=[noord])
    c = volunteer(town, visits_per_week=2, districts=[noord, midden])
    d = volunteer(town, visits_per_week=5, districts=[midden])
    _street(running, noord, 12, "9910AA")
    _street(running, noord, 11, "9916BB")
    _street(running, midden, 17, "9920AB")
    never = [
        address(running, district=noord, postcode="9910AA", house_number=50, status=status)
        for status in ("objection", "deceased", "done")
    ]
    already = address(running, district=noord, postcode="9910AA", house_number=60, volunteer=d)
    login_verified(client, member(Role.COORDINATOR, town))

    response = client.post(_url("round_distribute", town, pk=running.pk), follow=True)

    assert "40 adressen zijn verdeeld over 4 vrijwilliger(s)." in response.content.decode()
    fair = {  # district: (addresses, {volunteer: weight})
        noord.pk: (23, {a.pk: 3, b.pk: 1, c.pk: 2}),
        midden.pk: (17, {c.pk: 2, d.pk: 5}),
    }
    for district, (total, weights) in fair.items():
        for helper, weight in weights.items():
            got = VisitAddress.objects.filter(district_id=district, volunteer_id=helper)
            if helper == d.pk:
                got = got.exclude(pk=already.pk)
            assert abs(got.count() - Fraction(total * weight, sum(weights.values()))) <= 1
        # One block per volunteer: walking the district in order, the volunteer changes at
        # most once per volunteer.
        walk = list(
            VisitAddress.objects.filter(district_id=district, status="to_visit")
            .exclude(pk=already.pk)
            .order_by(*WALKING_ORDER)
            .values_list("volunteer_id", flat=True)
        )
        changes = [v for i, v in enumerate(walk) if i == 0 or walk[i - 1] != v]
        assert len(changes) == len(set(changes)) == len(weights)
    assert not VisitAddress.objects.filter(pk__in=[x.pk for x in never]).exclude(volunteer=None)
    already.refresh_from_db()
    assert already.volunteer == d
    assert AuditEvent.objects.filter(action="visit_addresses_distributed").count() == 1


@pytest.mark.django_db
def test_a_volunteer_who_may_not_visit_gets_nothing(small_municipality):
    town = small_municipality.municipality
    noord = small_municipality.districts[0]
    today = timezone.localdate()
    running = visit_round(town, starts_on=today + dt.timedelta(days=20))
    expired = volunteer(town, valid=False, districts=[noord])
    untrained = volunteer(town, trained_on=None, districts=[noord])
    stopped = volunteer(town, active=False, districts=[noord])
    # Valid today, but expired before the round's first day.
    ends_early = volunteer(town, vog_valid_until=today + dt.timedelta(days=10), districts=[noord])
    fine = volunteer(town, districts=[noord])
    _street(running, noord, 7, "9910AA")

    done = distribute(actor=member(Role.COORDINATOR, town), round=running)

    assert done.assigned == 7
    assert VisitAddress.objects.filter(volunteer=fine).count() == 7
    for helper in (expired, untrained, stopped, ends_early):
        assert not VisitAddress.objects.filter(volunteer=helper).exists()


@pytest.mark.django_db
def test_addresses_in_a_district_without_volunteers_stay_unassigned_and_are_listed(
    client, small_municipality
):
    town = small_municipality.municipality
    noord, _midden, zuid = small_municipality.districts
    running = visit_round(town)
    volunteer(town, districts=[noord])
    volunteer(town, valid=False, districts=[zuid])  # serves Zuid but may not visit
    _street(running, noord, 3, "9910AA")
    left = _street(running, zuid, 4, "9930AA", street="Zuiderweg")
    address(running, district=None, postcode="9999ZZ", street="Nergensweg")
    login_verified(client, member(Role.COORDINATOR, town))

    message = client.post(_url("round_distribute", town, pk=running.pk), follow=True)

    assert "5 adressen bleven over" in message.content.decode()
    assert not VisitAddress.objects.filter(pk__in=[x.pk for x in left]).exclude(volunteer=None)
    page = client.get(_url("round_distribute", town, pk=running.pk)).content.decode()
    stranded = page[page.index('data-testid="stranded"') :]
    assert stranded.count("Zuiderweg") == 8  # four addresses, each in its text and its link
    assert "Nergensweg" in stranded
    assert AuditEvent.objects.filter(action="visit_addresses_listed").exists()
    round_page = client.get(_url("round_detail", town, pk=running.pk)).content.decode()
    assert 'data-testid="assigned-count">3<' in round_page
    assert 'data-testid="unassigned-count">5<' in round_page


@pytest.mark.django_db
def test_a_closed_round_is_not_distributed(client, small_municipality):
    town = small_municipality.municipality
    closed = visit_round(town, status=VisitRound.Status.CLOSED)
    volunteer(town, districts=[small_municipality.districts[0]])
    spot = address(closed, district=small_municipality.districts[0])
    login_verified(client, member(Role.COORDINATOR, town))
    response = client.post(_url("round_distribute", town, pk=closed.pk), follow=True)
    assert "Een gesloten ronde kan niet meer worden verdeeld." in response.content.decode()
    spot.refresh_from_db()
    assert spot.volunteer is None


@pytest.mark.django_db
def test_the_coordinator_moves_one_address_to_another_volunteer(client, small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    first, second = volunteer(town), volunteer(town)
    expired = volunteer(town, valid=False)
    spot = address(running, volunteer=first)
    finished = address(running, volunteer=first, status="done")
    login_verified(client, member(Role.COORDINATOR, town))
    url = _url("address_reassign", town, pk=spot.pk)

    assert spot.street in client.get(url).content.decode()
    refused = client.post(url, {"receiver": expired.pk})
    assert refused.status_code == 400
    assert "Kies een vrijwilliger uit de lijst." in refused.content.decode()
    assert client.post(url, {"receiver": second.pk}).status_code == 302
    spot.refresh_from_db()
    assert spot.volunteer == second
    event = AuditEvent.objects.get(action="visit_address_reassigned")
    assert event.extra["previous"] == first.pk

    kept = client.post(_url("address_reassign", town, pk=finished.pk), {"receiver": second.pk})
    assert "het blijft bij wie het had" in kept.content.decode()
    finished.refresh_from_db()
    assert finished.volunteer == first


@pytest.mark.django_db
def test_handing_over_moves_open_addresses_and_leaves_visits_done(client, small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    closed = visit_round(town, status=VisitRound.Status.CLOSED)
    leaving, taking = volunteer(town), volunteer(town)
    open_ones = [address(running, volunteer=leaving) for _ in range(3)]
    tried = address(running, volunteer=leaving)
    earlier = attempt(tried, "not_home")
    visited = address(running, volunteer=leaving, status="done")
    attempt(visited, "visited")
    old = address(closed, volunteer=leaving)
    login_verified(client, member(Role.COORDINATOR, town))
    url = _url("volunteer_handover", town, pk=leaving.pk)
    assert "4 open adressen" in client.get(url).content.decode()

    response = client.post(url, {"receiver": taking.pk}, follow=True)

    assert "4 adressen zijn overgedragen." in response.content.decode()
    moved = {x.pk for x in [*open_ones, tried]}
    assert set(VisitAddress.objects.filter(volunteer=taking).values_list("pk", flat=True)) == moved
    for stays in (visited, old):
        stays.refresh_from_db()
        assert stays.volunteer == leaving
    earlier.refresh_from_db()
    assert earlier.volunteer == leaving  # the attempt stays with who made it
    event = AuditEvent.objects.get(action="volunteer_addresses_handed_over")
    assert event.extra == {"receiver": taking.pk, "count": 4}


@pytest.mark.django_db
def test_handing_over_to_nobody_frees_the_addresses_for_verdeel(client, small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    leaving = volunteer(town)
    spots = [address(running, volunteer=leaving) for _ in range(2)]
    login_verified(client, member(Role.COORDINATOR, town))
    client.post(_url("volunteer_handover", town, pk=leaving.pk), {"receiver": ""})
    assert not VisitAddress.objects.filter(pk__in=[s.pk for s in spots]).exclude(volunteer=None)


@pytest.mark.issue(11)
def test_a_moved_address_is_planned_again_unless_its_letter_went_out(small_municipality):
    """Review of issue 11: the old volunteer's time would double-book the new one; a time
    already in a letter stays, the resident expects it."""
    from omzien.core.tests.factories import member as make_member
    from omzien.visits.tests.factories import address, visit_round, volunteer
    from omzien.visits.volunteers.services import reassign_address

    town = small_municipality.municipality
    running = visit_round(town)
    old, new = volunteer(town), volunteer(town)
    at = timezone.now() + dt.timedelta(days=7)
    unsent = address(running, volunteer=old, proposed_at=at)
    sent = address(running, volunteer=old, proposed_at=at, letter_sent_at=timezone.now())
    coordinator = make_member(Role.COORDINATOR, town)
    reassign_address(actor=coordinator, address=unsent, volunteer=new)
    reassign_address(actor=coordinator, address=sent, volunteer=new)
    unsent.refresh_from_db()
    sent.refresh_from_db()
    assert (unsent.volunteer, unsent.proposed_at) == (new, None)
    assert (sent.volunteer, sent.proposed_at) == (new, at)
