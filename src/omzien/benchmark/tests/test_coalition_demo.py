"""The coalition's demo (issue 12): a dozen members over several sectors, a kartrekker, three
joint activities (one in the Week tegen Eenzaamheid), three national partnerships taken part
in, the programme's list, and participations of other municipalities; nothing the second
time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omzien.benchmark.coalition.demo import load_coalition_demo
from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
)
from omzien.core.extensions import municipality_figure
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


def test_the_demo_shows_a_coalition_and_makes_nothing_twice(small_municipality):
    town = small_municipality.municipality
    others = [MunicipalityFactory() for _ in range(3)]
    accounts = {"programma": member(Role.PROGRAMME), "kartrekker": member(Role.COORDINATOR, town)}
    assert load_coalition_demo(town, accounts) > 0
    members = CoalitionMember.objects.filter(municipality=town)
    assert members.count() == 12
    assert len({m.sector for m in members}) >= 8
    assert Kartrekker.objects.get(municipality=town).hours_per_week > 0
    activities = JointActivity.objects.filter(municipality=town)
    assert activities.count() == 3
    week = activities.get(in_week_against_loneliness=True)
    assert week.held_on.year == timezone.localdate().year
    assert LocalParticipation.objects.filter(municipality=town).count() == 3
    assert NationalPartnership.objects.filter(name="Landelijke postbezorger").exists()
    assert LocalParticipation.objects.filter(municipality__in=others).exists()
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    figure = municipality_figure("coalition_partners").compute([town.pk], today, tomorrow)
    assert figure == {town.pk: 12}

    assert load_coalition_demo(town, accounts) == 0
    assert CoalitionMember.objects.filter(municipality=town).count() == 12
