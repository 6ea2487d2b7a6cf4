"""The social map's part of the demo (issue 9): about forty initiatives of all seven kinds,
published and waiting ones, meetings in the coming weeks, a programme in the next Week tegen
Eenzaamheid; made once, the same every time."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.core.demo import load_demo
from omzien.core.models import User
from omzien.core.tests.factories import login_verified
from omzien.socialmap import agenda
from omzien.socialmap.choices import ActivityKind, Status, TargetGroup, Where
from omzien.socialmap.demo import campaign_week
from omzien.socialmap.demo_offer import OFFER, WEEK_PROGRAMME
from omzien.socialmap.models import CampaignWeek, Event, Initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]


def test_the_demo_has_a_local_offer_with_meetings():
    load_demo()
    initiatives = Initiative.objects.filter(municipality__code="GM0355")
    assert 36 <= initiatives.count() <= 48
    kinds = {kind for each in initiatives.values_list("kinds", flat=True) for kind in each}
    assert kinds == set(ActivityKind.values)
    groups = {g for each in initiatives.values_list("target_groups", flat=True) for g in each}
    assert len(groups) >= 6 and groups <= set(TargetGroup.values)
    assert set(initiatives.values_list("where", flat=True)) == set(Where.values)
    assert initiatives.filter(free=False).count() >= 5
    assert (
        initiatives.filter(wheelchair=False).exists()
        and initiatives.filter(hearing_loop=True).exists()
    )
    assert initiatives.filter(places_left=0, waiting_list=True).count() == 2
    submitted = initiatives.filter(status=Status.SUBMITTED)
    assert submitted.count() == 2
    assert {i.organisation.name for i in submitted} == {"Zorggroep Heuvelrand (demo)"}
    # An address has its PC4 point; online and at home have none.
    venues = initiatives.filter(where=Where.VENUE)
    assert not venues.filter(latitude__isnull=True).exists()
    assert not initiatives.exclude(where=Where.VENUE).filter(latitude__isnull=False).exists()

    now = dt.datetime.now(agenda.TZ)
    coming = agenda.occurrences(Event.objects.all(), now, now + dt.timedelta(days=8))
    met = set(Event.objects.filter(pk__in={o.event_id for o in coming}).values_list(
        "initiative_id", flat=True))  # fmt: skip
    assert met >= set(
        initiatives.exclude(name__in=[p[0] for p in WEEK_PROGRAMME]).values_list("pk", flat=True)
    )  # every initiative meets in the coming week
    rules = set(Event.objects.values_list("rrule", flat=True))
    assert any("INTERVAL=2" in r for r in rules) and any("MONTHLY" in r for r in rules)

    count = initiatives.count()
    load_demo()
    assert Initiative.objects.count() == count


def test_the_demo_has_a_programme_in_the_next_week_tegen_eenzaamheid():
    # The migration stores the weeks of 2025-2027; later years are the operators' to add.
    # Store this year's and next year's (late September), so the test does not expire.
    this_year = timezone.localdate().year
    for year in (this_year, this_year + 1):
        CampaignWeek.objects.get_or_create(
            year=year, name="Week tegen Eenzaamheid",
            defaults={"starts_on": dt.date(year, 9, 24), "ends_on": dt.date(year, 10, 3)},
        )  # fmt: skip
    load_demo()
    week = campaign_week(timezone.localdate())
    assert week is not None and week.ends_on >= timezone.localdate()
    programme = Initiative.objects.filter(name__in=[p[0] for p in WEEK_PROGRAMME])
    assert programme.count() >= 3
    for initiative in programme:
        start = initiative.events.get().starts_at.astimezone(agenda.TZ).date()
        assert week.starts_on <= start <= week.ends_on
    assert Initiative.objects.count() == len(OFFER) + programme.count()


def test_without_the_weeks_dates_the_demo_skips_its_programme():
    CampaignWeek.objects.all().delete()
    load_demo()
    assert not Initiative.objects.filter(name__in=[p[0] for p in WEEK_PROGRAMME]).exists()
    assert Initiative.objects.count() == len(OFFER)


def test_what_works_of_the_demo_shows_figures(client):
    """After load_demo the coordinator's what-works page shows at least one kind of activity
    with figures (five or more referrals with a measurement before and after), and some
    groups below 5."""
    load_demo()
    login_verified(client, User.objects.get(username="beleid"))
    page = client.get(reverse("signalling:what_works", args=["zeist"]))
    assert page.status_code == 200
    kinds = page.context["figures"].by_kind
    shown = [tally for tally in kinds if tally.change.shown]
    assert len(shown) >= 2
    assert any(tally.cells()[0] == "<5" for tally in kinds)
    assert shown[0].cells()[4] in page.content.decode()
    assert page.context["figures"].comparison.shown
