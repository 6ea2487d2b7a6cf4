"""The home visits' part of the demo (issue 11): a running round of about 300 addresses,
three volunteers (one is the demo account), made once."""

import pytest
from django.utils import timezone

from omzien.core.demo import load_demo
from omzien.signalling.models import Signal
from omzien.visits.models import (
    FollowUp,
    Outcome,
    VisitAddress,
    VisitAttempt,
    VisitReport,
    VisitRound,
    Volunteer,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


def test_the_demo_has_a_running_round_with_volunteers():
    load_demo()
    running = VisitRound.objects.get(municipality__code="GM0355")
    assert running.status == VisitRound.Status.RUNNING
    addresses = VisitAddress.objects.filter(round=running)
    assert 280 <= addresses.count() <= 320
    assert not addresses.filter(district__isnull=True).exists()
    # Read in through the real import: the extract, the objection list and the deceased.
    assert addresses.filter(status=VisitAddress.Status.OBJECTION).count() == 6
    assert addresses.filter(status=VisitAddress.Status.DECEASED).count() == 2
    assert list(running.imports.order_by("pk").values_list("kind", "state")) == [
        ("addresses", "done"), ("objections", "done"), ("deceased", "done"),
    ]  # fmt: skip
    volunteers = Volunteer.objects.filter(municipality=running.municipality)
    assert volunteers.count() == 3
    assert volunteers.filter(user__username="vrijwilliger").exists()
    # Every open address is given to a volunteer; objections and deceased are not.
    open_ = addresses.filter(status=VisitAddress.Status.TO_VISIT)
    assert not open_.filter(volunteer__isnull=True).exists()
    refused = (VisitAddress.Status.OBJECTION, VisitAddress.Status.DECEASED)
    assert not addresses.filter(status__in=refused).exclude(volunteer=None).exists()
    per_volunteer = sorted(v.addresses.count() for v in volunteers)
    assert per_volunteer[0] > 50
    # Visits in every outcome, through the visit form's service; help with consent became a
    # case of the signalling point (channel home visit), help without consent did not.
    attempts = VisitAttempt.objects.filter(round=running)
    assert set(attempts.values_list("outcome", flat=True)) == set(Outcome.values)
    assert attempts.filter(outcome="visited").count() >= 40
    reports = VisitReport.objects.filter(attempt__round=running)
    assert set(reports.values_list("follow_up", flat=True)) == set(FollowUp.values)
    helped = reports.filter(follow_up=FollowUp.HELP)
    assert helped.filter(consent=True, signal_id__isnull=False).count() == 3
    assert not helped.filter(consent=False, signal_id__isnull=False).exists()
    assert (
        Signal.objects.filter(pk__in=helped.values("signal_id"), channel="home_visit").count() == 3
    )
    # The rest is planned by the planner; the letters of the planned ones still to be sent.
    assert open_.filter(proposed_at__gt=timezone.now(), letter_sent_at=None).count() > 50
    load_demo()
    assert VisitAddress.objects.filter(round__municipality__code="GM0355").count() == (
        addresses.count()
    )
