"""A wide table (one row per area, period, age group and margin; one column per indicator)
into figures. Shared by the StatLine CSV export and the OData TypedDataSet (JSON and CSV)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from omzien.riskmap.importers import columns as cols
from omzien.riskmap.importers.report import Figure, IssueList, ParsedFile, Progress, counted


@dataclass
class Layout:
    """Which column is which: dimensions by role, measures by indicator."""

    dims: dict[str, int] = field(default_factory=dict)
    measures: dict[int, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def resolve(headers: Sequence[str], table: dict[str, str], issues: IssueList, *, year: int | None):
    layout = Layout()
    seen: dict[str, str] = {}
    for index, title in enumerate(headers):
        role = cols.dimension(title)
        if role:
            layout.dims.setdefault(role, index)
            continue
        indicator = cols.meaning(title, table)
        if indicator is None:
            layout.ignored.append(title.strip())
        elif indicator in seen:
            issues.add(1, title, f"betekent hetzelfde als kolom {seen[indicator]} ({indicator})")
        else:
            seen[indicator] = title
            layout.measures[index] = indicator
    if "area" not in layout.dims and "code" not in layout.dims:
        issues.add(1, "", "kolom met gebiedscodes ontbreekt (WijkenEnBuurten, RegioS of Codering)")
    if "period" not in layout.dims and year is None:
        issues.add(1, "", "kolom Perioden ontbreekt: geef het jaar op")
    if not layout.measures:
        expected = ", ".join(sorted(set(table.values())))
        issues.add(1, "", f"geen kolom met cijfers herkend (verwacht een van: {expected})")
    issues.refuse_if_any()
    return layout


def _cell(row: Sequence, index: int | None):
    return row[index] if index is not None and index < len(row) else None


def _keys(row, line, layout, headers, issues, year):
    """(year, area, age, margin) of a row, or None after adding an issue."""
    dims = layout.dims
    code = cols.area_code(_cell(row, dims.get("code"))) or cols.area_code(
        _cell(row, dims.get("area"))
    )
    if not code:
        issues.add(line, headers[dims.get("code", dims.get("area", 0))], "gebiedscode ontbreekt")
        return None
    row_year = year
    if "period" in dims:
        row_year = cols.year_of(_cell(row, dims["period"]))
        if row_year is None:
            issues.add(line, headers[dims["period"]], "periode zonder jaartal")
            return None
    margin = "value"
    if "margin" in dims:
        margin = cols.margin_of(_cell(row, dims["margin"]))
        if margin is None:
            raw = _cell(row, dims["margin"])
            issues.add(line, headers[dims["margin"]], f"onbekende marge '{raw}'")
            return None
    age = cols.age_code(_cell(row, dims["age"])) if "age" in dims else ""
    return row_year, code, age, margin


def build(
    *,
    source: str,
    file_name: str,
    headers: Sequence[str],
    rows: Iterable[tuple[int, Sequence]],
    table: dict[str, str],
    year: int | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Read every row; refuse the file with every issue found, or return its figures."""
    issues = IssueList(file_name)
    layout = resolve(headers, table, issues, year=year)
    found: dict[tuple, dict[str, float | None]] = {}
    rows_read = 0
    for line, row in counted(rows, progress):
        rows_read += 1
        if len(row) != len(headers):
            issues.add(line, "", f"{len(row)} velden, de kop heeft er {len(headers)}")
            continue
        keys = _keys(row, line, layout, headers, issues, year)
        if keys is None:
            continue
        row_year, code, age, margin = keys
        for index, indicator in layout.measures.items():
            value, ok = cols.number(row[index])
            if not ok:
                issues.add(line, headers[index].strip(), f"'{row[index]}' is geen getal")
                continue
            slot = found.setdefault((row_year, code, indicator, age), {})
            if margin in slot:
                issues.add(line, headers[index].strip(), f"dubbele regel voor {code} ({margin})")
            slot[margin] = value
    issues.refuse_if_any()
    parsed = ParsedFile(source=source, file_name=file_name, rows_read=rows_read)
    for (row_year, code, indicator, age), slot in found.items():
        value = slot.get("value")
        known = value is not None
        parsed.figures.append(
            Figure(
                year=row_year,
                area_code=code,
                indicator=indicator,
                age_group=age,
                value=value,
                lower=slot.get("lower") if known else None,
                upper=slot.get("upper") if known else None,
            )
        )
    if layout.ignored:
        parsed.notes.append(f"{len(layout.ignored)} kolommen niet gebruikt")
    if not parsed.figures:
        issues.add(1, "", "het bestand bevat geen cijfers")
        issues.refuse_if_any()
    return parsed
