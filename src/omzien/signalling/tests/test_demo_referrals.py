"""The demo's referrals (issue 9): over the past year, in every state, from cases with
consent to published initiatives, followed up, with follow-ups due this week."""

import datetime as dt

import pytest
from django.utils import timezone

from omzien.core.demo import load_demo
from omzien.signalling.models import CaseEvent, Referral, ReferralState
from omzien.socialmap.choices import Status

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]


def test_the_demo_has_referrals_with_outcomes_and_follow_ups_due():
    made = load_demo()["referrals_created"]
    referrals = Referral.objects.select_related("case", "initiative")
    assert made == referrals.count() and 25 <= made <= 40
    assert set(referrals.values_list("state", flat=True)) == set(ReferralState.values)
    today = timezone.localdate()
    for referral in referrals:
        assert referral.initiative.status == Status.PUBLISHED
        assert referral.case.events.filter(kind=CaseEvent.Kind.CONSENT).exists()
        assert today - dt.timedelta(days=365) <= referral.proposed_on <= today
        assert referral.follow_up_on >= referral.proposed_on
        if referral.followed_up_on:
            assert referral.still_going is not None and referral.outcome_note
    assert referrals.filter(followed_up_on__isnull=False).count() >= 15
    due = referrals.filter(
        followed_up_on__isnull=True,
        follow_up_on__range=(today, today + dt.timedelta(days=7)),
        case__caseworker__username="welzijnswerker",
    )
    assert due.filter(follow_up_on=today).exists() and due.count() >= 3
    assert load_demo()["referrals_created"] == 0
