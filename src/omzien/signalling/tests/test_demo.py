"""The signalling point's part of the demo (issue 7): cases at every step, made once."""

import pytest

from omzien.core.demo import load_demo
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.demo_data import DEMO_SIGNALS
from omzien.signalling.demo_referrals import HISTORY
from omzien.signalling.models import Case, Channel, Signal

pytestmark = [pytest.mark.django_db, pytest.mark.issue(7)]


def test_the_demo_has_cases_at_every_step_and_is_made_once():
    first = load_demo()
    assert first["signals_created"] == len(DEMO_SIGNALS)
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
    assert outcomes >= {Outcome.SUPPORTED, Outcome.UNREACHABLE, Outcome.NO_CONCERN}
    channels = set(Signal.objects.values_list("channel", flat=True))
    assert {Channel.PUBLIC_FORM, Channel.PHONE, Channel.REPORTER, Channel.SELF_REFERRAL} <= channels
    assert load_demo()["signals_created"] == 0
    # The referrals' earlier cases (issue 9) come in as signals too, and the home visits that
    # asked for help with consent (issue 11: visits/demo_visits.py).
    assert Signal.objects.exclude(channel=Channel.HOME_VISIT).count() == (
        len(DEMO_SIGNALS) + len(HISTORY)
    )
    assert Signal.objects.filter(channel=Channel.HOME_VISIT).count() == 3


@pytest.mark.issue(8)
def test_the_demo_is_alive_on_the_first_start():
    """Every state, late and urgent cases, notes, consents, a year of assessments, signals
    over weeks: every page shows something (issue 8, item 13)."""
    from django.utils import timezone

    from omzien.assessment.models import Assessment
    from omzien.signalling.cases.queries import overdue_q
    from omzien.signalling.models import CaseEvent

    load_demo()
    assert set(Case.objects.values_list("state", flat=True)) == set(CaseState.values)
    now = timezone.now()
    assert Case.objects.filter(overdue_q(now)).count() >= 2
    assert Case.objects.filter(urgent=True).exists()
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.NOTE).exists()
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.CONSENT).exists()
    taken = sorted(Assessment.objects.values_list("taken_on", flat=True))
    assert (taken[-1] - taken[0]).days >= 330  # a trend over a year
    weeks = {(now - s).days // 7 for s in Signal.objects.values_list("created_at", flat=True)}
    assert len(weeks) >= 4  # the coordinator's chart of signals per week has something to show
