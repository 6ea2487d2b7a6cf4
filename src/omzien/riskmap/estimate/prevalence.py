"""The national prevalence table of loneliness, one CSV per year (pure Python, no Django).

Each file ``riskmap/data/prevalence/prevalence_<year>.csv`` holds, per row key, the national
figure for "eenzaam" (De Jong Gierveld score 3+) and "ernstig eenzaam" (score 9+) with a lower
and upper bound. Rows with unit ``pct`` are percentages (0-100); rows with unit ``ratio`` are
relative risks. The sources and the derivation of every figure are in the README.md next to
the files. These files seed the database (migration riskmap 0002); from then on the table of
the database is the one the pages use (``riskmap.prevalence``), edited per year in the Django
admin and handed to the model through :func:`table_from_rows`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "prevalence"
MEASURES = ("eenzaam", "ernstig")
COLUMNS = (
    "key",
    "label",
    "unit",
    "eenzaam",
    "eenzaam_lower",
    "eenzaam_upper",
    "ernstig",
    "ernstig_lower",
    "ernstig_upper",
    "basis",
)
UNITS = ("pct", "ratio")
BASES = ("gemeten", "afgeleid", "gemeten/afgeleid")
REQUIRED_KEYS = (
    "18plus",
    "18_25",
    "25_45",
    "45_65",
    "65plus",
    "rr_alleenwonend",
    "aandeel_alleenwonend_nl",
    "aandeel_volwassenen_nl",
)
_FILE = re.compile(r"^prevalence_(\d{4})\.csv$")
#: The source named with a table read from a CSV (a table of the database names its own).
DEFAULT_SOURCE = "Gezondheidsmonitor Volwassenen en Ouderen, GGD GHOR en RIVM"


class PrevalenceError(ValueError):
    """The prevalence file is missing or malformed; the message names file, line and column."""


@dataclass(frozen=True)
class Rate:
    """A figure with its plausible range (percent or ratio, as the row's unit says)."""

    value: float
    lower: float
    upper: float


@dataclass(frozen=True)
class PrevalenceRow:
    key: str
    label: str
    unit: str
    eenzaam: Rate
    ernstig: Rate
    basis: str

    def rate(self, measure: str) -> Rate:
        return self.eenzaam if measure == "eenzaam" else self.ernstig


@dataclass(frozen=True)
class PrevalenceTable:
    year: int
    rows: dict[str, PrevalenceRow]
    path: Path | None = None  # the CSV it was read from; None for a table of the database
    source: str = DEFAULT_SOURCE  # named on the pages with the year

    def rate(self, key: str, measure: str) -> Rate:
        return self.rows[key].rate(measure)

    def has(self, key: str) -> bool:
        return key in self.rows


def available_years(directory: Path = DATA_DIR) -> list[int]:
    """The years for which a prevalence file exists, oldest first."""
    years = []
    for path in directory.iterdir():
        match = _FILE.match(path.name)
        if match:
            years.append(int(match.group(1)))
    return sorted(years)


def _number(text: object, where: str, column: str) -> float:
    try:
        return float(text)
    except (TypeError, ValueError):
        raise PrevalenceError(f"{where}, column {column}: {text!r} is not a number") from None


def _rate(row: Mapping[str, Any], measure: str, where: str) -> Rate:
    value = _number(row[measure], where, measure)
    lower = _number(row[f"{measure}_lower"], where, f"{measure}_lower")
    upper = _number(row[f"{measure}_upper"], where, f"{measure}_upper")
    if not lower <= value <= upper:
        raise PrevalenceError(
            f"{where}, column {measure}: {value} is not within [{lower}, {upper}]"
        )
    return Rate(value, lower, upper)


def _row(row: Mapping[str, Any], where: str) -> PrevalenceRow:
    unit = row["unit"]
    if unit not in UNITS:
        raise PrevalenceError(f"{where}, column unit: {unit!r} is not one of {UNITS}")
    if row["basis"] not in BASES:
        raise PrevalenceError(f"{where}, column basis: {row['basis']!r} is not one of {BASES}")
    rates = {measure: _rate(row, measure, where) for measure in MEASURES}
    if unit == "pct" and any(r.lower < 0 or r.upper > 100 for r in rates.values()):
        raise PrevalenceError(f"{where}: a percentage lies outside 0-100")
    return PrevalenceRow(
        key=row["key"],
        label=row["label"],
        unit=unit,
        eenzaam=rates["eenzaam"],
        ernstig=rates["ernstig"],
        basis=row["basis"],
    )


def load_prevalence(year: int, directory: Path = DATA_DIR) -> PrevalenceTable:
    """Read the table of ``year``; raise PrevalenceError naming file, line and column."""
    path = directory / f"prevalence_{year}.csv"
    if not path.exists():
        raise PrevalenceError(f"{path}: no prevalence table for {year}")
    rows: dict[str, PrevalenceRow] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise PrevalenceError(f"{path}, line 1: header must be {','.join(COLUMNS)}")
        for row in reader:
            where = f"{path}, line {reader.line_num}"
            if row["key"] in rows:
                raise PrevalenceError(f"{where}, column key: {row['key']!r} appears twice")
            rows[row["key"]] = _row(row, where)
    _check_complete(rows, str(path))
    return PrevalenceTable(year=year, rows=rows, path=path)


def _check_complete(rows: Mapping[str, PrevalenceRow], where: str) -> None:
    missing = [key for key in REQUIRED_KEYS if key not in rows]
    if missing:
        raise PrevalenceError(f"{where}: rows missing: {', '.join(missing)}")


def table_from_rows(
    year: int, rows: Iterable[Mapping[str, object]], source: str = DEFAULT_SOURCE
) -> PrevalenceTable:
    """A table from rows with the CSV's columns (values as numbers or text), e.g. the rows of
    the database; checked as a file is, the message naming the year and row key."""
    table: dict[str, PrevalenceRow] = {}
    for row in rows:
        where = f"prevalence table {year}, row {row['key']}"
        if row["key"] in table:
            raise PrevalenceError(f"{where}: appears twice")
        table[str(row["key"])] = _row(row, where)
    _check_complete(table, f"prevalence table {year}")
    return PrevalenceTable(year=year, rows=table, source=source)


def latest_prevalence(year: int | None = None, directory: Path = DATA_DIR) -> PrevalenceTable:
    """The table of ``year``, or of the latest year not after it (the latest of all if None)."""
    years = available_years(directory)
    usable = [y for y in years if year is None or y <= year] or years[:1]
    if not usable:
        raise PrevalenceError(f"{directory}: no prevalence tables")
    return load_prevalence(usable[-1], directory)
