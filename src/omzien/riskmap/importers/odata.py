"""The OData TypedDataSet as JSON (``{"odata.metadata": ..., "value": [{...}, ...]}``, v3;
v4 has ``@odata.context`` and the same ``value``). Its CSV form is read by ``statline``."""

from __future__ import annotations

import json

from omzien.riskmap.importers.report import ImportRefused, Issue, ParsedFile, Progress
from omzien.riskmap.importers.statline import TABLES, decode, parse_csv
from omzien.riskmap.importers.wide import build


def parse_json(
    data: bytes,
    file_name: str,
    source: str,
    *,
    year: int | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Each record of ``value`` is a row; record n is reported as line n."""
    try:
        document = json.loads(decode(data, file_name))
    except json.JSONDecodeError as error:
        issue = Issue(file_name, error.lineno, "", f"geen geldige JSON ({error.msg})")
        raise ImportRefused([issue]) from None
    records = document.get("value") if isinstance(document, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ImportRefused([Issue(file_name, 1, "value", "geen OData TypedDataSet")])
    if not records:
        raise ImportRefused([Issue(file_name, 1, "value", "het bestand bevat geen cijfers")])
    headers = list(records[0])
    rows = [(n, [record.get(h) for h in headers]) for n, record in enumerate(records, start=1)]
    return build(
        source=source,
        file_name=file_name,
        headers=headers,
        rows=rows,
        table=TABLES[source],
        year=year,
        progress=progress,
    )


def parse_file(
    data: bytes,
    file_name: str,
    source: str,
    *,
    year: int | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """By its form: JSON when it starts with ``{``, CSV otherwise."""
    if data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
        return parse_json(data, file_name, source, year=year, progress=progress)
    return parse_csv(data, file_name, source, year=year, progress=progress)
