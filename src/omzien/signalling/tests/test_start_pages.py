"""Start pages that show today's work, and assigning several cases at once (issue 8,
item 8)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from omzien.core.models import District
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.cases.today import caseworker_day, signal_trend
from omzien.signalling.models import Case, Channel
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

HOME = "/g/zeist/"


@pytest.fixture
def team():
    municipality = zeist()
    team = TeamFactory(municipality=municipality, organisation=OrganisationFactory(
        municipality=municipality))  # fmt: skip
    team.districts.add(District.objects.get(code="WK035501"))
    worker = member(Role.CASEWORKER, municipality, team=team, first_name="Wim")
    coordinator = member(Role.COORDINATOR, municipality)
    return worker, coordinator


def signal(number: str, **fields) -> Case:
    return file_signal(postcode="3701 AB", house_number=number, **fields).case


def test_the_caseworker_sees_late_due_today_follow_up_and_new_in_the_team(client, team):
    worker, coordinator = team
    now = timezone.now()
    with time_machine.travel(now - dt.timedelta(days=3)):
        late = signal("1")  # deadline 48 h: late now
        follow = signal("2")
        services.assign_case(actor=coordinator, case=late, caseworker=worker)
        services.assign_case(actor=coordinator, case=follow, caseworker=worker)
        services.log_attempt(actor=worker, case=follow, method="phone", reached=True)
        services.record_consent(actor=worker, case=follow, scope="hulp", how="verbal")
        services.perform(actor=worker, case=follow, action=services.Action.START)
    new = signal("3")  # unassigned, in the worker's team
    day = caseworker_day(worker, zeist(), now + dt.timedelta(days=12))
    assert [c.pk for c in day.overdue] == [late.pk]
    assert [c.pk for c in day.follow_up] == [follow.pk]  # 14 days without anything
    assert [c.pk for c in day.new_in_team] == [new.pk]

    login_verified(client, worker)
    page = client.get(HOME).content.decode()
    assert 'data-testid="today-caseworker"' in page
    assert f"/meldingen/{late.pk}/" in page and f"/meldingen/{new.pk}/" in page
    assert f"/meldingen/{new.pk}/oppakken/" in page  # take it from the start page
    assert 'data-testid="today-coordinator"' not in page


def test_a_deadline_later_today_is_due_today():
    municipality = zeist()
    worker = member(Role.CASEWORKER, municipality)
    coordinator = member(Role.COORDINATOR, municipality)
    morning = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    with time_machine.travel(morning - dt.timedelta(hours=46)):
        case = signal("4")  # deadline: today 10:00
        services.assign_case(actor=coordinator, case=case, caseworker=worker)
    day = caseworker_day(worker, municipality, morning)
    assert [c.pk for c in day.due_today] == [case.pk] and day.overdue == []


def test_the_coordinator_sees_the_state_of_things_and_the_trend(client, team):
    worker, coordinator = team
    urgent = signal("5", concern="Hij wil er een eind aan maken")
    assigned = signal("6")
    services.assign_case(actor=coordinator, case=assigned, caseworker=worker)
    file_signal(postcode="3701 AB", house_number="7", channel=Channel.PHONE, actor=coordinator)
    login_verified(client, coordinator)
    page = client.get(HOME).content.decode()
    assert 'data-testid="today-coordinator"' in page
    assert '<span class="omzien-tile__n" data-testid="tile-urgent">1</span>' in page
    assert '<span class="omzien-tile__n" data-testid="tile-week">3</span>' in page
    assert "Telefoon (door medewerker) 1" in page
    assert 'data-testid="load-per-caseworker"' in page and "Wim" in page
    assert urgent.pk
    trend = signal_trend(coordinator, zeist())
    assert sum(bar["count"] for bar in trend["bars"]) == 3 and len(trend["bars"]) == 8


def test_the_coordinator_assigns_several_cases_at_once(client, team):
    worker, coordinator = team
    cases = [signal(str(n)) for n in (11, 12, 13)]
    login_verified(client, coordinator)
    url = "/g/zeist/meldingen/overzicht/toewijzen/"
    # Nobody chosen to give them to: refused, the choice kept.
    refused = client.post(url, {"traject": [cases[0].pk, cases[1].pk]})
    assert refused.status_code == 422
    page = refused.content.decode()
    assert "Kies een welzijnswerker" in page
    assert f'value="{cases[0].pk}" id="kies-{cases[0].pk}" checked' in page
    answer = client.post(
        url, {"traject": [cases[0].pk, cases[1].pk], "welzijnswerker": worker.pk}, follow=True
    )
    assert "2 trajecten zijn toegewezen aan" in answer.content.decode()
    assert [Case.objects.get(pk=c.pk).caseworker for c in cases] == [worker, worker, None]


def test_a_caseworker_cannot_assign_in_bulk(client, team):
    worker, _coordinator = team
    case = signal("14")
    login_verified(client, worker)
    answer = client.post(
        "/g/zeist/meldingen/overzicht/toewijzen/",
        {"traject": [case.pk], "welzijnswerker": worker.pk},
    )
    assert answer.status_code in (403, 404)
    case.refresh_from_db()
    assert case.caseworker is None
