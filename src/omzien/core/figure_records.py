"""The records of the figure registries of ``core.extensions`` (issue 12): figures per
municipality, the monitoring page's tables and the factsheet's sections. Apps import them from
``core.extensions``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MunicipalityFigure:
    """A figure per municipality from an app's own records (issue 12): the benchmark fills in
    answers from it, the programme's national overview sums it.

    ``compute(municipality_ids, since, until)`` returns ``{municipality_id: value}`` for the
    given municipalities (None: all of them) over records from ``since`` (inclusive) to
    ``until`` (exclusive, both dates), in one grouped query; a municipality without records
    may be left out. ``kind``: ``"count"`` (a whole number, shown "<5" below 5), ``"share"``
    (a percentage 0-100), ``"rate"`` (per 1,000 inhabitants), ``"number"`` or ``"mean"``.
    ``base(municipality_ids, since, until)``, optional, returns the number of records a share
    or mean was computed on, so that a figure on fewer than 5 records is not shown.
    ``national``: how the national overview adds municipalities up: ``"sum"``, ``"count"``
    (municipalities with a value above 0), ``"distinct"`` (``national_total`` counts the
    group, e.g. distinct partnerships, which a sum would count once per municipality) or
    ``""`` (not in the national overview).
    ``national_total(municipality_ids, since, until)``, optional (required for
    ``"distinct"``), returns the one figure for a group of municipalities (None: all of
    them): the national and province totals use it instead of adding up."""

    key: str
    label: str
    compute: Callable[..., dict[int, Any]] = field(compare=False)
    kind: str = "count"
    national: str = ""
    base: Callable[..., dict[int, int]] | None = field(default=None, compare=False)
    order: int = 100
    national_total: Callable[..., Any] | None = field(default=None, compare=False)


#: A row of a ``MonitoringTableData`` with this key set to True is the table's total row: each
#: count column's cell in it is the total of the same column in the other rows.
TOTAL_ROW = "_total"


@dataclass(frozen=True)
class MonitoringColumn:
    """A column of a monitoring table. ``kind``: ``"label"`` (text, never suppressed),
    ``"count"`` (shown "<5" below 5 to roles without ``view_unsuppressed_aggregates``),
    ``"share"`` (%, hidden when the count in column ``base`` is below 5), ``"days"``,
    ``"number"`` (hidden like a share when ``base`` is set).

    ``total``: a count column that is the total of other count columns of its row: of
    ``parts`` (column keys), or of every other count column when ``parts`` is empty; one
    hidden part then hides a second one (``core.suppression.protect_group``).
    ``derived_from``: for a share or number, the count columns it is computed from besides
    ``base``; it is hidden when one of them is hidden (``()``: the base only). None (not
    said): it is hidden when any count of its row is hidden (safe when it is not known)."""

    key: str
    label: str
    kind: str = "count"
    base: str = ""
    total: bool = False
    parts: tuple[str, ...] = ()
    derived_from: tuple[str, ...] | None = None


@dataclass(frozen=True)
class MonitoringTableData:
    """What a monitoring table shows: columns and rows of raw values (dicts keyed by column);
    the monitoring app suppresses and formats them. ``note`` says how it was counted."""

    columns: tuple[MonitoringColumn, ...]
    rows: tuple[dict[str, Any], ...]
    note: str = ""


@dataclass(frozen=True)
class MonitoringTable:
    """A table on the municipality's monitoring page, shown to users who may take ``action``:
    ``build(municipality, since, until, district_ids)`` returns a ``MonitoringTableData`` for
    records from ``since`` (inclusive) to ``until`` (exclusive, dates), limited to the
    districts given (None: the whole municipality), with a few grouped queries."""

    key: str
    title: str
    build: Callable[..., MonitoringTableData] = field(compare=False)
    action: str = "view_aggregates"
    order: int = 100


@dataclass(frozen=True)
class FactsheetPart:
    """A section of the factsheet as plain data, so that the page and the PDF show the same:
    paragraphs of text, and a table (``header`` and ``rows`` of shown text, suppression done)."""

    title: str
    paragraphs: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class FactsheetSection:
    """A section of a municipality's factsheet: ``build(user, municipality)`` returns a
    ``FactsheetPart`` with aggregates only, or None when there is nothing to say."""

    key: str
    build: Callable[..., FactsheetPart | None] = field(compare=False)
    order: int = 100
