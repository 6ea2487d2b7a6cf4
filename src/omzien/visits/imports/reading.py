"""Reading an uploaded extract: CSV (``;`` or ``,``, UTF-8 with or without the BOM that Excel
writes, else Windows-1252) or Excel (.xlsx, the first sheet, openpyxl in read-only mode).

``open_table`` gives the header and an iterator of ``(line, cells)`` with the line number as a
spreadsheet shows it, so a problem can name its line. The rows are read as they are checked,
never all held in memory: a country-wide extract has 1,500,000 of them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

KINDS = ("csv", "xlsx")


class ImportFileError(ValueError):
    """The file cannot be read at all; the message is the Dutch reason."""


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    #: The number of rows below the header, counted cheaply (a CSV's line ends, an Excel
    #: sheet's dimension) for the progress bar; the check counts them exactly.
    estimate: int


def kind_of(file_name: str) -> str:
    name = file_name.lower()
    for kind in KINDS:
        if name.endswith(f".{kind}"):
            return kind
    raise ImportFileError(_("Kies een bestand dat eindigt op .csv of .xlsx."))


def open_table(file_name: str, content: bytes) -> Table:
    """The header and rows of the file; raises ``ImportFileError``."""
    table = _csv(content) if kind_of(file_name) == "csv" else _xlsx(content)
    if not any(str(cell).strip() for cell in table.header):
        raise ImportFileError(_("De eerste regel moet de namen van de kolommen geven."))
    return table


def _csv(content: bytes) -> Table:
    try:
        content.decode("utf-8")  # only to choose the encoding; the rows are decoded as read
        encoding = "utf-8-sig"
    except UnicodeDecodeError:
        encoding = "cp1252"  # Excel's CSV on Windows
    end = content.find(b"\n")
    first = content[: end if end >= 0 else len(content)]
    delimiter = ";" if first.count(b";") >= first.count(b",") else ","
    text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, errors="replace", newline="")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error:
        raise ImportFileError(_("De eerste regel van dit CSV-bestand is niet te lezen.")) from None
    lines = content.count(b"\n") + (0 if content.endswith(b"\n") else 1)
    return Table(header, _csv_rows(reader), max(0, lines - 1))


def _csv_rows(reader) -> Iterator[tuple[int, list[str]]]:
    line = 2
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
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx(content: bytes) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        raise ImportFileError(_("Dit is geen leesbaar Excel-bestand (.xlsx).")) from None
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(value) for value in next(rows, ())]
    estimate = max(0, (sheet.max_row or 1) - 1)

    def cells() -> Iterator[tuple[int, list[str]]]:
        try:
            for line, values in enumerate(rows, start=2):
                yield line, [_cell_text(value) for value in values]
        finally:
            book.close()

    return Table(header, cells(), estimate)
