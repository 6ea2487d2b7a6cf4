"""The one rule "may this volunteer visit" (issue 11): the query
(``Volunteer.objects.may_visit``, used by the letters, the assignment and the hand-over) picks
exactly the volunteers whose ``Volunteer.may_visit`` is true, on any day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omzien.visits.models import Volunteer
from omzien.visits.tests.factories import volunteer

pytestmark = [pytest.mark.issue(11), pytest.mark.django_db]


def test_the_query_and_the_method_agree_on_who_may_visit(small_municipality):
    town = small_municipality.municipality
    today = timezone.localdate()
    kinds = {
        "valid": volunteer(town),
        "vog_expired": volunteer(town, valid=False),
        "vog_missing": volunteer(town, vog_issued_on=None, vog_valid_until=None),
        "vog_ends_today": volunteer(town, vog_valid_until=today),
        "ended": volunteer(town, active=False),
        "not_trained": volunteer(town, trained_on=None),
    }
    everyone = Volunteer.objects.filter(municipality=town)
    for day in (today - dt.timedelta(days=2), today, today + dt.timedelta(days=1)):
        by_query = set(everyone.may_visit(day).values_list("pk", flat=True))
        by_method = {v.pk for v in everyone if v.may_visit(day)}
        assert by_query == by_method, day
    allowed_today = set(everyone.may_visit(today).values_list("pk", flat=True))
    assert allowed_today == {kinds["valid"].pk, kinds["vog_ends_today"].pk}
    tomorrow = today + dt.timedelta(days=1)
    assert set(everyone.may_visit(tomorrow).values_list("pk", flat=True)) == {kinds["valid"].pk}
