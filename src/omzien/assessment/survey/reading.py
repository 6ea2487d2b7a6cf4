"""Reading and validating the input: file formats, columns, codings, the checking scan."""

# DuckDB/SQL text is built from validated identifiers only, never from user values.
# ruff: noqa: S608

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from omzien.assessment.scales import DJG_CODINGS, Coding, DeJongGierveldRules, numeric_coding
from omzien.assessment.survey.base import (
    DEFAULT_ITEM_COLUMNS,
    INPUT_SUFFIXES,
    MAX_REPORTED_ROWS,
    SCALES,
    SurveyInputError,
)
from omzien.assessment.survey.sql import _Column, _ident, _ItemCodes, _literal, _Plan

# ---------------------------------------------------------------------------------------------
# Reading and validating the input
# ---------------------------------------------------------------------------------------------


def _format_of(path: Path, suffixes: Mapping[str, str], what: str) -> str:
    name = path.name.lower()
    for suffix, file_format in sorted(suffixes.items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            return file_format
    raise SurveyInputError(
        f"{what} {path}: unknown file type; use one of {', '.join(sorted(suffixes))}"
    )


def _sources(path: Path) -> tuple[str, str]:
    """Table expressions for the input, without and with a 1-based ``__row`` number."""
    literal = _literal(str(path))
    if _format_of(path, INPUT_SUFFIXES, "input") == "parquet":
        return (
            f"read_parquet({literal})",
            f"(SELECT *, file_row_number + 1 AS __row FROM "
            f"read_parquet({literal}, file_row_number = true))",
        )
    # all_varchar keeps answer codes and area codes as written (no sniffed number types).
    reader = f"read_csv({literal}, header = true, all_varchar = true)"
    # The CSV reader preserves file order, so row_number() over it is the data row number.
    return reader, f"(SELECT *, row_number() OVER () AS __row FROM {reader})"


def _item_columns(
    rules: DeJongGierveldRules, items: Sequence[str] | Mapping[int, str] | None
) -> dict[int, str]:
    numbers = [item.number for item in rules.items]
    if items is None:
        return dict(zip(numbers, DEFAULT_ITEM_COLUMNS[rules.key], strict=True))
    if isinstance(items, Mapping):
        if sorted(items) != numbers:
            raise SurveyInputError(
                f"--items: {rules.key} needs columns for items {', '.join(map(str, numbers))}"
            )
        return {number: items[number] for number in numbers}
    if len(items) != len(numbers):
        raise SurveyInputError(
            f"--items: {rules.key} needs {len(numbers)} columns, for items "
            f"{', '.join(map(str, numbers))} in that order; got {len(items)}"
        )
    return dict(zip(numbers, items, strict=True))


def _plan(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    scale: str,
    by: Sequence[str],
    weight: str | None,
    coding: Coding,
    items: Sequence[str] | Mapping[int, str] | None,
) -> _Plan:
    if scale not in SCALES:
        raise SurveyInputError(f"unknown scale {scale!r}; use one of {', '.join(SCALES)}")
    rules = SCALES[scale]
    if not path.is_file():
        raise SurveyInputError(f"input {path}: no such file")
    if path.stat().st_size == 0:
        raise SurveyInputError(f"input {path} is empty (no header, no data rows)")
    source, row_number_source = _sources(path)
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    except duckdb.Error as error:
        raise SurveyInputError(f"input {path} cannot be read: {error}") from None
    # DuckDB resolves column names case-insensitively; so do we.
    present = {name.lower(): _Column(name, column_type) for name, column_type, *_ in described}

    def find(column: str, role: str) -> _Column:
        try:
            return present[column.lower()]
        except KeyError:
            raise SurveyInputError(
                f"column {column!r} ({role}) not found in {path.name}; columns present: "
                + ", ".join(found.name for found in present.values()),
                column=column,
            ) from None

    return _Plan(
        path=path,
        source=source,
        row_number_source=row_number_source,
        rules=rules,
        coding=coding,
        items={
            number: find(column, f"item {number}")
            for number, column in _item_columns(rules, items).items()
        },
        by=tuple(find(column, "--by").name for column in by),
        weight=find(weight, "--weight") if weight else None,
    )


ProgressCallback = Callable[[str, float], None]
"""Called with the stage ("checking", "scoring") and the percentage done."""


def _execute(
    con: duckdb.DuckDBPyConnection,
    sql: str,
    progress: ProgressCallback | None,
    stage: str,
    path: Path,
) -> list[tuple[Any, ...]]:
    """Run ``sql`` and fetch its rows; with ``progress``, report DuckDB's percentage done.

    A DuckDB error while scanning (a malformed CSV line, say) becomes a SurveyInputError.
    """
    try:
        if progress is None:
            return con.execute(sql).fetchall()
        return _execute_with_progress(con, sql, lambda percent: progress(stage, percent))
    except duckdb.Error as error:
        raise SurveyInputError(f"input {path} cannot be read: {error}") from None


def _execute_with_progress(
    con: duckdb.DuckDBPyConnection, sql: str, progress: Callable[[float], None]
) -> list[tuple[Any, ...]]:
    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    con.execute("SET progress_bar_time = 0")
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(con.execute(sql).fetchall())
        except BaseException as error:  # re-raised in the calling thread
            outcome.append(error)

    worker = threading.Thread(target=run, name="omzien-survey", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
            percent = con.query_progress()
            if percent >= 0:
                progress(percent)
    except KeyboardInterrupt:
        con.interrupt()
        worker.join()
        raise
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    progress(100.0)
    return outcome[0]


@dataclass(frozen=True)
class _Profile:
    rows: int
    bad_weights: int
    codes: Mapping[int, _ItemCodes]


def _profile(
    con: duckdb.DuckDBPyConnection, plan: _Plan, progress: ProgressCallback | None
) -> _Profile:
    """One scan: the number of rows and bad weights, and the distinct values of each item
    column, decoded. Raises SurveyInputError for an empty file or bad input."""
    distinct = [f"list(DISTINCT {column.value_sql})" for column in plan.items.values()]
    bad_weights = f"count_if({plan.bad_weight_sql()})" if plan.weight else "0"
    sql = f"SELECT count(*), {bad_weights}, {', '.join(distinct)} FROM {plan.source}"
    [(rows, bad_weight_rows, *values)] = _execute(con, sql, progress, "checking", plan.path)
    if not rows:
        raise SurveyInputError(f"input {plan.path} has no data rows")
    codes = {
        number: plan.decode(number, raw_values)
        for number, raw_values in zip(plan.items, values, strict=True)
    }
    profile = _Profile(rows, bad_weight_rows, codes)
    if bad_weight_rows or any(item.unknown for item in codes.values()):
        _raise_bad_input(con, plan, profile)
    return profile


def _rows_text(rows: Sequence[tuple[int, Any]], count: int) -> str:
    """``in 3 rows: data rows 2 ('x'), 5 (empty), 9 ('4')``; at most MAX_REPORTED_ROWS named."""
    shown = ", ".join(f"{row} ({'empty' if value is None else repr(value)})" for row, value in rows)
    first = f"first {len(rows)} " if count > len(rows) else ""
    noun = "row" if count == 1 else "rows"
    return f"in {count:,} {noun}: {first}data {'row' if len(rows) == 1 else 'rows'} {shown}"


def _raise_bad_input(con: duckdb.DuckDBPyConnection, plan: _Plan, profile: _Profile) -> None:
    """Raise SurveyInputError naming every bad column and its first rows (error path only)."""
    checks: list[tuple[_Column, str, str]] = []  # (column, condition, what is wrong)
    hints: list[str] = []
    if plan.weight is not None and profile.bad_weights:
        checks.append((plan.weight, plan.bad_weight_sql(), "(weight): not a positive number"))
        hints.append("Weights must be positive numbers, with a dot as decimal separator.")
    unknown = [number for number, codes in profile.codes.items() if codes.unknown]
    for number in unknown:
        condition = plan.bad_item_sql(number, profile.codes[number])
        checks.append((plan.items[number], condition, f"(item {number}): unknown answer code"))
    if unknown:
        hints.append(
            f"Answer codes accepted with --coding {plan.coding.name}: "
            f"{', '.join(plan.coding.codes)} (any case), or empty for a missing answer."
        )
    problems: list[str] = []
    first: tuple[str, list[int]] = ("", [])
    for column, condition, what in checks:
        [(count,)] = con.execute(f"SELECT count_if({condition}) FROM {plan.source}").fetchall()
        rows = con.execute(
            f"SELECT __row, {_ident(column.name)} FROM {plan.row_number_source} "
            f"WHERE {condition} ORDER BY __row LIMIT {MAX_REPORTED_ROWS}"
        ).fetchall()
        problems.append(f"  column {column.name!r} {what} {_rows_text(rows, count)}")
        if len(problems) == 1:
            first = (column.name, [row for row, _ in rows])
    raise SurveyInputError(
        "\n".join([f"{plan.path.name} cannot be scored, nothing was written:", *problems, *hints]),
        column=first[0],
        rows=first[1],
    )


# ---------------------------------------------------------------------------------------------
# Codings and item columns, as the command line gives them
# ---------------------------------------------------------------------------------------------


def parse_coding(spec: str) -> Coding:
    """A coding from its command-line name: ``auto`` (text answers and 1/2/3), ``text``,
    ``numeric`` (1 = nee, 2 = min of meer, 3 = ja), or an explicit numeric coding such as
    ``numeric:1=ja,2=min of meer,3=nee`` or ``numeric:1=nee!,2=nee,3=min of meer,4=ja,5=ja!``.
    """
    name = spec.strip().lower()
    if name in DJG_CODINGS:
        return DJG_CODINGS[name]
    if name.startswith("numeric:"):
        codes: dict[int, str] = {}
        for pair in name.removeprefix("numeric:").split(","):
            number, _, answer = pair.partition("=")
            if not number.strip().lstrip("-").isdigit() or not answer.strip():
                raise SurveyInputError(
                    f"--coding {spec!r}: write pairs like 1=nee,2=min of meer,3=ja"
                )
            codes[int(number)] = answer
        try:
            return numeric_coding(codes, name=name)
        except ValueError as error:
            raise SurveyInputError(f"--coding {spec!r}: {error}") from None
    raise SurveyInputError(
        f"--coding {spec!r}: use auto, text, numeric or numeric:1=nee,2=min of meer,3=ja"
    )


def parse_items(spec: str) -> list[str] | dict[int, str]:
    """``--items``: columns in item order (``a,b,c``) or by item number (``3=a,4=b``)."""
    parts = [part.strip() for part in spec.split(",") if part.strip()]
    if parts and all("=" in part for part in parts):
        mapping: dict[int, str] = {}
        for part in parts:
            number, _, column = part.partition("=")
            if not number.strip().isdigit():
                raise SurveyInputError(f"--items: {part!r} is not ITEM_NUMBER=COLUMN")
            mapping[int(number)] = column.strip()
        return mapping
    return parts


def _resolve_coding(coding: str | Coding) -> Coding:
    return coding if isinstance(coding, Coding) else parse_coding(coding)
