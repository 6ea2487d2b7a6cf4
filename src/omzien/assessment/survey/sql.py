"""SQL generation: decoded answer codes, per-respondent scores and per-area sums in DuckDB."""

# DuckDB/SQL text is built from validated identifiers only, never from user values.
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omzien.assessment.scales import Coding, DeJongGierveldRules, Subscale, djg_points
from omzien.assessment.survey.base import _FLOAT_TYPES, _INTEGER_TYPES, Indicator

# ---------------------------------------------------------------------------------------------
# SQL generation
#
# Answer codes are decoded in Python, by scales.Coding.decode(), once per distinct raw value
# of each item column (one cheap scan collects them). The scoring query then maps each raw
# value straight to its points with a small CASE: no normalisation per row, and exactly the
# rules of the scales package, because the scales package itself decoded every value.
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
        """Decode the distinct raw values of one item with the scales package's coding."""
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
