"""CSV and XLSX of the national overview (issue 12, item 4): the same texts as the page."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from omzien.monitoring.dashboard.exports import XLSX_TYPE
from omzien.monitoring.national.figures import Overview


def sections(result: Overview, numbers: bool = False) -> list[tuple[str, list[list]]]:
    """(title, rows with header first) per part of the overview: the page's texts, or with
    ``numbers`` (XLSX) a shown number as a number."""
    labels = [str(f.label) for f in result.figures]
    totals = [[_("Cijfer"), _("Landelijk"), _("Herkomst")]]
    totals += [[str(f.label), s.cell(numbers), _("berekend uit Omzien")] for f, s in result.totals]
    totals += [
        [m.label, m.value, _("handmatig ingevoerd, bron: {source}").format(source=m.source)]
        for m in result.manual
    ]
    provinces = [[_("Provincie"), *labels]]
    provinces += [[name, *(s.cell(numbers) for s in cells)] for name, cells in result.provinces]
    towns = [[_("Gemeente"), _("Provincie"), *labels]]
    towns += [
        [m.name, m.province.name if m.province else "", *(s.cell(numbers) for s in cells)]
        for m, cells in result.municipalities
    ]
    return [
        (_("Landelijk {year}").format(year=result.year), totals),
        (_("Per provincie"), provinces),
        (_("Per gemeente"), towns),
        (_("Toelichting"), [[note] for note in notes()]),
    ]


def notes() -> list[str]:
    """What ‘<5’ and ‘verborgen’ mean, as on the page."""
    return [
        _("Aantallen onder de 5 tonen we als ‘<5’, ook per provincie."),
        _(
            "Bij ‘verborgen’ is het aantal 5 of meer. Met het totaal zou u er een aantal onder "
            "de 5 mee kunnen uitrekenen. Daarom tonen we het niet."
        ),
    ]


def _attachment(content, content_type: str, extension: str, year: int) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = f"monitoring-landelijk-{year}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_response(result: Overview) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for title, rows in sections(result):
        writer.writerow([title])
        writer.writerows(rows)
        writer.writerow([])
    return _attachment("\ufeff" + buffer.getvalue(), "text/csv; charset=utf-8", "csv", result.year)


def xlsx_response(result: Overview) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sections(result, numbers=True):
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(buffer.getvalue(), XLSX_TYPE, "xlsx", result.year)
