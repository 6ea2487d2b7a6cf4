"""The social map's figures per municipality and monitoring table (issue 12): kinds of
activity in the published catalogue and activities in the Week tegen Eenzaamheid, each equal
to a count made here over two municipalities."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from omzien.core.extensions import municipality_figure
from omzien.core.tests.factories import MunicipalityFactory, OrganisationFactory
from omzien.socialmap import monitoring_figures as figures
from omzien.socialmap.models import CampaignWeek, Event
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

AMS = ZoneInfo("Europe/Amsterdam")
D = dt.date
SINCE, UNTIL = D(2026, 1, 1), D(2027, 1, 1)


def event(offer, day: dt.date, hour: int = 14, rrule: str = "") -> Event:
    return Event.objects.create(
        initiative=offer, municipality=offer.municipality, rrule=rrule,
        starts_at=dt.datetime.combine(day, dt.time(hour), tzinfo=AMS),
    )  # fmt: skip


def test_kinds_of_activity_among_published_initiatives():
    one, two = MunicipalityFactory(), MunicipalityFactory()
    org = OrganisationFactory(municipality=one)
    initiative(org, kinds=["meeting", "meaningful_activity"], status="published")
    initiative(org, kinds=["meeting"], status="published")
    initiative(org, kinds=["social_skills"], status="draft")
    initiative(org, kinds=["meaningful_role"], status="archived")
    initiative(
        OrganisationFactory(municipality=two), kinds=["practical_support"], status="published"
    )
    found = municipality_figure("catalogue_activity_kinds").compute(None, SINCE, UNTIL)
    assert found == {one.pk: 2, two.pk: 1}


@pytest.fixture
def week():
    """The 2026 week (in the data since migration 0003), set to 24 September - 1 October."""
    found, _created = CampaignWeek.objects.update_or_create(
        year=2026, name=figures.WEEK_NAME,
        defaults={"starts_on": D(2026, 9, 24), "ends_on": D(2026, 10, 1)},
    )  # fmt: skip
    return found


def test_week_activities_are_one_off_events_of_published_initiatives_in_the_week(week):
    one, two = MunicipalityFactory(), MunicipalityFactory()
    org = OrganisationFactory(municipality=one)
    offer = initiative(org, kinds=["meeting", "meaningful_activity"], status="published")
    event(offer, D(2026, 9, 24), hour=0)  # the first day, just after midnight
    event(offer, D(2026, 10, 1), hour=23)  # the last day, late
    event(offer, D(2026, 10, 2))  # the day after
    event(offer, D(2026, 9, 25), rrule="FREQ=WEEKLY")  # a weekly meeting
    event(initiative(org, status="draft"), D(2026, 9, 26))
    event(initiative(org, kinds=["social_skills"], status="archived"), D(2026, 9, 27))
    event(initiative(OrganisationFactory(municipality=two), status="published"), D(2026, 9, 28))
    assert figures.week_activities(None, SINCE, UNTIL) == {one.pk: 3, two.pk: 1}
    # Only the days of the week that lie in the period.
    assert figures.week_activities([one.pk], SINCE, D(2026, 9, 27)) == {one.pk: 1}
    assert figures.week_activities(None, D(2025, 1, 1), D(2026, 1, 1)) == {}
    data = figures.week_activities_table(one, SINCE, UNTIL, None)
    rows = {row["kind"]: row["activities"] for row in data.rows}
    assert (rows["Ontmoeting"], rows["Sociale vaardigheden"], rows["Alle activiteiten"]) == (
        2,
        1,
        3,
    )
    filtered = figures.week_activities_table(one, SINCE, UNTIL, [1])
    assert "geldt hier niet" in filtered.note
    assert filtered.rows == data.rows


def test_no_week_in_the_period_says_so():
    data = figures.week_activities_table(MunicipalityFactory(), SINCE, D(2026, 6, 1), None)
    assert data.rows[-1]["activities"] == 0
    assert "geen Week tegen Eenzaamheid" in data.note
