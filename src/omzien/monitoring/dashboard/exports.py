"""CSV and XLSX of the monitoring page (issue 12, item 4): every table the user sees, with
the same cells (and so the same suppression) as the page. Aggregates only."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from omzien.monitoring.dashboard.filters import Filters
from omzien.monitoring.dashboard.tables import ShownTable, suppression_note

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_name(municipality, filters: Filters, extension: str) -> str:
    return (
        f"monitoring-{municipality.slug}-{filters.since.isoformat()}-tot-en-met-"
        f"{filters.last_day.isoformat()}.{extension}"
    )


def period_line(municipality, filters: Filters) -> list[str]:
    line = [
        _("Monitoring {name}").format(name=municipality.name),
        _("van {since} tot en met {last}").format(
            since=filters.since.strftime("%d-%m-%Y"), last=filters.last_day.strftime("%d-%m-%Y")
        ),
    ]
    if filters.districts:
        line.append(_("wijken: {names}").format(names=", ".join(d.name for d in filters.districts)))
    return line


def notes(table: ShownTable) -> list[str]:
    """Below a table: how it was counted, and what a hidden cell means when it has one."""
    hidden = any(cell.hidden for row in table.rows for cell in row)
    return [line for line in (table.note, suppression_note() if hidden else "") if line]


def _attachment(content, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(municipality, filters: Filters, tables: list[ShownTable]) -> HttpResponse:
    """One file, the tables one below the other (title, header, rows, note, blank line);
    semicolons and decimal commas (Dutch Excel), UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(period_line(municipality, filters))
    writer.writerow([])
    for table in tables:
        writer.writerow([table.title])
        writer.writerow(table.header)
        for row in table.rows:
            writer.writerow([cell.text for cell in row])
        for line in notes(table):
            writer.writerow([line])
        writer.writerow([])
    return _attachment(
        "\ufeff" + buffer.getvalue(),
        "text/csv; charset=utf-8",
        file_name(municipality, filters, "csv"),
    )


def _sheet_title(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Tabel"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:25]} {n}", n + 1
    used.add(name)
    return name


def xlsx_response(municipality, filters: Filters, tables: list[ShownTable]) -> HttpResponse:
    """One worksheet per table: shown numbers as numbers, "<5" and "te weinig" as text."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    if not tables:
        book.create_sheet(_("Monitoring")).append(period_line(municipality, filters))
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append([table.title, *period_line(municipality, filters)])
        sheet.append(table.header)
        for row in table.rows:
            sheet.append([cell.text if cell.value is None else cell.value for cell in row])
        for line in notes(table):
            sheet.append([line])
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(buffer.getvalue(), XLSX_TYPE, file_name(municipality, filters, "xlsx"))
