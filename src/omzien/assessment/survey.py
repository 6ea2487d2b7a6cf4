"""Score loneliness survey microdata and estimate weighted prevalence per area.

One row per respondent goes in (CSV or Parquet); one row per area comes out with the number of
respondents, the weighted percentages eenzaam, (zeer) ernstig eenzaam (``djg11``) or sterk
eenzaam (``djg6``), emotioneel and sociaal eenzaam, and their 95% confidence intervals.

Scoring is vectorised in DuckDB: the SQL is generated from the rules and codings in
:mod:`omzien.assessment.scales`, so a respondent scores here exactly as there. No Django import,
so researchers can use it as a library::

    from omzien.assessment.survey import score_survey
    report = score_survey("gm2022.parquet", "per_gemeente.csv", by=["gemeente"], weight="w")

and as a command::

    omzien survey score gm2022.parquet --out per_gemeente.csv --by gemeente --weight w
    python -m omzien.assessment.survey score gm2022.parquet --out per_gemeente.csv

See docs/assessment.md for the rules and the output columns.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import duckdb
import pyarrow as pa

from omzien.assessment.scales import (
    DJG6,
    DJG11,
    DJG_CODINGS,
    Coding,
    DeJongGierveldRules,
    Subscale,
    djg_points,
    numeric_coding,
)

SCALES: Mapping[str, DeJongGierveldRules] = {"djg11": DJG11, "djg6": DJG6}
DEFAULT_ITEM_COLUMNS: Mapping[str, tuple[str, ...]] = {
    rules.key: tuple(f"djg{item.number}" for item in rules.items) for rules in SCALES.values()
}
"""``djg1`` .. ``djg11``, numbered as in the 11-item list (so ``djg6`` reads djg3, djg4, djg7,
djg8, djg9 and djg10, and a GGD file with all 11 items can be scored with either scale)."""
DEFAULT_MIN_RESPONDENTS = 50
"""Areas with fewer respondents (with a valid total) than this are suppressed."""
Z_95 = 1.96
"""The normal quantile of the 95% Wald interval."""
MAX_REPORTED_ROWS = 10
"""An input error names at most this many rows per column."""
PROGRESS_DELAY_SECONDS = 1.0
"""The command shows progress only for a scan that takes longer than this."""

INPUT_SUFFIXES: Mapping[str, str] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".csv.gz": "csv",
    ".tsv.gz": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
OUTPUT_SUFFIXES: Mapping[str, str] = {".csv": "csv", ".parquet": "parquet"}

_INTEGER_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT"}
    | {"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"}
)
_FLOAT_TYPES = frozenset({"FLOAT", "DOUBLE", "REAL", "DECIMAL"})


class SurveyInputError(ValueError):
    """The input cannot be scored. The message names the column and the first rows concerned;
    ``column`` and ``rows`` (1-based data row numbers) hold the first such column and rows."""

    def __init__(self, message: str, *, column: str | None = None, rows: Sequence[int] = ()):
        super().__init__(message)
        self.column = column
        self.rows = tuple(rows)


@dataclass(frozen=True)
class Indicator:
    """One prevalence estimate: the weighted share of respondents whose ``score`` is at least
    ``threshold``, among the respondents whose ``score`` is known."""

    name: str
    """Output column prefix: ``eenzaam`` gives eenzaam_pct, eenzaam_ci_low, eenzaam_ci_high."""
    label: str
    score: str
    """``total``, ``emotional`` or ``social``."""
    threshold: int


SEVERE_COLUMN_PREFIX: Mapping[str, str] = {"djg11": "ernstig_eenzaam", "djg6": "sterk_eenzaam"}
"""The output columns of the severe category: (zeer) ernstig eenzaam (total 9+) for the
11-item scale, sterk eenzaam (total 5+) for the 6-item scale."""


def indicators_for(rules: DeJongGierveldRules) -> tuple[Indicator, ...]:
    """The four prevalence indicators of a De Jong Gierveld version, from its rules."""
    severe = SEVERE_COLUMN_PREFIX[rules.key]
    subscale = rules.subscale_lonely_threshold
    return (
        Indicator("eenzaam", "eenzaam", "total", rules.lonely_threshold),
        Indicator(severe, rules.severe_label, "total", rules.severe_threshold),
        Indicator("emotioneel_eenzaam", "emotioneel eenzaam", "emotional", subscale),
        Indicator("sociaal_eenzaam", "sociaal eenzaam", "social", subscale),
    )


@dataclass(frozen=True)
class SurveyReport:
    """What :func:`score_survey` did: the per-area table and the overall row."""

    scale: str
    by: tuple[str, ...]
    rows_read: int
    respondents: int
    """Respondents with a valid total, over all areas."""
    areas: pa.Table
    """One row per area (one row in all without ``by``), as written to the output file."""
    overall: Mapping[str, Any]
    """The same columns for all respondents together (no area columns)."""
    indicators: tuple[Indicator, ...]
    output: Path | None
    seconds: float

    @property
    def suppressed_areas(self) -> int:
        return sum(bool(value) for value in self.areas.column("suppressed").to_pylist())


# ---------------------------------------------------------------------------------------------
# SQL generation
#
# Answer codes are decoded in Python, by scales.Coding.decode(), once per distinct raw value
# of each item column (one cheap scan collects them). The scoring query then maps each raw
# value straight to its points with a small CASE: no normalisation per row, and exactly the
# rules of scales.py, because scales.py itself decoded every value.
# ---------------------------------------------------------------------------------------------


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, float):
        return f"CAST('{value!r}' AS DOUBLE)"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise TypeError(f"no SQL literal for {value!r}")


@dataclass(frozen=True)
class _Column:
    """An input column and the SQL expression whose values we decode (text or number)."""

    name: str
    type: str

    @property
    def value_sql(self) -> str:
        base = self.type.split("(")[0].upper()
        if base == "VARCHAR" or base in _INTEGER_TYPES:
            return _ident(self.name)
        if base in _FLOAT_TYPES:
            return f"CAST({_ident(self.name)} AS DOUBLE)"
        return f"CAST({_ident(self.name)} AS VARCHAR)"


@dataclass(frozen=True)
class _ItemCodes:
    """The distinct raw values of one item column, sorted by what they decode to."""

    points: Mapping[Any, int]
    """Raw value -> points, for every valid value present."""
    missing: tuple[Any, ...]
    """Non-NULL raw values that mean "missing" (blank strings, NaN)."""
    unknown: tuple[Any, ...]
    """Raw values the coding does not know."""


def _case_sql(value_sql: str, points: Mapping[Any, int]) -> str:
    if not points:
        return "CAST(NULL AS INTEGER)"
    whens = " ".join(f"WHEN {_literal(raw)} THEN {p}" for raw, p in points.items())
    return f"CASE {value_sql} {whens} END"


@dataclass(frozen=True)
class _Plan:
    """Everything needed to generate the SQL for one input file."""

    path: Path
    source: str
    """A DuckDB table expression reading the input."""
    row_number_source: str
    """The same, with a 1-based data row number column ``__row``."""
    rules: DeJongGierveldRules
    coding: Coding
    items: Mapping[int, _Column]
    """The column of each item number, in item order."""
    by: tuple[str, ...]
    weight: _Column | None

    def weight_sql(self) -> str:
        if self.weight is None:
            return "1.0"
        column = _ident(self.weight.name)
        if self.weight.type.upper() == "VARCHAR":
            return f"TRY_CAST(trim({column}) AS DOUBLE)"
        return f"TRY_CAST({column} AS DOUBLE)"

    def bad_weight_sql(self) -> str:
        weight = self.weight_sql()
        return f"({weight} IS NULL OR NOT isfinite({weight}) OR {weight} <= 0)"

    def decode(self, number: int, raw_values: Sequence[Any]) -> _ItemCodes:
        """Decode the distinct raw values of one item with scales.py's coding and points."""
        item = next(item for item in self.rules.items if item.number == number)
        points: dict[Any, int] = {}
        missing: list[Any] = []
        unknown: list[Any] = []
        for raw in raw_values:
            if raw is None:
                continue
            try:
                answer = self.coding.decode(raw, instrument=self.rules.key, item=number)
            except ValueError:
                unknown.append(raw)
                continue
            if answer is None:
                missing.append(raw)
            else:
                points[raw] = djg_points(item, answer)
        return _ItemCodes(points, tuple(missing), tuple(unknown))

    def bad_item_sql(self, number: int, codes: _ItemCodes) -> str:
        """True for a row whose answer to this item is an unknown code."""
        value = self.items[number].value_sql
        bad = f"{value} IS NOT NULL AND ({_case_sql(value, codes.points)}) IS NULL"
        if codes.missing:
            bad += f" AND {value} NOT IN ({', '.join(map(_literal, codes.missing))})"
        return bad

    def scored_sql(
        self, codes: Mapping[int, _ItemCodes], *, source: str, keep: Sequence[str] = ()
    ) -> str:
        """One row per respondent: the ``keep`` columns of ``source``, area columns
        ``__by0``.., weight ``w``, ``total``, ``emotional`` and ``social`` (NULL if unknown)."""
        rules = self.rules
        points = [
            f"{_case_sql(column.value_sql, codes[number].points)} AS p{number}"
            for number, column in self.items.items()
        ]

        def summed(subset: Sequence[int], max_missing: int) -> str:
            missing = " + ".join(f"(p{n} IS NULL)::INTEGER" for n in subset)
            total = " + ".join(f"coalesce(p{n}, 0)" for n in subset)
            return f"CASE WHEN {missing} <= {max_missing} THEN {total} END"

        scores = [
            f"{summed(list(self.items), rules.max_missing_total)} AS total",
            *(
                f"{summed(rules.subscale_items(sub), rules.max_missing_subscale)} AS {sub.value}"
                for sub in (Subscale.EMOTIONAL, Subscale.SOCIAL)
            ),
        ]
        by = [f"{_ident(column)} AS __by{i}" for i, column in enumerate(self.by)]
        return f"""
            SELECT {", ".join([*keep, *(f"__by{i}" for i in range(len(self.by))), "w", *scores])}
            FROM (
                SELECT {", ".join([*keep, *by, f"{self.weight_sql()} AS w", *points])}
                FROM {source}
            )
        """

    def aggregate_sql(
        self, codes: Mapping[int, _ItemCodes], indicators: Sequence[Indicator]
    ) -> str:
        """Per-area sums, additive over areas: respondents with a valid total, and per score
        the sum of weights and of squared weights, and per indicator the sum of weights."""
        by = [f"__by{i}" for i in range(len(self.by))]
        sums = ["count(total) AS respondents"]
        for score in ("total", "emotional", "social"):
            sums.append(f"sum(w) FILTER ({score} IS NOT NULL) AS sw_{score}")
            sums.append(f"sum(w * w) FILTER ({score} IS NOT NULL) AS sw2_{score}")
        for indicator in indicators:
            sums.append(
                f"sum(w) FILTER ({indicator.score} >= {indicator.threshold}) AS sw_{indicator.name}"
            )
        group = f"GROUP BY {', '.join(by)}" if by else ""
        scored = self.scored_sql(codes, source=self.source)
        return f"SELECT {', '.join([*by, *sums])} FROM ({scored}) {group}"


def _estimates_sql(indicators: Sequence[Indicator], by: Sequence[str], min_respondents: int) -> str:
    """One row per area and, last, the overall row (``__overall``): percentages with 95% Wald
    intervals on the Kish effective sample size, from the sums in the ``aggregates`` table."""
    sums = ["respondents", *(f"sw_{s}" for s in ("total", "emotional", "social"))]
    sums += [f"sw2_{s}" for s in ("total", "emotional", "social")]
    sums += [f"sw_{indicator.name}" for indicator in indicators]
    overall = ", ".join(
        f"CAST(sum({c}) AS {'BIGINT' if c == 'respondents' else 'DOUBLE'}) AS {c}" for c in sums
    )
    shares = []
    for indicator in indicators:
        name, score = indicator.name, indicator.score
        shares += [
            f"coalesce(sw_{name}, 0) / sw_{score} AS p_{name}",
            f"sw_{score} * sw_{score} / sw2_{score} AS n_{name}",
            f"NOT suppressed AND sw_{score} > 0 AS shown_{name}",
        ]
    columns = [*(f"__by{i} AS {_ident(column)}" for i, column in enumerate(by))]
    columns += ["respondents", "effective_n", "suppressed"]
    for indicator in indicators:
        name = indicator.name
        half = f"{Z_95} * sqrt(p_{name} * (1 - p_{name}) / n_{name})"
        columns += [
            f"CASE WHEN shown_{name} THEN 100 * p_{name} END AS {name}_pct",
            f"CASE WHEN shown_{name} THEN 100 * greatest(0, p_{name} - {half}) END "
            f"AS {name}_ci_low",
            f"CASE WHEN shown_{name} THEN 100 * least(1, p_{name} + {half}) END AS {name}_ci_high",
        ]
    order = ", ".join(["__overall", *(f"__by{i} NULLS LAST" for i in range(len(by)))])
    return f"""
        WITH sums AS (
            SELECT *, false AS __overall FROM aggregates
            UNION ALL BY NAME
            SELECT {overall}, true AS __overall FROM aggregates
        ), shares AS (
            SELECT *,
                CASE WHEN sw2_total > 0 THEN sw_total * sw_total / sw2_total END AS effective_n,
                respondents < {int(min_respondents)} AS suppressed
            FROM sums
        )
        SELECT {", ".join(columns)}, __overall
        FROM (SELECT *, {", ".join(shares)} FROM shares)
        ORDER BY {order}
    """


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
# Running
# ---------------------------------------------------------------------------------------------


@contextmanager
def _atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path``, renamed to it only when the block succeeds."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _resolve_coding(coding: str | Coding) -> Coding:
    return coding if isinstance(coding, Coding) else parse_coding(coding)


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
    output_format = _format_of(output, OUTPUT_SUFFIXES, "output") if output else None
    if output is not None and not output.parent.is_dir():
        raise SurveyInputError(f"output {output}: directory {output.parent} does not exist")
    if min_respondents < 0:
        raise SurveyInputError("--min-respondents must be 0 or more")
    if weight and weight.lower() in {column.lower() for column in by}:
        raise SurveyInputError(f"column {weight!r} cannot be both the weight and an area")
    resolved = _resolve_coding(coding)

    with duckdb.connect() as con:
        plan = _plan(con, path, scale=scale, by=by, weight=weight, coding=resolved, items=items)
        profile = _profile(con, plan, progress)
        indicators = indicators_for(plan.rules)
        aggregates = plan.aggregate_sql(profile.codes, indicators)
        _execute(con, f"CREATE TEMP TABLE aggregates AS {aggregates}", progress, "scoring", path)

        table = con.sql(_estimates_sql(indicators, plan.by, min_respondents)).to_arrow_table()
        areas = table.slice(0, table.num_rows - 1).drop_columns(["__overall"])
        overall = table.slice(table.num_rows - 1).drop_columns(["__overall"]).to_pylist()[0]
        if output is not None:
            con.register("areas", areas)
            options = "FORMAT csv, HEADER true" if output_format == "csv" else "FORMAT parquet"
            with _atomic_output(output) as temporary:
                con.execute(f"COPY areas TO {_literal(str(temporary))} ({options})")

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


# ---------------------------------------------------------------------------------------------
# Command line
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


class _ProgressPrinter:
    """Prints the progress of each scan to ``stream`` once the command has run a while.

    On a terminal one line per stage is updated in place; otherwise a line per 10%.
    """

    def __init__(self, stream: TextIO, name: str, delay: float = PROGRESS_DELAY_SECONDS):
        self.stream = stream
        self.name = name
        self.delay = delay
        self.started = time.monotonic()
        self.stage = ""
        self.shown = -1  # last percentage shown in this stage

    def __call__(self, stage: str, percent: float) -> None:
        if time.monotonic() - self.started < self.delay:
            return
        if stage != self.stage:
            self.finish()
            self.stage, self.shown = stage, -1
        if self.stream.isatty():
            self.stream.write(f"\r{stage} {self.name}: {percent:5.1f}%")
        elif int(percent) // 10 <= self.shown // 10:
            return
        else:
            self.stream.write(f"{stage} {self.name}: {int(percent)}%\n")
        self.shown = int(percent)
        self.stream.flush()

    def finish(self) -> None:
        """End the in-place line, if one was written."""
        if self.shown >= 0 and self.stream.isatty():
            self.stream.write("\n")
            self.stream.flush()
        self.shown = -1


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


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

    def cells(label: str, row: Mapping[str, Any]) -> list[str]:
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

    def label(text: str, row: Mapping[str, Any]) -> str:
        return f"{text} (suppressed)" if row["suppressed"] else text

    lines = [cells(label("(all)", report.overall), report.overall)]
    sections: list[tuple[str, list[list[str]]]] = []
    if report.by:
        shown = [
            row
            for row in report.areas.to_pylist()
            if not row["suppressed"] and row[f"{first.name}_pct"] is not None
        ]
        shown.sort(key=lambda row: row[f"{first.name}_pct"], reverse=True)

        def area(row: Mapping[str, Any]) -> str:
            return " ".join("(empty)" if row[c] is None else str(row[c]) for c in report.by)

        if len(shown) > 2 * areas_shown:
            sections = [
                ("highest % eenzaam", [cells(area(r), r) for r in shown[:areas_shown]]),
                ("lowest % eenzaam", [cells(area(r), r) for r in shown[-areas_shown:]]),
            ]
        else:
            sections = [("areas", [cells(area(r), r) for r in shown])]
    all_rows = [header, *lines, *(row for _, rows in sections for row in rows)]
    widths = [max(len(row[i]) for row in all_rows) for i in range(len(header))]

    def render(row: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )

    areas_line = ""
    if report.by:
        areas_line = (
            f", {report.areas.num_rows:,} areas by {', '.join(report.by)}, "
            f"{report.suppressed_areas:,} suppressed"
        )
    out = [
        f"{report.scale}: {report.rows_read:,} rows read, {report.respondents:,} respondents "
        f"with a valid total{areas_line}",
        "",
        render(header),
        *(render(row) for row in lines),
    ]
    for title, rows in sections:
        out += [title + ":", *(render(row) for row in rows)]
    if report.output is not None:
        out.append(f"wrote {report.output} in {report.seconds:.2f} s")
    return "\n".join(out)


def build_parser(prog: str = "python -m omzien.assessment.survey") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog, description="Score loneliness survey microdata (De Jong Gierveld scale)."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    score = commands.add_parser(
        "score",
        help="score respondents and write weighted prevalence per area",
        description=(
            "Score every respondent and write, per area, the respondents and the weighted "
            "% eenzaam, % (zeer) ernstig eenzaam (djg6: % sterk eenzaam), % emotioneel and "
            "% sociaal eenzaam with 95% confidence intervals. Exit code 2 on bad input."
        ),
    )
    score.add_argument("input", metavar="INPUT", help="respondents, .csv or .parquet")
    score.add_argument(
        "--out", required=True, metavar="OUTPUT", help="per-area results, .csv or .parquet"
    )
    score.add_argument("--scale", choices=sorted(SCALES), default="djg11")
    score.add_argument(
        "--by",
        nargs="+",
        action="extend",
        default=[],
        metavar="COLUMN",
        help="area column(s); without: one overall row",
    )
    score.add_argument("--weight", metavar="COLUMN", help="survey weight (positive numbers)")
    score.add_argument(
        "--coding",
        default="auto",
        metavar="CODING",
        help="auto (default: text answers and 1/2/3), text, numeric (1=nee, 2=min of meer, "
        "3=ja), or numeric:1=ja,2=min of meer,3=nee",
    )
    score.add_argument(
        "--min-respondents",
        type=int,
        default=DEFAULT_MIN_RESPONDENTS,
        metavar="N",
        help=f"suppress areas with fewer respondents (default {DEFAULT_MIN_RESPONDENTS})",
    )
    score.add_argument(
        "--items",
        metavar="COLUMNS",
        help="item columns: COL1,COL2,... in item order, or N=COL,...; default djg1..djg11",
    )
    score.add_argument("--quiet", action="store_true", help="no progress, no summary")
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Run the survey command; returns the exit code (0 success, 2 bad input or usage)."""
    parser = build_parser(prog) if prog else build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    progress = None if args.quiet else _ProgressPrinter(sys.stderr, args.input)
    try:
        report = score_survey(
            args.input,
            args.out,
            scale=args.scale,
            by=args.by,
            weight=args.weight,
            coding=args.coding,
            min_respondents=args.min_respondents,
            items=parse_items(args.items) if args.items else None,
            progress=progress,
        )
    except SurveyInputError as error:
        if progress:
            progress.finish()
        print(f"{parser.prog} score: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{parser.prog} score: interrupted, nothing written", file=sys.stderr)
        return 130
    if progress:
        progress.finish()
    if not args.quiet:
        print(format_summary(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
