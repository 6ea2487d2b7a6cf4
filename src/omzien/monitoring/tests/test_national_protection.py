"""The national overview's small numbers (issue 12, item 4): each municipality's count below
5 shows "<5", and since the province and national totals are exact, one hidden municipality
in a province (or one hidden province total) hides a second one ("verborgen"), on the page
and in the CSV/XLSX. A figure with a ``national_total`` counts a group once (distinct)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from omzien.core import extensions
from omzien.core.figure_records import MunicipalityFigure
from omzien.core.models import Municipality, Province
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory
from omzien.monitoring.national.figures import column
from omzien.monitoring.tests.test_national_overview import URL, rows_of

pytestmark = [pytest.mark.issue(12)]

SINCE, UNTIL = dt.date(2025, 1, 1), dt.date(2026, 1, 1)


def figure(**kwargs) -> MunicipalityFigure:
    return MunicipalityFigure("f", "F", lambda ids, since, until: {}, national="sum", **kwargs)


def texts(result):
    return (
        result.total.text,
        [s.text for s in result.provinces],
        {pk: s.text for pk, s in result.municipalities.items()},
    )


def test_one_hidden_municipality_in_a_province_hides_the_smallest_other():
    # Province 1: 3, 12, 8, 17 (total 40): 40 - 12 - 8 - 17 would give the 3 away.
    # Province 2: 30, 25 (total 55). National 95.
    values = {1: 3, 2: 12, 3: 8, 4: 17, 5: 30, 6: 25}
    total, provinces, towns = texts(column(figure(), values, [[1, 2, 3, 4], [5, 6]], SINCE, UNTIL))
    assert towns == {1: "<5", 2: "12", 3: "verborgen", 4: "17", 5: "30", 6: "25"}
    assert provinces == ["40", "55"] and total == "95"


def test_one_hidden_province_total_hides_the_next_smallest_province():
    # Province 1: 1 + 2 = 3 ("<5"); national 3 + 20 + 30 + 40 = 93: 93 - 20 - 30 - 40 = 3.
    values = {1: 1, 2: 2, 3: 12, 4: 8, 5: 30, 6: 40}
    groups = [[1, 2], [3, 4], [5], [6]]
    total, provinces, towns = texts(column(figure(), values, groups, SINCE, UNTIL))
    assert provinces == ["<5", "verborgen", "30", "40"] and total == "93"
    # Province 2's total hidden, its 12 and 8 would add up to it: a municipality goes too.
    assert towns[3] == "12" and towns[4] == "verborgen"
    # A province of one municipality: its count is the province total, both shown.
    assert towns[5] == "30" and towns[6] == "40"


def test_two_hidden_need_nothing_more_and_absent_municipalities_count_as_0():
    values = {1: 2, 2: 20, 3: 30}
    total, provinces, towns = texts(column(figure(), values, [[1, 2, 3, 4]], SINCE, UNTIL))
    assert towns == {1: "<5", 2: "20", 3: "30", 4: "<5"}
    assert provinces == ["52"] and total == "52"


def test_a_figure_that_is_not_a_count_is_not_hidden():
    values = {1: 2.5, 2: 30.0}
    total, provinces, towns = texts(column(figure(kind="number"), values, [[1, 2]], SINCE, UNTIL))
    assert towns == {1: "2,5", 2: "30,0"} and total == "32,5"


def test_a_national_total_counts_the_group_not_the_sum():
    asked = []

    def distinct(ids, since, until):
        asked.append(ids)
        return 7 if ids is None else len(ids) + 5

    values = {1: 6, 2: 7, 3: 6}
    f = figure(national_total=distinct)
    total, provinces, towns = texts(column(f, values, [[1, 2], [3]], SINCE, UNTIL))
    assert total == "7" and provinces == ["7", "6"]  # not 19 = 6 + 7 + 6
    assert asked == [None, [1, 2], [3]]


@pytest.mark.django_db
def test_the_page_and_files_hide_the_same(client_as, monkeypatch):
    Municipality.objects.update(province=None)
    north = Province.objects.create(code="PV97", name="Noord")
    south = Province.objects.create(code="PV96", name="Zuid")
    a, b, c = (MunicipalityFactory(province=north) for _i in range(3))
    d, e = (MunicipalityFactory(province=south) for _i in range(2))
    values = {a.pk: 3, b.pk: 12, c.pk: 8, d.pk: 20, e.pk: 25}
    monkeypatch.setattr(
        extensions.municipality_figures,
        "_items",
        [MunicipalityFigure("week", "Activiteiten", lambda i, s, u: values, national="sum")],
    )
    # The other municipalities (0, no province) are a group of their own, all "<5"; its
    # total of 0 hidden, the smallest other province (Noord, 23) is hidden too.
    client = client_as(Role.PROGRAMME)
    page = client.get(URL, {"jaar": "2025"}).content.decode()
    towns = {row[0]: row[1] for row in rows_of(page, "national-municipalities")}
    assert [towns[m.name] for m in (a, b, c, d, e)] == ["<5", "12", "verborgen", "20", "25"]
    provinces = {row[0]: row[1] for row in rows_of(page, "national-provinces")}
    assert provinces["Noord"] == "verborgen" and provinces["Zuid"] == "45"
    assert provinces["zonder provincie"] == "<5"
    assert "‘verborgen’" in page
    export = client.get(URL + "export/", {"jaar": "2025", "formaat": "csv"})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert [c.name, "Noord", "verborgen"] in rows and [a.name, "Noord", "<5"] in rows
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(client.get(URL + "export/", {"jaar": "2025", "formaat": "xlsx"}).content)
    )
    sheet = [list(r) for r in book["Per gemeente"].iter_rows(values_only=True)]
    assert [c.name, "Noord", "verborgen"] in sheet and [b.name, "Noord", 12] in sheet
