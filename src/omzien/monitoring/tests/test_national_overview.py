"""The programme's national monitoring overview (issue 12, item 4): totals over all
municipalities, per province and per municipality, counts below 5 suppressed, one call per
figure, manual figures beside the computed ones, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.core import extensions
from omzien.core.figure_records import MunicipalityFigure
from omzien.core.models import Province
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory
from omzien.monitoring.models import ProgrammeFigure

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

CALLS: list[tuple] = []
URL = "/landelijk/monitoring/"


def fixed(key: str, values: dict):
    def compute(municipality_ids, since, until):
        CALLS.append((key, municipality_ids, since, until))
        return dict(values)

    return compute


@pytest.fixture
def country(monkeypatch):
    """Province Klein: two municipalities with 1 and 2 activities; province Groot: two with
    10 and 20, and one without any. Partners: three municipalities take part."""
    CALLS.clear()
    small = Province.objects.create(code="PV98", name="Klein")
    big = Province.objects.create(code="PV99", name="Groot")
    a, b = (MunicipalityFactory(province=small) for _i in range(2))
    c, d, e = (MunicipalityFactory(province=big) for _i in range(3))
    figures = [
        MunicipalityFigure(
            "week_activities", "Activiteiten Week tegen Eenzaamheid",
            fixed("week_activities", {a.pk: 1, b.pk: 2, c.pk: 10, d.pk: 20}), national="sum",
        ),
        MunicipalityFigure(
            "participating_municipalities", "Deelnemende gemeenten",
            fixed("participating_municipalities", {a.pk: 1, c.pk: 1, d.pk: 1, e.pk: 0}),
            national="count",
        ),
        MunicipalityFigure("signals_per_1000", "Per 1.000", fixed("x", {a.pk: 3.0}), kind="rate"),
    ]  # fmt: skip
    monkeypatch.setattr(extensions.municipality_figures, "_items", figures)
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def rows_of(content: str, testid: str) -> list[list[str]]:
    part = content.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    body = part.split("<tbody>", 1)[1]
    result = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        result.append([re.sub(r"<[^>]+>", "", c).replace("&lt;", "<").strip() for c in cells])
    return result


def test_national_totals_and_per_province_suppression(client_as, country):
    client = client_as(Role.PROGRAMME)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    totals = {row[0]: row[1] for row in rows_of(page, "national-totals")}
    assert totals == {"Activiteiten Week tegen Eenzaamheid": "33", "Deelnemende gemeenten": "<5"}
    provinces = {row[0]: row[1:] for row in rows_of(page, "national-provinces")}
    assert provinces["Klein"] == ["<5", "<5"]  # 1 + 2 = 3 activities; one municipality
    assert provinces["Groot"] == ["30", "<5"]
    towns = {row[0]: row[1:] for row in rows_of(page, "national-municipalities")}
    assert towns[country["a"].name] == ["<5", "ja"]
    assert towns[country["d"].name] == ["20", "ja"]
    assert towns[country["e"].name] == ["<5", "nee"]
    assert towns[country["c"].name] == ["verborgen", "ja"]  # 30 - 20 would give e's 0 away
    assert "Per 1.000" not in page  # not a national figure


def test_one_call_per_figure_for_all_municipalities_of_the_year(client_as, country):
    client = client_as(Role.PROGRAMME)
    client.get(URL, {"jaar": "2024"})
    assert [(key, ids) for key, ids, _s, _u in CALLS] == [
        ("week_activities", None),
        ("participating_municipalities", None),
    ]
    assert CALLS[0][2:] == (dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    CALLS.clear()
    client.get(URL)
    year = timezone.localdate().year
    assert CALLS[0][2:] == (dt.date(year, 1, 1), dt.date(year + 1, 1, 1))


def test_a_bad_year_gives_a_dutch_message_and_keeps_what_was_typed(client_as, country):
    page = client_as(Role.PROGRAMME).get(URL, {"jaar": "twintig"}).content.decode()
    assert "Kies een jaar van 2019 tot en met" in page
    assert 'value="twintig"' in page


def test_the_municipalities_sort_by_a_figure_suppressed_last(client_as, country):
    page = (
        client_as(Role.PROGRAMME)
        .get(URL, {"sorteer": "week_activities", "volgorde": "af"})
        .content.decode()
    )
    names = [row[0] for row in rows_of(page, "national-municipalities")]
    assert names[0] == country["d"].name
    # c (10) is hidden too ("verborgen"), else it would be Groot's 30 minus 20 and e's 0.
    assert {country[k].name for k in "abce"} <= set(names[1:])


@pytest.mark.parametrize("role", [Role.POLICY, Role.COORDINATOR, Role.ADMIN])
def test_municipality_staff_are_refused(client_as, small_municipality, role):
    client = client_as(role, small_municipality.municipality)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "invoer/").status_code == 403
    assert client.post(URL + "invoer/", {"year": 2025}).status_code == 403
    assert not ProgrammeFigure.objects.exists()


def test_the_programme_enters_a_figure_shown_in_the_overview(client_as, country):
    from omzien.core.models import AuditEvent

    client = client_as(Role.PROGRAMME)
    year = timezone.localdate().year
    data = {"year": year, "label": "Campagnebereik", "value": "1250000",
            "source": "Campagnebureau", "note": ""}  # fmt: skip
    response = client.post(URL + "invoer/", data)
    assert response.status_code == 302
    figure = ProgrammeFigure.objects.get()
    assert figure.entered_by == client.user and figure.key == "campagnebereik"
    data["value"] = "1300000"
    client.post(URL + "invoer/", data)
    assert ProgrammeFigure.objects.get().value == 1300000  # the same year and label: replaced
    page = client.get(URL).content.decode()
    totals = {row[0]: row[1:] for row in rows_of(page, "national-totals")}
    assert totals["Campagnebereik"] == ["1.300.000", "handmatig ingevoerd, bron: Campagnebureau"]
    assert AuditEvent.objects.filter(action="programme_figure_entered").count() == 2
    other_year = client.get(URL, {"jaar": year - 1}).content.decode()
    assert "Campagnebereik" not in other_year


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2025", "label": "Mediabereik", "value": "veel", "source": "Bureau"},
         "Vul een heel getal in"),
        ({"year": "2025", "label": "Mediabereik", "value": "-3", "source": "Bureau"},
         "Vul 0 of meer in."),
        ({"year": "1990", "label": "Mediabereik", "value": "3", "source": "Bureau"},
         "Kies een jaar van 2019"),
        ({"year": "2025", "label": "", "value": "3", "source": "Bureau"},
         "Vul in welk cijfer het is."),
        ({"year": "2025", "label": "Mediabereik", "value": "3", "source": ""},
         "Vul de bron in."),
    ],
)  # fmt: skip
def test_bad_entry_gives_a_dutch_message_and_saves_nothing(client_as, data, message):
    response = client_as(Role.PROGRAMME).post(URL + "invoer/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    if data["label"]:
        assert f'value="{data["label"]}"' in page
    assert not ProgrammeFigure.objects.exists()


def test_the_csv_and_xlsx_have_the_overview(client_as, country):
    from openpyxl import load_workbook

    client = client_as(Role.PROGRAMME)
    ProgrammeFigure.objects.create(
        year=timezone.localdate().year, key="mediabereik", label="Mediabereik", value=500,
        source="Krantenbank",
    )  # fmt: skip
    response = client.get(URL + "export/", {"formaat": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Activiteiten Week tegen Eenzaamheid", "33", "berekend uit Omzien"] in rows
    assert ["Mediabereik", "500", "handmatig ingevoerd, bron: Krantenbank"] in rows
    assert ["Klein", "<5", "<5"] in rows
    response = client.get(URL + "export/", {"formaat": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    provinces = [list(r) for r in book["Per provincie"].iter_rows(values_only=True)]
    assert ["Groot", 30, "<5"] in provinces


def test_the_national_start_page_links_to_the_overview(client_as):
    page = client_as(Role.PROGRAMME).get(reverse("core:national_home")).content.decode()
    assert reverse("monitoring:national_view") in page
    assert "Monitoring van het programma" in page


def test_the_demo_enters_the_manual_figures_once():
    from omzien.monitoring.national.demo import load_national_demo

    assert load_national_demo(None, {}) == 3
    assert load_national_demo(None, {}) == 0
    assert ProgrammeFigure.objects.filter(year=timezone.localdate().year).count() == 3
