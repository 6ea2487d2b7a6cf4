"""The workflow table: every allowed move works, every other move is refused (issue 4)."""

import itertools

import pytest

from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import (
    TRANSITIONS,
    CaseState,
    Outcome,
    TransitionError,
    check_move,
)
from omzien.signalling.models import CaseEvent
from omzien.signalling.settings import settings_of
from omzien.signalling.tests.factories import fail_to_reach, file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]


@pytest.mark.parametrize(("source", "target"), list(itertools.product(CaseState.values, repeat=2)))
def test_the_table_allows_exactly_its_moves(source, target):
    if target in TRANSITIONS[source]:
        check_move(source, target)
    else:
        with pytest.raises(TransitionError):
            check_move(source, target)


def test_the_table_matches_the_design():
    assert TRANSITIONS[CaseState.NEW] == {CaseState.ASSIGNED}
    for state in (
        CaseState.ASSIGNED,
        CaseState.CONTACTING,
        CaseState.IN_PROGRESS,
        CaseState.REFERRED,
    ):
        assert CaseState.CLOSED in TRANSITIONS[state]
    assert TRANSITIONS[CaseState.CLOSED] == {CaseState.REOPENED}
    assert TRANSITIONS[CaseState.REOPENED] == {CaseState.IN_PROGRESS}


@pytest.fixture
def people():
    municipality = zeist()
    return (
        member(Role.COORDINATOR, municipality),
        member(Role.CASEWORKER, municipality),
    )


def test_full_path_through_the_workflow_keeps_an_append_only_history(people):
    coordinator, caseworker = people
    case = file_signal().case
    services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    services.log_attempt(actor=caseworker, case=case, method="phone", reached=True)
    with pytest.raises(TransitionError, match="toestemming"):
        services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    services.record_consent(
        actor=caseworker, case=case, scope="verdere ondersteuning", how="verbal"
    )
    services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    services.move_case(actor=caseworker, case=case, target=CaseState.REFERRED)
    services.close_case(actor=caseworker, case=case, outcome=Outcome.REFERRED)
    services.reopen_case(actor=caseworker, case=case)
    services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    moves = list(
        case.events.filter(kind=CaseEvent.Kind.STATE).values_list("from_state", "to_state", "actor")
    )
    assert [(a, b) for a, b, _ in moves] == [
        ("new", "assigned"),
        ("assigned", "contacting"),
        ("contacting", "in_progress"),
        ("in_progress", "referred"),
        ("referred", "closed"),
        ("closed", "reopened"),
        ("reopened", "in_progress"),
    ]
    assert moves[0][2] == coordinator.pk and moves[-1][2] == caseworker.pk
    assert case.first_contact_at is not None


def test_closing_needs_an_outcome(people):
    coordinator, caseworker = people
    case = file_signal().case
    services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    with pytest.raises(TransitionError, match="uitkomst"):
        services.close_case(actor=caseworker, case=case, outcome="")
    with pytest.raises(TransitionError):
        services.move_case(actor=caseworker, case=case, target=CaseState.CLOSED)


def test_unreachable_needs_the_set_number_of_attempts(people):
    coordinator, caseworker = people
    case = file_signal().case
    services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    assert settings_of(case.municipality).unreachable_attempts == 3
    services.log_attempt(actor=caseworker, case=case, method="visit", reached=False)
    with pytest.raises(TransitionError, match="3 contactpogingen"):
        services.close_case(actor=caseworker, case=case, outcome=Outcome.UNREACHABLE)
    fail_to_reach(case, caseworker, methods=("phone", "phone"), days_apart=2)
    services.close_case(actor=caseworker, case=case, outcome=Outcome.UNREACHABLE)
    assert case.state == CaseState.CLOSED and case.outcome == Outcome.UNREACHABLE


def test_a_new_case_cannot_be_worked_before_it_is_assigned(people):
    coordinator, caseworker = people
    case = file_signal().case
    with pytest.raises(TransitionError, match="toe"):
        services.log_attempt(actor=coordinator, case=case, method="phone", reached=True)
    # A caseworker outside the case's team and districts cannot even reach it.
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.log_attempt(actor=caseworker, case=case, method="phone", reached=True)


def test_a_volunteer_can_report_from_a_home_visit_only():
    from django.core.exceptions import PermissionDenied

    from omzien.signalling.models import Channel

    volunteer = member(Role.VOLUNTEER, zeist())
    result = file_signal(channel=Channel.HOME_VISIT, actor=volunteer, house_number="99")
    assert result.signal.channel == Channel.HOME_VISIT
    with pytest.raises(PermissionDenied):
        file_signal(channel=Channel.PHONE, actor=volunteer, house_number="98")


def test_a_case_reopened_without_consent_can_be_picked_up_and_closed_again(people):
    coordinator, caseworker = people
    case = file_signal(house_number="77").case
    services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    fail_to_reach(case, caseworker)
    services.close_case(actor=caseworker, case=case, outcome=Outcome.UNREACHABLE)
    services.reopen_case(actor=caseworker, case=case)
    services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    with pytest.raises(TransitionError, match="toestemming"):
        services.move_case(actor=caseworker, case=case, target=CaseState.REFERRED)
    services.close_case(actor=caseworker, case=case, outcome=Outcome.UNREACHABLE)
    assert case.state == CaseState.CLOSED
