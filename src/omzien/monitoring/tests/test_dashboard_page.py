"""The municipality's monitoring page (issue 12, item 4): filters, suppression, bad input,
no personal data, speed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import District
from omzien.core.roles import Role
from omzien.monitoring.tests.factories_dashboard import (  # noqa: F401  (a fixture)
    CALLS,
    registered_tables,
    resident_on,
)

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


def url(municipality) -> str:
    return reverse("monitoring:view_monitoring", args=[municipality.slug])


def table_cells(content: str, key: str) -> list[list[str]]:
    """The rows of the table ``key`` as the texts of their cells."""
    part = content.split(f'data-testid="monitoring-table-{key}"', 1)[1].split("</section>", 1)[0]
    body = part.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]


def last_month(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today.replace(day=1) - dt.timedelta(days=10)


@pytest.fixture
def town(request, small_municipality):
    """Six residents last month in the first district (four with a birth year), three in the
    second, two in the first district two years ago."""
    request.getfixturevalue("registered_tables")
    m = small_municipality.municipality
    first, second, _third = small_municipality.districts
    day = last_month()
    for i in range(6):
        resident_on(m, first, day, birth_year=1950 if i < 4 else None, name=f"Geheime Naam{i}")
    for _i in range(3):
        resident_on(m, second, day, birth_year=1940)
    for _i in range(2):
        resident_on(m, first, day.replace(year=day.year - 2), birth_year=1930)
    return small_municipality


def test_the_default_is_the_last_twelve_whole_months(client_as, town):
    m = town.municipality
    client = client_as(Role.COORDINATOR, m)
    response = client.get(url(m))
    assert response.status_code == 200
    _m, since, until, districts = CALLS[-1]
    today = timezone.localdate()
    assert until == today.replace(day=1)
    assert since == until.replace(year=until.year - 1)
    assert districts is None
    rows = table_cells(response.content.decode(), "test_residents")
    first, second, _third = town.districts
    assert [first.name, "6", "66,7%"] in rows
    assert [second.name, "3", "100,0%"] in rows
    assert "Nieuwe inwoners per wijk" in response.content.decode()
    assert "Geteld: inwoners die in de periode zijn ingeschreven." in response.content.decode()


def test_a_district_filter_counts_only_that_district(client_as, town):
    m = town.municipality
    first, second, _third = town.districts
    client = client_as(Role.COORDINATOR, m)
    response = client.get(url(m), {"wijk": [second.pk]})
    assert CALLS[-1][3] == [second.pk]
    rows = table_cells(response.content.decode(), "test_residents")
    assert rows == [[second.name, "3", "100,0%"]]


def test_a_period_filter_counts_only_that_period(client_as, town):
    m = town.municipality
    first, _second, _third = town.districts
    client = client_as(Role.COORDINATOR, m)
    two_years_ago = last_month().replace(year=last_month().year - 2)
    start = two_years_ago.replace(day=1)
    end = (start + dt.timedelta(days=40)).replace(day=1) - dt.timedelta(days=1)
    response = client.get(url(m), {"van": start.isoformat(), "tot": end.isoformat()})
    assert CALLS[-1][1:3] == (start, end + dt.timedelta(days=1))
    assert table_cells(response.content.decode(), "test_residents") == [[first.name, "2", "100,0%"]]


@pytest.mark.parametrize(
    ("preset", "bounds"),
    [
        ("dit-jaar", lambda y: (dt.date(y, 1, 1), dt.date(y + 1, 1, 1))),
        ("vorig-jaar", lambda y: (dt.date(y - 1, 1, 1), dt.date(y, 1, 1))),
        ("week", lambda y: (dt.date(y, 9, 25), dt.date(y, 10, 3))),
    ],
)
def test_the_presets_choose_their_period(client_as, town, preset, bounds):
    from omzien.socialmap.models import CampaignWeek

    year = timezone.localdate().year
    CampaignWeek.objects.filter(year__gte=year).delete()
    CampaignWeek.objects.create(
        year=year, starts_on=dt.date(year, 9, 25), ends_on=dt.date(year, 10, 2)
    )
    client = client_as(Role.POLICY, town.municipality)
    response = client.get(url(town.municipality), {"periode": preset})
    assert response.status_code == 200
    assert CALLS[-1][1:3] == bounds(year)


def test_policy_staff_see_small_numbers_suppressed_the_coordinator_exact(client_as, town):
    m = town.municipality
    first, second, _third = town.districts
    policy = client_as(Role.POLICY, m)
    rows = table_cells(policy.get(url(m)).content.decode(), "test_residents")
    assert [first.name, "6", "66,7%"] in rows
    assert [second.name, "&lt;5", "te weinig"] in rows
    coordinator = client_as(Role.COORDINATOR, m)
    page = coordinator.get(url(m)).content.decode()
    assert [second.name, "3", "100,0%"] in table_cells(page, "test_residents")
    assert 'data-testid="suppression-note"' not in page


def test_a_table_shows_only_to_roles_that_may_take_its_action(client_as, town):
    m = town.municipality
    page = client_as(Role.POLICY, m).get(url(m)).content.decode()
    assert "monitoring-table-test_secret" not in page
    page = client_as(Role.ADMIN, m, user=None).get(url(m))
    assert page.status_code in (403, 404)  # the admin does not see monitoring


def test_a_policy_user_sees_no_personal_data(client_as, town):
    m = town.municipality
    page = client_as(Role.POLICY, m).get(url(m)).content.decode()
    assert "Geheime Naam" not in page
    assert "Teststraat" not in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"van": "2026-05-01", "tot": "2026-01-31"}, "De begindatum moet voor of op de einddatum"),
        ({"van": "31-02-2026"}, "Vul een echte datum in"),
        ({"van": "gisteren"}, "Vul een echte datum in"),
        ({"wijk": ["999999"]}, "Kies alleen wijken van uw gemeente."),
        ({"wijk": ["abc"]}, "Kies alleen wijken van uw gemeente."),
    ],
)
def test_bad_filters_give_a_dutch_message_and_keep_what_was_typed(client_as, town, query, message):
    m = town.municipality
    CALLS.clear()
    response = client_as(Role.POLICY, m).get(url(m), query)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert CALLS == []  # nothing counted for input that does not make sense
    for key in ("van",):
        if key in query:
            assert f'value="{query[key]}"' in page


def test_a_district_of_another_municipality_is_refused(client_as, town):
    from omzien.core.tests.factories import DistrictFactory, MunicipalityFactory

    other = DistrictFactory(municipality=MunicipalityFactory())
    page = client_as(Role.POLICY, town.municipality).get(
        url(town.municipality), {"wijk": [other.pk]}
    )
    assert "Kies alleen wijken van uw gemeente." in page.content.decode()
    assert other.name not in page.content.decode()


def test_the_page_takes_a_handful_of_queries(client_as, town):
    m = town.municipality
    client = client_as(Role.POLICY, m)
    client.get(url(m))  # warm the session and the caches of the user's memberships
    districts = [d.pk for d in District.objects.filter(municipality=m)]
    with CaptureQueriesContext(connection) as few:
        client.get(url(m), {"wijk": districts})
    # Session (read and save), user, second factor, municipality, memberships, the Week tegen
    # Eenzaamheid, the districts of the filter (checked, shown), one query per table.
    assert len(few) <= 13, "\n".join(q["sql"][:150] for q in few.captured_queries)


def test_the_menu_and_the_start_page_lead_to_monitoring(client_as, town):
    m = town.municipality
    client = client_as(Role.POLICY, m)
    home = client.get(reverse("core:municipality_home", args=[m.slug])).content.decode()
    assert url(m) in home
    assert "Monitoring" in home
