"""The risk map's "visits done" per district (issue 11, item 6): the visits app registers a
district figure keyed "visits" that counts visits (attempts with outcome visited) in the
period, and the risk map shows it per district, "<5" below 5."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.core import extensions
from omzien.core.roles import Role
from omzien.visits.figures import visits_per_district
from omzien.visits.models import VisitRound
from omzien.visits.privacy.retention import run_address_retention
from omzien.visits.tests.factories import address, attempt, visit_round

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


@pytest.fixture
def visits(small_municipality):
    """Midden: 6 visits this year, one 400 days ago, two not home; Noord: 2 visits."""
    town = small_municipality.municipality
    noord, midden, _zuid = small_municipality.districts
    running = visit_round(town)
    for _ in range(6):
        attempt(address(running, district=midden), "visited")
    attempt(address(running, district=midden), "visited", at=timezone.now() - dt.timedelta(400))
    for _ in range(2):
        attempt(address(running, district=midden), "not_home")
        attempt(address(running, district=noord), "visited")
    return small_municipality, running


def test_visits_are_registered_as_a_district_figure(visits):
    small, _running = visits
    noord, midden, zuid = small.districts
    assert "visits" in [figure.key for figure in extensions.district_figures]
    now = timezone.now()
    counts = visits_per_district(small.municipality, now - dt.timedelta(days=365), now)
    assert counts == {midden.pk: 6, noord.pk: 2}
    assert zuid.pk not in counts


def test_a_visit_shows_on_the_risk_map(client_as, visits):
    small, _running = visits
    town = small.municipality
    page = client_as(Role.POLICY, town).get(reverse("riskmap:map", args=[town.slug]))
    assert page.status_code == 200
    body = page.content.decode().split('data-testid="riskmap-table"', 1)[1]
    shown = {}
    for row in re.findall(r"<tr data-code=[^>]*>(.*?)</tr>", body.split("</table>")[0], re.S):
        cells = dict(re.findall(r'data-key="([^"]+)"[^>]*>(.*?)</t[hd]>', row, re.S))
        clean = {k: unescape(re.sub(r"<[^>]+>", "", v)).strip() for k, v in cells.items()}
        shown[clean["name"]] = clean
    assert shown["Midden"]["visits"] == "6"
    assert shown["Noord"]["visits"] == "<5" and shown["Zuid"]["visits"] == "<5"
    assert "Huisbezoeken" in body.split("</thead>")[0]


def test_visits_still_count_after_the_addresses_are_erased(visits):
    small, running = visits
    VisitRound.objects.filter(pk=running.pk).update(
        status=VisitRound.Status.CLOSED, closed_at=timezone.now() - dt.timedelta(days=100)
    )
    run_address_retention()
    now = timezone.now()
    counts = visits_per_district(small.municipality, now - dt.timedelta(days=365), now)
    assert counts[small.districts[1].pk] == 6
