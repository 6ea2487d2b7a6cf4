"""CSV files as CBS gives them: the StatLine CSV export (titles such as
``"Psychosociale gezondheid/Eenzaam (%)"``, ``"."`` for a secret figure) and the OData
TypedDataSet as CSV (keys such as ``Eenzaam_27``, padded codes, empty for unknown). Both are
read the same way: columns by meaning, never by position."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from omzien.riskmap.importers import columns as cols
from omzien.riskmap.importers.report import ImportRefused, Issue, ParsedFile, Progress
from omzien.riskmap.importers.wide import build
from omzien.riskmap.models import Source

TABLES = {
    Source.RIVM: cols.RIVM_INDICATORS,
    Source.GGD_YOUNG: cols.GGD_YOUNG_INDICATORS,
    Source.CBS_KWB: cols.KWB_FIGURES,
}


def decode(data: bytes, file_name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused([Issue(file_name, 1, "", "het bestand is geen tekst (CSV)")])


def read_csv(text: str, file_name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows with their line numbers (the header is line 1)."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise ImportRefused([Issue(file_name, 1, "", "het bestand is leeg")]) from None
    rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    return [h.strip().lstrip("\ufeff") for h in headers], rows


def parse_csv(
    data: bytes,
    file_name: str,
    source: str,
    *,
    year: int | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """A StatLine CSV export or OData TypedDataSet CSV of ``source``."""
    headers, rows = read_csv(decode(data, file_name), file_name)
    return build(
        source=source,
        file_name=file_name,
        headers=headers,
        rows=rows,
        table=TABLES[source],
        year=year,
        progress=progress,
    )


def parse_path(path: Path, source: str, *, year: int | None = None) -> ParsedFile:
    return parse_csv(path.read_bytes(), path.name, source, year=year)
