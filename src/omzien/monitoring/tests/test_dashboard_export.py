"""The monitoring page's CSV and XLSX (issue 12, item 4): the same cells as the page, the
same suppression, no personal data, a file name with municipality and period, audited."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.monitoring.tests.factories_dashboard import (  # noqa: F401  (a fixture)
    registered_tables,
    resident_on,
)
from omzien.monitoring.tests.test_dashboard_page import last_month, table_cells

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]


@pytest.fixture
def town(request, small_municipality):
    request.getfixturevalue("registered_tables")
    m = small_municipality.municipality
    first, second, _third = small_municipality.districts
    for i in range(6):
        resident_on(m, first, last_month(), birth_year=1950 if i < 4 else None, name=f"Geheim{i}")
    for _i in range(2):
        resident_on(m, second, last_month(), birth_year=1940, name="Verborgen Persoon")
    return small_municipality


def export(client, municipality, **query):
    return client.get(reverse("monitoring:export_monitoring", args=[municipality.slug]), query)


def page_rows(client, municipality, **query) -> list[list[str]]:
    page = client.get(reverse("monitoring:view_monitoring", args=[municipality.slug]), query)
    rows = table_cells(page.content.decode(), "test_residents")
    return [[cell.replace("&lt;", "<") for cell in row] for row in rows]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_csv_has_the_same_cells_as_the_page_for_policy_staff(client_as, town):
    m = town.municipality
    client = client_as(Role.POLICY, m)
    response = export(client, m, formaat="csv")
    assert response.status_code == 200
    rows = csv_rows(response)
    assert ["Nieuwe inwoners per wijk"] in rows
    header = rows.index(["Wijk", "Nieuwe inwoners", "Met geboortejaar"])
    shown = page_rows(client, m)
    assert rows[header + 1 : header + 1 + len(shown)] == shown
    assert [town.districts[1].name, "<5", "te weinig"] in rows
    name = response["Content-Disposition"]
    assert f"monitoring-{m.slug}-" in name and name.endswith('.csv"')


def test_the_xlsx_has_the_same_cells_as_the_page(client_as, town):
    from openpyxl import load_workbook

    m = town.municipality
    client = client_as(Role.POLICY, m)
    response = export(client, m, formaat="xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 1  # the table only the settings managers see is left out
    sheet = book[book.sheetnames[0]]
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert values[1] == ["Wijk", "Nieuwe inwoners", "Met geboortejaar"]
    texts = [
        [str(v).replace(".", ",") + ("%" if i == 2 and isinstance(v, float) else "") for i, v in
         enumerate(row)]
        for row in values[2:4]
    ]  # fmt: skip
    assert texts == page_rows(client, m)


def test_the_export_follows_the_filters_and_is_audited_without_personal_data(client_as, town):
    m = town.municipality
    second = town.districts[1]
    client = client_as(Role.POLICY, m)
    response = export(client, m, formaat="csv", wijk=[second.pk], periode="dit-jaar")
    rows = csv_rows(response)
    assert [second.name, "<5", "te weinig"] in rows
    assert not any(row and row[0] == town.districts[0].name for row in rows)
    event = AuditEvent.objects.get(action="monitoring_exported")
    assert event.municipality == m
    assert event.extra["wijken"] == [second.pk]
    assert event.extra["formaat"] == "csv"
    assert "van" in event.extra and "tot_en_met" in event.extra


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_no_names_in_the_export(client_as, town, formaat):
    m = town.municipality
    response = export(client_as(Role.POLICY, m), m, formaat=formaat)
    content = response.content
    if formaat == "xlsx":
        import zipfile

        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    for secret in (b"Geheim", b"Verborgen Persoon", b"Teststraat"):
        assert secret not in content


def test_the_coordinator_exports_exact_numbers(client_as, town):
    m = town.municipality
    rows = csv_rows(export(client_as(Role.COORDINATOR, m), m, formaat="csv"))
    assert [town.districts[1].name, "2", "100,0%"] in rows


def test_bad_filters_give_the_page_with_a_message_not_a_file(client_as, town):
    m = town.municipality
    client = client_as(Role.POLICY, m)
    response = export(client, m, formaat="csv", van="2026-13-40")
    assert response["Content-Type"].startswith("text/html")
    assert "Vul een echte datum in" in response.content.decode()
    response = export(client, m, formaat="pdf")
    assert "Kies CSV of Excel (XLSX) als formaat." in response.content.decode()
    assert not AuditEvent.objects.filter(action="monitoring_exported").exists()
