"""The monitoring page's tables as shown (issue 12, item 4): every registered
``MonitoringTable`` the user may see, built for the filters and suppressed with the one rule
(core/suppression.py). The page, the CSV and the XLSX all read these, so they say the same.

For roles without ``view_unsuppressed_aggregates``: a count below 5 shows ``"<5"``; a count
of 5 or more that would give a hidden count away through a total (a total column or the total
row) shows ``"verborgen"``; a share, number or days whose ``base`` column is below 5, or that
is computed from a hidden count, shows ``"te weinig"``. Aggregates only."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from omzien.core import extensions
from omzien.core.figure_records import TOTAL_ROW, MonitoringColumn, MonitoringTable
from omzien.core.scoping import can
from omzien.core.suppression import (
    FEW,
    HIDDEN,
    derived_hidden,
    is_suppressed,
    protect_group,
    shown_count,
)
from omzien.monitoring.dashboard.filters import Filters

TOO_FEW = "te weinig"
NONE = "–"


@dataclass(frozen=True)
class Cell:
    """``text`` as shown; ``value`` the number behind it (None when hidden or unknown)."""

    text: str
    value: float | int | None = None

    @property
    def hidden(self) -> bool:
        return self.text in (FEW, TOO_FEW, HIDDEN)


@dataclass(frozen=True)
class ShownTable:
    key: str
    title: str
    columns: tuple[MonitoringColumn, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str

    @property
    def header(self) -> list[str]:
        return [str(c.label) for c in self.columns]


def decimal(value: float, places: int = 1) -> str:
    return f"{value:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def whole(value: float) -> str:
    return f"{round(value):,}".replace(",", ".")


def _number(column: MonitoringColumn, value) -> Cell:
    if column.kind == "count":
        return Cell(whole(value), int(value))
    if column.kind == "share":
        return Cell(decimal(value) + "%", round(float(value), 1))
    return Cell(decimal(value), round(float(value), 1))


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _groups(columns, rows) -> list[tuple[list[tuple[int, str]], tuple[int, str]]]:
    """(parts, total) cells that add up: per row, a total column and its parts; per count
    column, the other rows and the total row (``TOTAL_ROW``)."""
    counts = [c.key for c in columns if c.kind == "count"]
    totals = [c for c in columns if c.kind == "count" and c.total]
    plain = [key for key in counts if key not in {c.key for c in totals}]
    groups = []
    for index in range(len(rows)):
        for column in totals:
            parts = [key for key in (column.parts or plain) if key in counts]
            groups.append(([(index, key) for key in parts], (index, column.key)))
    total_rows = [i for i, row in enumerate(rows) if row.get(TOTAL_ROW)]
    for total in total_rows:
        others = [i for i in range(len(rows)) if i not in total_rows]
        groups += [([(i, key) for i in others], (total, key)) for key in counts]
    return groups


def hidden_counts(columns, rows) -> list[dict[str, bool]]:
    """Per row, which count cells are hidden: below 5, and then (until nothing changes) a
    second part of every group with a total that has exactly one hidden member."""
    counts = [c.key for c in columns if c.kind == "count"]
    hidden = [
        {k: _is_number(row.get(k)) and is_suppressed(row.get(k)) for k in counts} for row in rows
    ]
    groups = _groups(columns, rows)
    changed = True
    while changed:
        changed = False
        for parts, (t_row, t_key) in groups:
            flags, total = protect_group(
                [rows[r].get(k) for r, k in parts],
                [hidden[r][k] for r, k in parts],
                hidden[t_row][t_key],
            )
            for (r, k), flag in [*zip(parts, flags, strict=True), ((t_row, t_key), total)]:
                if flag and not hidden[r][k]:
                    hidden[r][k] = changed = True
    return hidden


def _derived_is_hidden(column: MonitoringColumn, row: dict, hidden: dict[str, bool]) -> bool:
    if column.derived_from is None:
        counts_hidden = any(hidden.values())
    else:
        counts_hidden = any(hidden.get(k, False) for k in (column.base, *column.derived_from))
    if not column.base:
        return counts_hidden
    return derived_hidden(row.get(column.base), counts_hidden)


def shown_cell(
    column: MonitoringColumn, row: dict, exact: bool, hidden: dict[str, bool] | None = None
) -> Cell:
    """One cell: the raw value of ``row`` under the rule for ``column``; ``hidden``: the row's
    hidden counts (``hidden_counts``), without it only the cell's own count and base count."""
    value = row.get(column.key)
    if column.kind == "label":
        return Cell("" if value is None else str(value))
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return Cell(NONE if value is None else str(value))
    if exact:
        return _number(column, value)
    if hidden is None:
        hidden = {column.key: is_suppressed(value)} if column.kind == "count" else {}
        if column.base and _is_number(row.get(column.base)):
            hidden[column.base] = is_suppressed(row.get(column.base))
    if column.kind == "count":
        if is_suppressed(value):
            return Cell(shown_count(value))
        return Cell(HIDDEN) if hidden.get(column.key) else _number(column, value)
    if _derived_is_hidden(column, row, hidden):
        return Cell(TOO_FEW)
    return _number(column, value)


def shown_table(table: MonitoringTable, municipality, filters: Filters, exact: bool) -> ShownTable:
    data = table.build(municipality, filters.since, filters.until, filters.district_ids)
    hidden = [{}] * len(data.rows) if exact else hidden_counts(data.columns, data.rows)
    rows = tuple(
        tuple(shown_cell(c, row, exact, flags) for c in data.columns)
        for row, flags in zip(data.rows, hidden, strict=True)
    )
    return ShownTable(table.key, str(table.title), tuple(data.columns), rows, str(data.note))


def visible_tables(user, municipality) -> list[MonitoringTable]:
    return [t for t in extensions.monitoring_tables if can(user, t.action, municipality)]


def shows_exact(user, municipality) -> bool:
    return can(user, "view_unsuppressed_aggregates", municipality)


def shown_tables(user, municipality, filters: Filters) -> list[ShownTable]:
    """Every table ``user`` may see, as shown to them."""
    exact = shows_exact(user, municipality)
    return [
        shown_table(t, municipality, filters, exact) for t in visible_tables(user, municipality)
    ]


def suppression_note() -> str:
    return _(
        "Aantallen onder de 5 tonen we als ‘<5’. Een percentage of gemiddelde van minder dan 5 "
        "inwoners of meldingen, of van een aantal dat we niet tonen, tonen we niet: daar staat "
        "‘te weinig’. Bij ‘verborgen’ is het aantal 5 of meer, maar met het totaal zou u er een "
        "aantal onder de 5 mee kunnen uitrekenen. Daarom tonen we het niet."
    )
