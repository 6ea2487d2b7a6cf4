"""Output: writing the per-area table atomically, and the plain-text summary."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from omzien.assessment.survey.base import Indicator, SurveyReport
from omzien.assessment.survey.sql import _literal


@contextmanager
def _atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path``, renamed to it only when the block succeeds."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_table(
    con: duckdb.DuckDBPyConnection, table: pa.Table, output: Path, output_format: str | None
) -> None:
    """Write ``table`` to ``output`` (CSV or Parquet) through a temporary file."""
    con.register("areas", table)
    options = "FORMAT csv, HEADER true" if output_format == "csv" else "FORMAT parquet"
    with _atomic_output(output) as temporary:
        con.execute(f"COPY areas TO {_literal(str(temporary))} ({options})")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _summary_row(label: str, row: Mapping[str, Any], indicators: Sequence[Indicator]) -> list[str]:
    """One line of the summary table: respondents, n_eff, the first indicator with its
    interval, and the other indicators."""
    first, *others = indicators
    low, high = row[f"{first.name}_ci_low"], row[f"{first.name}_ci_high"]
    n_eff = row["effective_n"]
    return [
        label,
        f"{row['respondents']:,}",
        "-" if n_eff is None else f"{n_eff:,.0f}",
        _pct(row[f"{first.name}_pct"]),
        "-" if low is None else f"{low:.1f}-{high:.1f}",
        *(_pct(row[f"{i.name}_pct"]) for i in others),
    ]


def _summary_sections(report: SurveyReport, areas_shown: int) -> list[tuple[str, list[list[str]]]]:
    """The areas to list: all of them, or the ``areas_shown`` highest and lowest."""
    if not report.by:
        return []
    first = report.indicators[0]
    shown = [
        row
        for row in report.areas.to_pylist()
        if not row["suppressed"] and row[f"{first.name}_pct"] is not None
    ]
    shown.sort(key=lambda row: row[f"{first.name}_pct"], reverse=True)

    def cells(row: Mapping[str, Any]) -> list[str]:
        area = " ".join("(empty)" if row[c] is None else str(row[c]) for c in report.by)
        return _summary_row(area, row, report.indicators)

    if len(shown) > 2 * areas_shown:
        return [
            ("highest % eenzaam", [cells(r) for r in shown[:areas_shown]]),
            ("lowest % eenzaam", [cells(r) for r in shown[-areas_shown:]]),
        ]
    return [("areas", [cells(r) for r in shown])]


def _summary_title(report: SurveyReport) -> str:
    areas_line = ""
    if report.by:
        areas_line = (
            f", {report.areas.num_rows:,} areas by {', '.join(report.by)}, "
            f"{report.suppressed_areas:,} suppressed"
        )
    return (
        f"{report.scale}: {report.rows_read:,} rows read, {report.respondents:,} respondents "
        f"with a valid total{areas_line}"
    )


def format_summary(report: SurveyReport, *, areas_shown: int = 3) -> str:
    """A short plain-text summary: the overall row and the areas highest and lowest."""
    indicators = report.indicators
    first, *others = indicators
    header = [
        "area",
        "respondents",
        "n_eff",
        f"{first.label} %",
        "95% CI",
        *(f"{i.label} %" for i in others),
    ]
    overall = "(all) (suppressed)" if report.overall["suppressed"] else "(all)"
    lines = [_summary_row(overall, report.overall, indicators)]
    sections = _summary_sections(report, areas_shown)
    all_rows = [header, *lines, *(row for _, rows in sections for row in rows)]
    widths = [max(len(row[i]) for row in all_rows) for i in range(len(header))]

    def render(row: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )

    out = [_summary_title(report), "", render(header), *(render(row) for row in lines)]
    for title, rows in sections:
        out += [title + ":", *(render(row) for row in rows)]
    if report.output is not None:
        out.append(f"wrote {report.output} in {report.seconds:.2f} s")
    return "\n".join(out)
