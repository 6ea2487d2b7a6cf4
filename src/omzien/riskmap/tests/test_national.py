"""The programme team's national risk map (issue 10, item 5): every municipality with the
measured loneliness of young adults as published, the CBS key figures and Omzien's own
signals per 1,000 inhabitants; fewer than 5 signals shown as "<5", a suppressed GGD figure as
"onbekend", never 0; only for the programme team."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import UserFactory, login_verified, member
from omzien.riskmap.models import AreaFigure, Source
from omzien.riskmap.national import class_breaks
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.django_db, pytest.mark.issue(10)]

URL = "/landelijk/risicokaart/"
COLUMNS = ("eenzaam", "ernstig", "pct_65plus", "pct_single", "signals", "count")


def table_rows(content: str) -> dict[str, dict[str, str]]:
    """{code: {"name": ..., column: text shown}} from the page's table."""
    rows = {}
    for code, body in re.findall(r'<tr data-code="([^"]+)">(.*?)</tr>', content, re.S):
        name = re.search(r"<th[^>]*>(.*?)</th>", body, re.S).group(1)
        cells = [html.unescape(c.strip()) for c in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]
        rows[code] = {"name": html.unescape(name.strip()), **dict(zip(COLUMNS, cells, strict=True))}
    return rows


def shown(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@pytest.fixture
def ggd():
    call_command("import_riskmap", "--shipped", stdout=io.StringIO())


@pytest.fixture
def programme(client):
    login_verified(client, member(Role.PROGRAMME))
    return client


def test_the_page_lists_every_municipality_with_the_published_figures(programme, ggd):
    response = programme.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert len(content.encode()) < 1_000_000
    rows = table_rows(content)
    assert set(rows) == set(Municipality.objects.values_list("code", flat=True))
    for code in ("GM0355", "GM0344"):  # Zeist, Utrecht
        figures = AreaFigure.objects.filter(source=Source.GGD_YOUNG, area_code=code)
        assert rows[code]["eenzaam"] == shown(figures.get(indicator="eenzaam").value)
        assert rows[code]["ernstig"] == shown(figures.get(indicator="sterk_eenzaam").value)
        municipality = Municipality.objects.get(code=code)
        assert rows[code]["name"] == municipality.name
        assert rows[code]["pct_65plus"] == shown(municipality.key_figures["pct_65plus"])
        assert rows[code]["pct_single"] == shown(municipality.key_figures["pct_eenpersoonshhd"])
    # Nobody works in Omzien there yet: its use is unknown, not 0.
    assert rows["GM0355"]["signals"] == "onbekend"
    # The map gets the same figures as the table.
    data = json.loads(re.search(r'id="national-figures"[^>]*>(.*?)</script>', content, re.S)[1])
    assert data["eenzaam"]["figures"]["GM0355"][1] == rows["GM0355"]["eenzaam"]
    assert data["eenzaam"]["breaks"] == sorted(data["eenzaam"]["breaks"])
    assert 'data-boundaries="/landelijk/risicokaart/gemeenten.geojson' in content


def test_a_suppressed_ggd_figure_is_unknown_never_zero(programme, ggd):
    hidden = AreaFigure.objects.get(
        source=Source.GGD_YOUNG, area_code="GM0613", indicator="eenzaam"
    )
    assert hidden.suppressed
    Municipality.objects.get_or_create(
        code="GM0613", defaults={"name": "Albrandswaard", "slug": "albrandswaard"}
    )
    rows = table_rows(programme.get(URL).content.decode())
    assert rows["GM0613"]["eenzaam"] == "onbekend"
    assert rows["GM0613"]["eenzaam"] != "0,0"


def test_fewer_than_five_signals_show_as_less_than_five(programme, small_municipality):
    municipality = small_municipality.municipality
    municipality.key_figures = {"aantal_inwoners": 6000}
    municipality.save()
    member(Role.COORDINATOR, municipality)
    go_live(municipality)
    noord = small_municipality.districts[0]
    for number in ("1", "2", "3"):
        file_signal(municipality, postcode=small_municipality.postcode_in(noord),
                    house_number=number)  # fmt: skip
    row = table_rows(programme.get(URL).content.decode())[municipality.code]
    assert (row["signals"], row["count"]) == ("<5", "<5")
    for number in ("4", "5", "6"):
        file_signal(municipality, postcode=small_municipality.postcode_in(noord),
                    house_number=number)  # fmt: skip
    row = table_rows(programme.get(URL).content.decode())[municipality.code]
    assert (row["signals"], row["count"]) == ("1,00", "6")  # 6 per 6,000 inhabitants


def test_the_table_sorts_by_a_column_without_javascript(programme, ggd):
    content = programme.get(URL + "?sorteer=eenzaam&volgorde=af").content.decode()
    rows = list(table_rows(content).values())
    known = [float(r["eenzaam"].replace(",", ".")) for r in rows if r["eenzaam"] != "onbekend"]
    assert known == sorted(known, reverse=True)
    assert all(r["eenzaam"] == "onbekend" for r in rows[len(known) :])
    assert 'aria-sort="descending"' in content


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.POLICY, Role.CASEWORKER])
def test_staff_of_a_municipality_are_refused(client, role):
    zeist = Municipality.objects.get(code="GM0355")
    login_verified(client, member(role, zeist))
    assert client.get(URL).status_code in (403, 404)


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "inloggen" in response["Location"]


def test_a_superuser_sees_the_page(client):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("riskmap:national_map")).status_code == 200


def test_class_breaks_are_rising_quantiles_without_repeats():
    assert class_breaks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    assert class_breaks([5, 5, 5, 7]) == [5, 7]
    assert class_breaks([]) == []


def test_the_admin_shows_imports_and_figures_read_only(client, ggd):
    admin = UserFactory(is_superuser=True, is_staff=True)
    login_verified(client, admin)
    runs = client.get(reverse("admin:riskmap_importrun_changelist"))
    assert runs.status_code == 200
    assert "gezondheidsmonitor_jongvolwassenen_2024" in runs.content.decode()
    figures = client.get(
        reverse("admin:riskmap_areafigure_changelist") + "?source=ggd_young&year=2024"
    )
    assert figures.status_code == 200
    assert client.get(reverse("admin:riskmap_areafigure_add")).status_code == 403


@pytest.fixture
def whole_country(db):
    """All 342 municipalities with their CBS key figures (without districts: the page needs
    none); the test's transaction removes them again."""
    from omzien.core.reference import read_reference_data

    known = set(Municipality.objects.values_list("code", flat=True))
    Municipality.objects.bulk_create(
        Municipality(code=m.code, name=m.name, slug=m.slug, key_figures=m.key_figures)
        for m in read_reference_data().municipalities
        if m.code not in known
    )


def test_the_whole_country_loads_under_one_megabyte(programme, ggd, whole_country):
    from django.contrib.staticfiles import finders

    page = programme.get(URL)
    rows = table_rows(page.content.decode())
    assert len(rows) == 342
    assert sum(row["eenzaam"] != "onbekend" for row in rows.values()) > 300
    borders = programme.get(
        reverse("riskmap:municipality_boundaries") + "?detail=medium",
        headers={"Accept-Encoding": "gzip"},
    )
    statics = [
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "riskmap/national.js",
        "riskmap/national.css",
        "omzien/omzien.css",
        "omzien/omzien.js",
    ]
    sizes = [len(page.content), len(borders.content)]
    sizes += [len(open(finders.find(name), "rb").read()) for name in statics]  # noqa: SIM115
    assert sum(sizes) < 1_000_000, sizes


def test_the_national_start_page_links_to_the_map_and_its_title_is_plain(client):
    login_verified(client, member(Role.PROGRAMME))
    page = client.get(reverse("core:national_home")).content.decode()
    assert f'href="{URL}"' in page and "Risicokaart van Nederland" in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert "<a" not in title and "aanmelden" not in title


def test_the_signals_of_all_municipalities_are_counted_in_one_query(programme, small_municipality):
    """The national map asks the signals of every municipality in use at once, not once per
    municipality (bench/riskmap_pages.py: 353 queries before)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from omzien.core.tests.factories import MunicipalityFactory

    municipality = small_municipality.municipality
    go_live(municipality)
    member(Role.COORDINATOR, municipality)
    for number in ("1", "2", "3", "4", "5", "6", "7"):
        district = small_municipality.districts[int(number) % 3]
        file_signal(municipality, postcode=small_municipality.postcode_in(district),
                    house_number=number)  # fmt: skip

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = programme.get(URL)
        assert table_rows(page.content.decode())[municipality.code]["count"] == "7"
        return len(captured)

    before = queries()
    for _ in range(4):  # four more municipalities where someone works in Omzien
        member(Role.COORDINATOR, MunicipalityFactory())
    assert queries() == before


@pytest.mark.issue(12)
def test_signals_per_1000_equal_the_monitoring_figure_with_and_without_district(
    programme, small_municipality
):
    """One definition: the national map counts every signal of the municipality (also one
    whose postcode has no district), as the monitoring figure ``signals_per_1000`` does over
    the same period; the district map still counts only signals with a district."""
    import datetime as dt

    from django.utils import timezone

    from omzien.core.extensions import municipality_figure
    from omzien.riskmap.national import national_figures, national_period
    from omzien.signalling.figures import signals_per_district
    from omzien.signalling.models import Signal

    municipality = small_municipality.municipality
    municipality.key_figures = {"aantal_inwoners": 4000}
    municipality.save()
    go_live(municipality)
    member(Role.COORDINATOR, municipality)
    noord = small_municipality.districts[0]
    for number in ("1", "2", "3", "4", "5"):
        file_signal(municipality, postcode=small_municipality.postcode_in(noord),
                    house_number=number)  # fmt: skip
    for number in ("6", "7", "8"):  # a postcode outside Proefdorp: no district
        file_signal(municipality, postcode="3731 AB", house_number=number)
    assert Signal.objects.filter(municipality=municipality, district=None).count() == 3
    old = file_signal(municipality, postcode="3731 AB", house_number="9")
    Signal.objects.filter(pk=old.signal.pk).update(
        created_at=timezone.now() - dt.timedelta(days=400)
    )

    period = national_period()
    assert period.last == timezone.localdate()
    expected = municipality_figure("signals_per_1000").compute(
        [municipality.pk], period.since, period.until
    )[municipality.pk]
    assert expected == pytest.approx(2.0)  # 8 signals per 4,000 inhabitants
    row = next(r for r in national_figures(period) if r.code == municipality.code)
    assert row.cells["signals"].value == pytest.approx(expected)
    page = table_rows(programme.get(URL).content.decode())[municipality.code]
    assert (page["signals"], page["count"]) == ("2,00", "8")
    # The district map keeps to the districts.
    now = timezone.now()
    assert sum(signals_per_district(municipality, now - dt.timedelta(days=365), now).values()) == 5


def test_the_national_period_is_twelve_months_of_whole_days_up_to_today():
    import datetime as dt

    from omzien.riskmap.national import national_period

    period = national_period(dt.date(2026, 12, 2))
    assert (period.since, period.until, period.last) == (
        dt.date(2025, 12, 3), dt.date(2026, 12, 3), dt.date(2026, 12, 2),
    )  # fmt: skip
    assert national_period(dt.date(2028, 2, 28)).since == dt.date(2027, 3, 1)
    assert national_period(dt.date(2028, 2, 29)).since == dt.date(2027, 3, 1)
