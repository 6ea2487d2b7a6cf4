"""Small numbers on the monitoring page, its CSV and XLSX (issue 12, item 4; DESIGN.md): a
share computed from a hidden count is hidden, and in a row or column with a total one hidden
count hides a second one ("verborgen"), so nothing hidden is the total minus the shown cells.
Coordinators keep the exact numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from omzien.core import extensions
from omzien.core.figure_records import (
    TOTAL_ROW,
    MonitoringColumn,
    MonitoringTable,
    MonitoringTableData,
)
from omzien.core.roles import Role
from omzien.monitoring.dashboard.tables import hidden_counts
from omzien.monitoring.tests.test_dashboard_page import table_cells

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

Col = MonitoringColumn


def contact(municipality, since, until, district_ids):
    return MonitoringTableData(
        (
            Col("month", "Maand", "label"),
            Col("contacted", "Eerste contact"),
            Col("hours", "Mediaan uren", "number", "contacted", derived_from=()),
            Col("within", "Binnen de norm"),
            Col("share", "Binnen de norm (%)", "share", "contacted", derived_from=("within",)),
            Col("unsaid", "Iets anders (%)", "share", "contacted"),
        ),
        (
            {"month": "jan", "contacted": 10, "hours": 5.5, "within": 3, "share": 30.0,
             "unsaid": 50.0},
            {"month": "feb", "contacted": 12, "hours": 4.0, "within": 6, "share": 50.0,
             "unsaid": 25.0},
        ),
    )  # fmt: skip


def channels(municipality, since, until, district_ids):
    return MonitoringTableData(
        (
            Col("month", "Maand", "label"),
            Col("phone", "Telefoon"),
            Col("mail", "E-mail"),
            Col("web", "Formulier"),
            Col("total", "Totaal", total=True),
        ),
        (
            {"month": "jan", "phone": 3, "mail": 12, "web": 8, "total": 23},
            {"month": "feb", "phone": 6, "mail": 12, "web": 8, "total": 26},
        ),
    )


def outcomes(municipality, since, until, district_ids):
    return MonitoringTableData(
        (Col("outcome", "Uitkomst", "label"), Col("closed", "Afgesloten")),
        (
            {"outcome": "Hulp gevonden", "closed": 9},
            {"outcome": "Geen hulp nodig", "closed": 7},
            {"outcome": "Verhuisd", "closed": 2},
            {"outcome": "Totaal", "closed": 18, TOTAL_ROW: True},
        ),
    )


TABLES = [
    MonitoringTable("t_contact", "Eerste contact", contact, order=1),
    MonitoringTable("t_channels", "Meldingen per kanaal", channels, order=2),
    MonitoringTable("t_outcomes", "Uitkomsten", outcomes, order=3),
]


@pytest.fixture
def town(small_municipality, monkeypatch):
    monkeypatch.setattr(extensions.monitoring_tables, "_items", list(TABLES))
    return small_municipality.municipality


def shown(client, town, key):
    page = client.get(reverse("monitoring:view_monitoring", args=[town.slug])).content.decode()
    return [[c.replace("&lt;", "<") for c in row] for row in table_cells(page, key)], page


def test_a_share_of_a_hidden_count_is_not_shown(client_as, town):
    rows, page = shown(client_as(Role.POLICY, town), town, "t_contact")
    # 30% of 10 would give the hidden 3 away; the median hours come from the 10 only; a share
    # that does not say what it comes from goes with any hidden count of its row.
    assert rows[0] == ["jan", "10", "5,5", "<5", "te weinig", "te weinig"]
    assert rows[1] == ["feb", "12", "4,0", "6", "50,0%", "25,0%"]
    assert "‘verborgen’" in page


def test_one_hidden_channel_hides_the_smallest_other_one(client_as, town):
    rows, _page = shown(client_as(Role.POLICY, town), town, "t_channels")
    assert rows[0] == ["jan", "<5", "12", "verborgen", "23"]  # 23 - 12 - 8 would be 3
    assert rows[1] == ["feb", "6", "12", "8", "26"]


def test_one_hidden_outcome_hides_a_second_under_the_total_row(client_as, town):
    rows, _page = shown(client_as(Role.POLICY, town), town, "t_outcomes")
    assert [row[1] for row in rows] == ["9", "verborgen", "<5", "18"]


def test_the_coordinator_sees_the_exact_numbers(client_as, town):
    client = client_as(Role.COORDINATOR, town)
    assert shown(client, town, "t_contact")[0][0] == ["jan", "10", "5,5", "3", "30,0%", "50,0%"]
    assert shown(client, town, "t_channels")[0][0] == ["jan", "3", "12", "8", "23"]


def test_the_csv_and_xlsx_hide_the_same_cells(client_as, town):
    from openpyxl import load_workbook

    client = client_as(Role.POLICY, town)
    url = reverse("monitoring:export_monitoring", args=[town.slug])
    text = client.get(url, {"formaat": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["jan", "10", "5,5", "<5", "te weinig", "te weinig"] in rows
    assert ["jan", "<5", "12", "verborgen", "23"] in rows
    assert ["Verhuisd", "<5"] in rows and ["Geen hulp nodig", "verborgen"] in rows
    assert any("‘verborgen’" in row[0] for row in rows if row)
    book = load_workbook(io.BytesIO(client.get(url, {"formaat": "xlsx"}).content))
    sheet = [list(r) for r in book["Meldingen per kanaal"].iter_rows(values_only=True)]
    assert ["jan", "<5", 12, "verborgen", 23] in sheet


def test_a_hidden_cell_under_a_total_row_and_in_a_total_column_settles():
    """Both a total column and a total row: hiding goes on until each group is safe."""
    columns = (Col("a", "A"), Col("b", "B"), Col("t", "T", total=True))
    rows = (
        {"a": 3, "b": 10, "t": 13},
        {"a": 20, "b": 30, "t": 50},
        {"a": 23, "b": 40, "t": 63, TOTAL_ROW: True},
    )
    hidden = hidden_counts(columns, rows)
    # a1 (3) hides b1 (10) in its row; in column a, a1 alone hides a2; then b1 hides b2.
    assert hidden[0] == {"a": True, "b": True, "t": False}
    assert hidden[1] == {"a": True, "b": True, "t": False}
    assert hidden[2] == {"a": False, "b": False, "t": False}


def test_the_real_tables_say_which_is_their_total(small_municipality):
    from omzien.signalling.monitoring_tables import outcomes as real_outcomes
    from omzien.signalling.monitoring_tables import referrals, signals_by_month
    from omzien.socialmap.monitoring_figures import week_activities_table

    m = small_municipality.municipality
    since, until = dt.date(2025, 1, 1), dt.date(2025, 3, 1)
    by_month = signals_by_month(m, since, until)
    assert [c.key for c in by_month.columns if c.total] == ["total"]
    for build in (real_outcomes, referrals, week_activities_table):
        data = build(m, since, until)
        assert [bool(row.get(TOTAL_ROW)) for row in data.rows][-1:] == [True]
        assert sum(bool(row.get(TOTAL_ROW)) for row in data.rows) == 1
