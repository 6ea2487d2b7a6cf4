"""Reading an uploaded file into rows: CSV (``;`` or ``,``, UTF-8 with or without the BOM
that Excel writes, or Windows-1252), Excel (.xlsx, the first sheet, with openpyxl) and HSDS
JSON. A row is ``{"line": n, "cells": {column: text}}`` (CSV and Excel, the line number as a
spreadsheet shows it) or ``{"line": n, "organization": {...}, "service": {...}}`` (HSDS, the
n-th service of the file). Rows are stored on the import job as JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

from django.utils.translation import gettext as _

from omzien.socialmap.imports import columns

MAX_ROWS = 20_000


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is the Dutch reason."""


def kind_of(file_name: str) -> str:
    name = file_name.lower()
    for kind in ("csv", "xlsx", "json"):
        if name.endswith(f".{kind}"):
            return kind
    raise ImportFileError(_("Kies een bestand dat eindigt op .csv, .xlsx of .json."))


def read_file(file_name: str, content: bytes) -> tuple[str, list[dict], list[str]]:
    """(kind, rows, header) of an uploaded file; the header is empty for HSDS JSON."""
    kind = kind_of(file_name)
    if kind == "json":
        from omzien.socialmap.hsds import rows_of_document

        try:
            document = json.loads(content.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ImportFileError(_("Dit is geen leesbaar JSON-bestand.")) from None
        rows = rows_of_document(document)
        header: list[str] = []
    else:
        table = _csv_table(content) if kind == "csv" else _xlsx_table(content)
        header, rows = _rows_of_table(table)
    if not rows:
        raise ImportFileError(_("Er staan geen initiatieven in dit bestand."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(
            _("Dit bestand heeft meer dan %(n)s regels. Splits het in kleinere bestanden.")
            % {"n": MAX_ROWS}
        )
    return kind, rows, header


def _csv_table(content: bytes):
    """Yield (line number, cells) of a CSV file."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")  # Excel's CSV on Windows
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(
            _("Regel %(line)s van dit CSV-bestand is niet te lezen.") % {"line": line}
        ) from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.datetime):
        return value.strftime("%H:%M") if value.date() == dt.date(1899, 12, 30) else (
            value.date().isoformat()
        )  # fmt: skip
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_table(content: bytes):
    """Yield (row number, cells) of the first sheet of an Excel file."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError(_("Dit is geen leesbaar Excel-bestand (.xlsx).")) from None
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        book.close()


def _rows_of_table(table) -> tuple[list[str], list[dict]]:
    header: list[str] = []
    rows = []
    for line, cells in table:
        if not header:
            header = [columns.header_name(cell) for cell in cells]
            if not any(header):
                raise ImportFileError(_("De eerste regel moet de namen van de kolommen geven."))
            continue
        if not any(str(cell).strip() for cell in cells):
            continue  # an empty row
        named = {name: str(cell) for name, cell in zip(header, cells, strict=False) if name}
        rows.append({"line": line, "cells": named})
        if len(rows) > MAX_ROWS:
            break
    return header, rows
