"""Closing a case as unreachable needs attempts spread over days and routes, and an urgent
case closed without contact needs a note and tells the coordinator (issue 8, item 3)."""

from __future__ import annotations

import itertools

import pytest
from django.core import mail

from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import CaseState, Outcome, TransitionError
from omzien.signalling.models import SignallingSettings
from omzien.signalling.tests.factories import fail_to_reach, file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

_numbers = itertools.count(300)


@pytest.fixture
def people():
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality, email="kartrekker@zeist.example")
    return coordinator, member(Role.CASEWORKER, municipality)


def assigned(people, concern: str = "De gordijnen zijn dicht.") -> object:
    case = file_signal(house_number=str(next(_numbers)), concern=concern).case
    services.assign_case(actor=people[0], case=case, caseworker=people[1])
    return case


def close_unreachable(people, case, note: str = ""):
    return services.close_case(actor=people[1], case=case, outcome=Outcome.UNREACHABLE, note=note)


def test_three_quick_calls_in_one_minute_are_not_unreachable(people):
    case = assigned(people)
    for method in ("phone", "letter", "visit"):
        services.log_attempt(actor=people[1], case=case, method=method, reached=False)
    with pytest.raises(TransitionError, match="minstens 2 dagen"):
        close_unreachable(people, case)
    assert case.state == CaseState.CONTACTING


def test_three_calls_over_days_by_one_route_are_not_unreachable(people):
    case = assigned(people)
    fail_to_reach(case, people[1], methods=("phone", "phone", "phone"))
    with pytest.raises(TransitionError, match="minstens 2 manieren.*Nu alleen: telefoon"):
        close_unreachable(people, case)


def test_attempts_spread_over_days_and_routes_allow_unreachable(people):
    case = assigned(people)
    fail_to_reach(case, people[1], methods=("phone", "letter", "phone"))
    close_unreachable(people, case)
    assert (case.state, case.outcome) == (CaseState.CLOSED, Outcome.UNREACHABLE)


def test_the_rule_is_the_municipalitys_own(people):
    SignallingSettings.objects.update_or_create(
        municipality=zeist(),
        defaults={
            "unreachable_attempts": 2,
            "unreachable_min_days": 0,
            "unreachable_min_routes": 1,
        },
    )
    case = assigned(people)
    for _ in range(2):
        services.log_attempt(actor=people[1], case=case, method="phone", reached=False)
    close_unreachable(people, case)
    assert case.outcome == Outcome.UNREACHABLE


def test_an_urgent_case_closed_without_contact_needs_a_note_and_tells_the_coordinator(
    people, django_capture_on_commit_callbacks
):
    case = assigned(people, concern="Hij wil er een eind aan maken")
    assert case.urgent
    fail_to_reach(case, people[1], methods=("phone", "visit", "letter"))
    with pytest.raises(TransitionError, match="Schrijf in de toelichting waarom"):
        close_unreachable(people, case)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        close_unreachable(people, case, note="Huisarts en wijkagent ingelicht; deur dicht.")
    assert case.state == CaseState.CLOSED
    [message] = mail.outbox
    assert message.to == ["kartrekker@zeist.example"]
    assert f"traject {case.pk} gesloten zonder contact" in message.subject
    # The e-mail carries a link, never the worry, a name or an address.
    assert "eind aan maken" not in message.body and case.resident.postcode not in message.body
    assert f"/meldingen/{case.pk}/" in message.body


def test_an_urgent_case_with_contact_closes_without_a_note_or_mail(
    people, django_capture_on_commit_callbacks
):
    case = assigned(people, concern="Hij wil er een eind aan maken")
    services.log_attempt(actor=people[1], case=case, method="phone", reached=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close_case(actor=people[1], case=case, outcome=Outcome.NO_CONCERN)
    assert case.state == CaseState.CLOSED and mail.outbox == []


def test_the_case_page_explains_the_rule(client, people):
    from omzien.core.tests.factories import login_verified

    case = assigned(people)
    login_verified(client, people[1])
    page = client.get(f"/g/zeist/meldingen/{case.pk}/").content.decode()
    assert "verspreid over minstens 2 dagen, op minstens 2 manieren" in page
