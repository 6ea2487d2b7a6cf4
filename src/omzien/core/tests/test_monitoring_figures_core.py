"""The figure keys other helpers read (issue 12): every key of the contract is registered
after the apps load (the benchmark's pre-fill and the national overview depend on them), with
its kind and national aggregation; and core's own figure, participating municipalities."""

from __future__ import annotations

import datetime as dt

import pytest

from omzien.core import extensions
from omzien.core.models import User
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.issue(12)

#: key -> (kind, national) as agreed between the helpers of issue 12.
CONTRACT = {
    "signals": ("count", "sum"),
    "signals_per_1000": ("rate", ""),
    "reached": ("count", ""),
    "contact_within_norm": ("share", ""),
    "referrals_started": ("count", ""),
    "assessments_before_after": ("count", ""),
    "score_change": ("mean", ""),
    "home_visits_done": ("count", "sum"),
    "home_visit_reach": ("share", ""),
    "catalogue_activity_kinds": ("count", ""),
    "week_activities": ("count", "sum"),
    "effective_interventions": ("count", "sum"),
    "participating_municipalities": ("count", "count"),
}
WITH_BASE = {"signals_per_1000", "contact_within_norm", "score_change", "home_visit_reach"}
TABLES = {
    "signals_by_month", "first_contact", "outcomes", "referrals", "score_change",
    "home_visits", "week_activities",
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(CONTRACT))
def test_every_contract_figure_is_registered(key):
    figure = extensions.municipality_figure(key)
    assert figure is not None, key
    assert (figure.kind, figure.national) == CONTRACT[key]
    if key in WITH_BASE:
        assert figure.base is not None


def test_every_monitoring_table_is_registered():
    assert {table.key for table in extensions.monitoring_tables} >= TABLES


@pytest.mark.django_db
def test_every_figure_answers_with_a_dict_on_an_empty_period():
    since, until = dt.date(2000, 1, 1), dt.date(2000, 2, 1)
    for key in CONTRACT:
        figure = extensions.municipality_figure(key)
        assert isinstance(figure.compute(None, since, until), dict), key


@pytest.mark.django_db
def test_participating_municipalities_have_active_staff():
    since, until = dt.date(2026, 1, 1), dt.date(2099, 1, 1)
    staffed, volunteers_only, inactive, empty = (MunicipalityFactory() for _ in range(4))
    member(Role.COORDINATOR, staffed)
    member(Role.POLICY, staffed)
    member(Role.VOLUNTEER, volunteers_only)
    member(Role.REPORTER, volunteers_only)
    user = member(Role.CASEWORKER, inactive)
    User.objects.filter(pk=user.pk).update(is_active=False)
    member(Role.PROGRAMME)
    ids = [staffed.pk, volunteers_only.pk, inactive.pk, empty.pk]
    figure = extensions.municipality_figure("participating_municipalities")
    assert figure.compute(ids, since, until) == {staffed.pk: 1}
    # A membership made after the period did not take part then.
    assert figure.compute(ids, since, dt.date(2026, 1, 2)) == {}
