"""The signalling point's part of the demo (issue 7): cases at every step, made once."""

import pytest

from omzien.core.demo import load_demo
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.models import Case, Channel, Signal

pytestmark = [pytest.mark.django_db, pytest.mark.issue(7)]


def test_the_demo_has_cases_at_every_step_and_is_made_once():
    first = load_demo()
    assert first["signals_created"] == 9
    states = set(Case.objects.values_list("state", flat=True))
    assert {
        CaseState.NEW,
        CaseState.ASSIGNED,
        CaseState.CONTACTING,
        CaseState.IN_PROGRESS,
        CaseState.REFERRED,
        CaseState.CLOSED,
    } <= states
    outcomes = set(Case.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert outcomes == {Outcome.SUPPORTED, Outcome.UNREACHABLE}
    channels = set(Signal.objects.values_list("channel", flat=True))
    assert {Channel.PUBLIC_FORM, Channel.PHONE, Channel.REPORTER, Channel.SELF_REFERRAL} <= channels
    assert load_demo()["signals_created"] == 0
    assert Signal.objects.count() == 9
