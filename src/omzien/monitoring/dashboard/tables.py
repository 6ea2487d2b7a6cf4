"""The monitoring page's tables as shown (issue 12, item 4): every registered
``MonitoringTable`` the user may see, built for the filters and suppressed with the one rule
(core/suppression.py). The page, the CSV and the XLSX all read these, so they say the same.

For roles without ``view_unsuppressed_aggregates``: a count below 5 shows ``"<5"``; a share,
number or days whose ``base`` column is below 5 shows ``"te weinig"``. Aggregates only."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from omzien.core import extensions
from omzien.core.figure_records import MonitoringColumn, MonitoringTable
from omzien.core.scoping import can
from omzien.core.suppression import FEW, is_suppressed, shown_count
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
        return self.text in (FEW, TOO_FEW)


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


def shown_cell(column: MonitoringColumn, row: dict, exact: bool) -> Cell:
    """One cell: the raw value of ``row`` under the rule for ``column``."""
    value = row.get(column.key)
    if column.kind == "label":
        return Cell("" if value is None else str(value))
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return Cell(NONE if value is None else str(value))
    if exact:
        return _number(column, value)
    if column.kind == "count":
        return _number(column, value) if not is_suppressed(value) else Cell(shown_count(value))
    if column.base:
        base = row.get(column.base)
        if not isinstance(base, int | float) or is_suppressed(base):
            return Cell(TOO_FEW)
    return _number(column, value)


def shown_table(table: MonitoringTable, municipality, filters: Filters, exact: bool) -> ShownTable:
    data = table.build(municipality, filters.since, filters.until, filters.district_ids)
    rows = tuple(tuple(shown_cell(c, row, exact) for c in data.columns) for row in data.rows)
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
        "inwoners of meldingen tonen we niet: daar staat ‘te weinig’."
    )
