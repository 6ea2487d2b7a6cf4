"""Caseworkers take unassigned cases of their own team (issue 8, item 7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from omzien.core.models import AuditEvent, District
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.cases.actions import Action, verdict
from omzien.signalling.cases.workflow import CaseState, TransitionError
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]


@pytest.fixture
def teams():
    """Team Centrum serves WK035501 (postcode 3701), Team Oost another district."""
    municipality = zeist()
    org = OrganisationFactory(municipality=municipality)
    centrum = TeamFactory(municipality=municipality, organisation=org, name="Centrum")
    centrum.districts.add(District.objects.get(code="WK035501"))
    oost = TeamFactory(municipality=municipality, organisation=org, name="Oost")
    oost.districts.add(District.objects.filter(municipality=municipality).exclude(
        code="WK035501").first())  # fmt: skip
    worker = member(Role.CASEWORKER, municipality, team=centrum)
    outsider = member(Role.CASEWORKER, municipality, team=oost)
    coordinator = member(Role.COORDINATOR, municipality)
    return worker, outsider, coordinator


def centrum_case(number="1", **fields):
    return file_signal(postcode="3701 AB", house_number=number, **fields).case


def test_a_caseworker_takes_an_unassigned_case_of_their_team(teams):
    worker, _outsider, _coordinator = teams
    case = centrum_case()
    assert verdict(case, worker, Action.TAKE).allowed
    services.take_case(actor=worker, case=case)
    case.refresh_from_db()
    assert case.caseworker == worker and case.state == CaseState.ASSIGNED
    assert AuditEvent.objects.filter(action="case_taken", actor=worker).exists()


def test_a_taken_case_cannot_be_taken_again(teams):
    worker, _outsider, coordinator = teams
    colleague = member(Role.CASEWORKER, zeist(), team=worker.memberships.get().team)
    case = centrum_case()
    services.take_case(actor=worker, case=case)
    with pytest.raises(TransitionError, match="al een welzijnswerker"):
        services.take_case(actor=colleague, case=case)


def test_no_one_takes_a_case_of_another_team_or_without_the_caseworker_role(teams):
    worker, outsider, coordinator = teams
    case = centrum_case()
    with pytest.raises((PermissionDenied, TransitionError)):
        services.take_case(actor=outsider, case=case)
    with pytest.raises(PermissionDenied):
        services.take_case(actor=coordinator, case=case)  # the coordinator assigns instead
    case.refresh_from_db()
    assert case.caseworker is None


def test_the_queue_and_the_case_page_offer_it(client, teams):
    worker, _outsider, _coordinator = teams
    case = centrum_case()
    login_verified(client, worker)
    queue = client.get("/g/zeist/meldingen/?lijst=team").content.decode()
    assert f'data-testid="take-{case.pk}"' in queue
    page = client.get(f"/g/zeist/meldingen/{case.pk}/").content.decode()
    assert 'data-testid="action-take"' in page
    answer = client.post(f"/g/zeist/meldingen/{case.pk}/oppakken/", HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and "U heeft het traject opgepakt" in answer.content.decode()
    case.refresh_from_db()
    assert case.caseworker == worker
    assert f'data-testid="take-{case.pk}"' not in client.get("/g/zeist/meldingen/").content.decode()


def test_urgent_untaken_cases_top_the_team_queue(client, teams):
    worker, _outsider, _coordinator = teams
    normal = centrum_case("1")
    urgent = centrum_case("2", concern="Ze wil er een eind aan maken")
    login_verified(client, worker)
    page = client.get("/g/zeist/meldingen/?lijst=team").content.decode()
    assert page.index(f"/meldingen/{urgent.pk}/") < page.index(f"/meldingen/{normal.pk}/")
