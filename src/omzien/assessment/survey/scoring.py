"""Running: score a survey file end to end, per area or per respondent."""

# DuckDB/SQL text is built from validated identifiers only, never from user values.
# ruff: noqa: S608

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from omzien.assessment.scales import Coding
from omzien.assessment.survey.base import (
    DEFAULT_MIN_RESPONDENTS,
    OUTPUT_SUFFIXES,
    Indicator,
    SurveyInputError,
    SurveyReport,
)
from omzien.assessment.survey.output import write_table
from omzien.assessment.survey.prevalence import _estimates_sql, indicators_for
from omzien.assessment.survey.reading import (
    ProgressCallback,
    _execute,
    _format_of,
    _plan,
    _Profile,
    _profile,
    _resolve_coding,
)
from omzien.assessment.survey.sql import _literal, _Plan


def _check_arguments(
    output: Path | None, by: Sequence[str], weight: str | None, min_respondents: int
) -> str | None:
    """Check the arguments that need no input file; returns the output format (or None)."""
    output_format = _format_of(output, OUTPUT_SUFFIXES, "output") if output else None
    if output is not None and not output.parent.is_dir():
        raise SurveyInputError(f"output {output}: directory {output.parent} does not exist")
    if min_respondents < 0:
        raise SurveyInputError("--min-respondents must be 0 or more")
    if weight and weight.lower() in {column.lower() for column in by}:
        raise SurveyInputError(f"column {weight!r} cannot be both the weight and an area")
    return output_format


def _estimate(
    con: duckdb.DuckDBPyConnection,
    plan: _Plan,
    profile: _Profile,
    indicators: Sequence[Indicator],
    min_respondents: int,
    progress: ProgressCallback | None,
) -> tuple[pa.Table, dict[str, Any]]:
    """The scoring scan: the per-area table and the overall row."""
    aggregates = plan.aggregate_sql(profile.codes, indicators)
    _execute(con, f"CREATE TEMP TABLE aggregates AS {aggregates}", progress, "scoring", plan.path)

    table = con.sql(_estimates_sql(indicators, plan.by, min_respondents)).to_arrow_table()
    areas = table.slice(0, table.num_rows - 1).drop_columns(["__overall"])
    overall = table.slice(table.num_rows - 1).drop_columns(["__overall"]).to_pylist()[0]
    return areas, overall


def score_survey(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str] | None = None,
    *,
    scale: str = "djg11",
    by: Sequence[str] = (),
    weight: str | None = None,
    coding: str | Coding = "auto",
    min_respondents: int = DEFAULT_MIN_RESPONDENTS,
    items: Sequence[str] | Mapping[int, str] | None = None,
    progress: ProgressCallback | None = None,
) -> SurveyReport:
    """Score every respondent and estimate weighted prevalence per area.

    Reads ``input_path`` (CSV or Parquet, by extension), one row per respondent with the item
    columns (default ``djg1`` .. ``djg11``, see ``DEFAULT_ITEM_COLUMNS``; ``items`` overrides
    them, as a list in item order or ``{item_number: column}``), groups by the ``by`` columns
    (none: one overall row) and weighs by ``weight`` (none: every respondent 1). ``coding`` is
    a :class:`~omzien.assessment.scales.Coding` or a name for :func:`parse_coding`.

    Writes the per-area table to ``output_path`` (CSV or Parquet, by extension; None: write
    nothing) atomically, so nothing is written when the input is bad. Raises
    :class:`SurveyInputError` for bad input.
    """
    started = time.perf_counter()
    path = Path(input_path)
    output = Path(output_path) if output_path is not None else None
    output_format = _check_arguments(output, by, weight, min_respondents)
    resolved = _resolve_coding(coding)

    with duckdb.connect() as con:
        plan = _plan(con, path, scale=scale, by=by, weight=weight, coding=resolved, items=items)
        profile = _profile(con, plan, progress)
        indicators = indicators_for(plan.rules)
        areas, overall = _estimate(con, plan, profile, indicators, min_respondents, progress)
        if output is not None:
            write_table(con, areas, output, output_format)

    return SurveyReport(
        scale=plan.rules.key,
        by=plan.by,
        rows_read=profile.rows,
        respondents=int(overall["respondents"]),
        areas=areas,
        overall=overall,
        indicators=indicators,
        output=output,
        seconds=time.perf_counter() - started,
    )


def score_respondents(
    input_path: str | os.PathLike[str],
    *,
    scale: str = "djg11",
    coding: str | Coding = "auto",
    items: Sequence[str] | Mapping[int, str] | None = None,
) -> pa.Table:
    """Score every respondent; one row each, in file order.

    Columns: ``row`` (1-based data row number), ``total``, ``emotional``, ``social`` (None when
    unknown), ``category`` (GGD/RIVM label), ``is_lonely``, ``is_severely_lonely``,
    ``is_emotionally_lonely``, ``is_socially_lonely``, meaning the same as in
    :class:`omzien.assessment.scales.DeJongGierveldResult`. Raises :class:`SurveyInputError`
    for bad input.
    """
    path = Path(input_path)
    resolved = _resolve_coding(coding)
    with duckdb.connect() as con:
        plan = _plan(con, path, scale=scale, by=(), weight=None, coding=resolved, items=items)
        profile = _profile(con, plan, None)
        rules = plan.rules
        scored = plan.scored_sql(profile.codes, source=plan.row_number_source, keep=["__row"])
        bands = " ".join(
            f"WHEN total BETWEEN {band.low} AND {band.high} THEN {_literal(band.label)}"
            for band in rules.total_bands
        )
        subscale = rules.subscale_lonely_threshold
        return con.sql(f"""
            SELECT __row AS row, total, emotional, social,
                CASE {bands} END AS category,
                total >= {rules.lonely_threshold} AS is_lonely,
                total >= {rules.severe_threshold} AS is_severely_lonely,
                emotional >= {subscale} AS is_emotionally_lonely,
                social >= {subscale} AS is_socially_lonely
            FROM ({scored}) ORDER BY __row
        """).to_arrow_table()
