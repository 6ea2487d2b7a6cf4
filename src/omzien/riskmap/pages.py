"""The municipality's risk map pages (issue 10, item 5): the map with its table, the CSV and
XLSX exports of the same table, and a district page with its figures, their sources and how
they were computed. Thin views: the figures come from ``exports.build_table`` (which reads
``indicators.district_indicators`` and ``blindspots.blind_spots``). Aggregates only, for the
roles with ``view_riskmap`` (coordinator, policy, programme)."""

from __future__ import annotations

from html import escape

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.core.suppression import MIN_SHOWN
from omzien.riskmap import exports
from omzien.riskmap.blindspots import MIN_LOWER
from omzien.riskmap.indicators import last_twelve_months

#: The query parameter of the indicator the map shows (without JavaScript too).
INDICATOR_PARAM = "indicator"
DEFAULT_INDICATOR = "severe_pct"

#: The model's inputs in words (estimate/standardise.py).
INPUT_LABELS = {
    "aantal_inwoners": "aantal inwoners",
    "pct_0_15": "% inwoners 0 tot 15 jaar",
    "pct_15_25": "% inwoners 15 tot 25 jaar",
    "pct_25_45": "% inwoners 25 tot 45 jaar",
    "pct_45_65": "% inwoners 45 tot 65 jaar",
    "pct_65plus": "% inwoners 65 jaar en ouder",
    "pct_75plus": "% inwoners 75 jaar en ouder",
    "huishoudens": "aantal huishoudens",
    "pct_eenpersoonshhd": "% eenpersoonshuishoudens",
}

KEY_FIGURES = ("inhabitants", "pct_65plus", "pct_75plus", "pct_single", "pct_low_income")
SHOWN_PARTS = ("pct", "pct_margin", "count", "count_margin", "kind")


def _district_urls(municipality, table: exports.Table) -> dict[str, str]:
    return {
        row.code: reverse("riskmap:district", args=[municipality.slug, row.code])
        for row in table.rows
    }


def _cell_html(key: str, numeric: bool, cell: exports.Cell) -> str:
    """One ``<td>`` of the table: its sort value (``data-sort``) and its class (numbers right,
    unknown and suppressed muted), escaped as the template would (``html.escape``, which
    Django's ``escape`` calls). Written here, not in the template: at 111 districts and 30
    columns the template's tags per cell cost most of the page's time (docs/benchmarks.md)."""
    attrs = f' data-key="{escape(key)}"'
    if cell.value is not None:
        attrs += f' data-sort="{cell.value:.6f}"'
    elif not numeric and cell.text != exports.UNKNOWN:
        attrs += f' data-sort="{escape(cell.text)}"'
    if numeric:
        muted = " riskmap-muted" if cell.value is None else ""
        attrs += f' class="omzien-num{muted}"'
    elif cell.text == exports.UNKNOWN:
        attrs += ' class="riskmap-muted"'
    return f"<td{attrs}>{escape(cell.text)}</td>"


def _lines(table: exports.Table, urls: dict[str, str]) -> list[tuple]:
    """Per row: the row, its district page, its first cell (the name) and the HTML of the
    other cells, every text escaped."""
    first, *rest = table.columns
    return [
        (
            row,
            urls[row.code],
            row.cells[first.key],
            mark_safe(  # noqa: S308 - every text and key is escaped in _cell_html
                "".join(_cell_html(c.key, c.numeric, row.cells[c.key]) for c in rest)
            ),
        )
        for row in table.rows
    ]


@municipality_view("view_riskmap")
def risk_map(request, municipality):
    table = exports.build_table(municipality)
    urls = _district_urls(municipality, table)
    choices = table.map_columns()
    asked = request.GET.get(INDICATOR_PARAM)
    chosen = asked if asked in {c.key for c in choices} else DEFAULT_INDICATOR
    return render(
        request,
        "riskmap/map.html",
        {
            "municipality": municipality,
            "table": table,
            "lines": _lines(table, urls),
            "urls": urls,
            "choices": choices,
            "chosen": chosen,
            "indicator_param": INDICATOR_PARAM,
            "map_data": exports.map_data(table, urls),
            "unknown": exports.UNKNOWN,
            "min_count": MIN_SHOWN,
            "period": last_twelve_months(),
            "can_import": can(request.user, "import_riskmap_survey", municipality),
        },
    )


@municipality_view("view_riskmap")
def risk_map_csv(request, municipality):
    return exports.csv_response(exports.build_table(municipality), municipality)


@municipality_view("view_riskmap")
def risk_map_xlsx(request, municipality):
    return exports.xlsx_response(exports.build_table(municipality), municipality)


def _inputs(names) -> list[str]:
    return [_(INPUT_LABELS.get(name, name)) for name in names]


def _loneliness_source(shown) -> dict | None:
    if shown is None:
        return None
    return {
        "kind": exports.kind_label(shown),
        "source": shown.source,
        "is_model": shown.kind != "gemeten",
        "used": _inputs(shown.inputs_used),
        "missing": _inputs(shown.inputs_missing),
    }


@municipality_view("view_riskmap")
def district(request, municipality, district_code: str):
    table = exports.build_table(municipality)
    row = next((r for r in table.rows if r.code == district_code), None)
    if row is None:
        raise Http404
    figures = table.indicators[row.code]
    by_key = {c.key: (c.label, row.cells[c.key]) for c in table.columns}
    return render(
        request,
        "riskmap/district.html",
        {
            "municipality": municipality,
            "row": row,
            "key_figures": [by_key[k] for k in KEY_FIGURES],
            "loneliness": [
                (
                    _("Eenzame volwassenen"),
                    [by_key[f"lonely_{k}"] for k in SHOWN_PARTS],
                    _loneliness_source(figures.lonely),
                    "district-lonely",
                ),
                (
                    _("Ernstig eenzame volwassenen"),
                    [by_key[f"severe_{k}"] for k in SHOWN_PARTS],
                    _loneliness_source(figures.severely_lonely),
                    "district-severe",
                ),
            ],
            "record_cells": [by_key[k] for k, _label in exports.record_columns()],
            "rate": by_key["rate"],
            "rank": by_key["rank"],
            "figures": figures,
            "min_count": MIN_SHOWN,
            "min_lower": MIN_LOWER,
            "period": last_twelve_months(),
        },
    )
