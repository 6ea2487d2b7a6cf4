"""Issue 12 across the apps: the programme's national overview sums the real figures. Signals
come in through the intake service in three municipalities over the year (and some the year
before, which must not count); the overview page's national total and its numbers per province
and per municipality equal the sums made here, and a province with fewer than 5 shows "<5"."""

from __future__ import annotations

import datetime as dt
import io
import re
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook

from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.tests.factories import file_signal

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

AMS = ZoneInfo("Europe/Amsterdam")
YEAR = 2026
#: code: (postcode, signals in the year, signals the year before)
SIGNALS = {
    "GM0355": ("3701 AB", 6, 2),  # Zeist, province Utrecht
    "GM0310": ("3731 AB", 3, 1),  # De Bilt, province Utrecht
    "GM0363": ("1011 AB", 3, 4),  # Amsterdam, province Noord-Holland
}


def _file(municipality, postcode: str, count: int, year: int) -> None:
    for number in range(count):
        day = dt.datetime(year, 1 + (number * 5) % 12, 10 + number, 11, tzinfo=AMS)
        with time_machine.travel(day, tick=False):
            file_signal(municipality, postcode=postcode, house_number=str(number + 1))


def _rows(html: str, testid: str) -> list[list[str]]:
    body = re.search(rf'data-testid="{testid}">(.*?)</table>', html, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([unescape(re.sub(r"<[^>]+>|\s+", " ", c)).strip() for c in cells])
    return rows


def test_the_national_overview_sums_the_signals_of_the_year():
    municipalities = {}
    for code, (postcode, in_year, before) in SIGNALS.items():
        municipality = Municipality.objects.select_related("province").get(code=code)
        municipalities[code] = municipality
        _file(municipality, postcode, in_year, YEAR)
        _file(municipality, postcode, before, YEAR - 1)
    by_province: dict[str, int] = {}
    for code, (_postcode, in_year, _before) in SIGNALS.items():
        name = municipalities[code].province.name
        by_province[name] = by_province.get(name, 0) + in_year
    national = sum(in_year for _p, in_year, _b in SIGNALS.values())
    assert (national, sorted(by_province.values())) == (12, [3, 9])

    client = Client()
    login_verified(client, member(Role.PROGRAMME))
    page = client.get("/landelijk/monitoring/", {"jaar": YEAR})
    assert page.status_code == 200
    html = page.content.decode()

    totals = {re.search(r'data-key="([^"]+)"', row).group(1): row for row in
              re.findall(r"<tr data-key=[^>]*>.*?</tr>", html, re.S)}  # fmt: skip
    signals_row = _rows(f'data-testid="x">{totals["signals"]}</table>', "x")[0]
    assert signals_row[1] == str(national)

    provinces = _rows(html, "national-provinces")
    column = provinces[0].index("Meldingen")
    shown = {row[0]: row[column] for row in provinces[1:]}
    assert shown["Noord-Holland"] == "<5"  # Amsterdam's 3 signals
    # With the national total shown, Utrecht's 9 would give Noord-Holland's 3 away (12 - 9):
    # the only other province with signals is hidden too (secondary suppression).
    assert shown["Utrecht"] == "verborgen"

    per_municipality = {row[0]: row[column] for row in _rows(html, "national-municipalities")[1:]}
    assert per_municipality["Zeist"] == "6"
    assert per_municipality["De Bilt"] == "<5"
    assert per_municipality["Utrecht"] == "<5"  # none at all: 0 is below 5 too

    export = client.get("/landelijk/monitoring/export/", {"jaar": YEAR, "formaat": "csv"})
    text = export.content.decode("utf-8-sig")
    assert f"Meldingen;{national}" in text.replace('"', "")

    # The Excel file: the same sums, as numbers where shown, "<5" as text.
    workbook = client.get("/landelijk/monitoring/export/", {"jaar": YEAR, "formaat": "xlsx"})
    book = load_workbook(io.BytesIO(workbook.content), read_only=True)
    sheets = {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
    totals_sheet = {row[0]: row[1] for row in sheets[f"Landelijk {YEAR}"][1:]}
    assert totals_sheet["Meldingen"] == national
    rows = sheets["Per provincie"]
    index = list(rows[0]).index("Meldingen")
    in_sheet = {row[0]: row[index] for row in rows[1:]}
    assert by_province["Utrecht"] == 9
    assert in_sheet[municipalities["GM0355"].province.name] == "verborgen"
    assert in_sheet["Noord-Holland"] == "<5"
