"""Settings, the input error and the result types shared by the survey modules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from omzien.assessment.scales import DJG6, DJG11, DeJongGierveldRules

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
