"""The home visits' part of the demo (issue 11): a running round of about 300 addresses,
three volunteers (one is the demo account), made once."""

import pytest

from omzien.core.demo import load_demo
from omzien.visits.models import VisitAddress, VisitRound, Volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


def test_the_demo_has_a_running_round_with_volunteers():
    load_demo()
    running = VisitRound.objects.get(municipality__code="GM0355")
    assert running.status == VisitRound.Status.RUNNING
    addresses = VisitAddress.objects.filter(round=running)
    assert 280 <= addresses.count() <= 320
    assert not addresses.filter(district__isnull=True).exists()
    assert addresses.filter(status=VisitAddress.Status.OBJECTION).exists()
    volunteers = Volunteer.objects.filter(municipality=running.municipality)
    assert volunteers.count() == 3
    assert volunteers.filter(user__username="vrijwilliger").exists()
    # Every open address is given to a volunteer; objections and deceased are not.
    open_ = addresses.filter(status=VisitAddress.Status.TO_VISIT)
    assert not open_.filter(volunteer__isnull=True).exists()
    assert not addresses.exclude(status=VisitAddress.Status.TO_VISIT).exclude(volunteer=None)
    per_volunteer = sorted(v.addresses.count() for v in volunteers)
    assert per_volunteer[0] > 50
    load_demo()
    assert VisitAddress.objects.filter(round__municipality__code="GM0355").count() == (
        addresses.count()
    )
