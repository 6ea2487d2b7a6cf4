"""The programme's benchmark overview (issue 12, item 2): every submitted municipality's scores
per pillar of a year in a sortable table, the figures per province and size class (a group
below 5 municipalities shows "te weinig gemeenten") and the country, and the same table as CSV
and XLSX. One query for the year's scores (``comparison.year_scores``)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omzien.benchmark.models import Pillar, Questionnaire
from omzien.benchmark.results.comparison import (
    FEW_MUNICIPALITIES,
    PILLARS,
    Entry,
    Group,
    YearScores,
    size_class_label,
    year_scores,
)
from omzien.benchmark.results.views import chosen_year, decimal
from omzien.core.models import Municipality
from omzien.core.permissions import national_view
from omzien.core.suppression import MIN_GROUP, shown_count

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SORT_KEYS = ("name", "province", "size", *(str(p) for p in PILLARS), "mean")


def _sort_value(entry: Entry, key: str):
    if key == "province":
        return (entry.province, entry.name)
    if key == "size":
        return (entry.inhabitants or 0, entry.name)
    if key == "mean":
        return (entry.mean if entry.mean is not None else -1, entry.name)
    if key.isdigit():
        return (entry.scores.get(int(key), -1), entry.name)
    return (entry.name,)


def sorted_entries(entries: list[Entry], key: str, descending: bool) -> list[Entry]:
    return sorted(entries, key=lambda e: _sort_value(e, key), reverse=descending)


def headers(key: str, descending: bool, year: int) -> list[dict]:
    """The table's headers, each a link that sorts by it (again: the other way)."""
    labels = dict(Pillar.choices)
    columns = [
        ("name", _("Gemeente")),
        ("province", _("Provincie")),
        ("size", _("Grootteklasse")),
        *((str(p), f"{p}. {labels[p]}") for p in PILLARS),
        ("mean", _("Gemiddeld")),
    ]
    result = []
    for column, label in columns:
        current = column == key
        down = not descending if current else column not in ("name", "province")
        result.append(
            {
                "label": label,
                "numeric": column not in ("name", "province", "size"),
                "query": f"?jaar={year}&sorteer={column}&volgorde={'af' if down else 'op'}",
                "aria": ("descending" if descending else "ascending") if current else "",
            }
        )
    return result


def entry_cells(entry: Entry) -> list[str]:
    return [
        entry.name,
        entry.province or "–",
        size_class_label(entry.size),
        *(decimal(entry.scores.get(p)) for p in PILLARS),
        decimal(entry.mean),
    ]


def group_cells(group: Group) -> list[str]:
    if group.suppressed:
        return [str(FEW_MUNICIPALITIES)] * len(PILLARS)
    return [decimal(group.pillars[p].mean) for p in PILLARS]


def aggregates(scores: YearScores) -> dict[str, list[dict]]:
    def rows(groups: list[Group]) -> list[dict]:
        return [
            {"label": g.label, "count": shown_count(g.count, MIN_GROUP), "cells": group_cells(g)}
            for g in groups
        ]

    return {
        "province": rows(scores.groups_by("province")),
        "size": rows(scores.groups_by("size")),
        "country": rows([scores.country()]),
    }


def _year(request):
    years = list(Questionnaire.objects.order_by("-year").values_list("year", flat=True))
    year, message = chosen_year(request, years, years[0] if years else None)
    return years, year, message


@national_view
@require_safe
def overview(request):
    """``landelijk/benchmark/resultaten/?jaar=&sorteer=&volgorde=``."""
    years, year, message = _year(request)
    key = request.GET.get("sorteer", "name")
    key = key if key in SORT_KEYS else "name"
    descending = request.GET.get("volgorde") == "af"
    scores = year_scores(year) if year else YearScores(0, [])
    context = {
        "years": years,
        "year": year,
        "message": message,
        "headers": headers(key, descending, year or 0),
        "rows": [entry_cells(e) for e in sorted_entries(scores.entries, key, descending)],
        "submitted": len(scores.entries),
        "municipalities": Municipality.objects.count(),
        "aggregates": aggregates(scores),
        "pillar_labels": [f"{p}. {label}" for p, label in Pillar.choices],
    }
    return render(request, "benchmark/results/national.html", context)


def export_header() -> list[str]:
    labels = dict(Pillar.choices)
    return [
        _("Gemeente"),
        _("CBS-code"),
        _("Provincie"),
        _("Inwoners"),
        _("Grootteklasse"),
        *(f"{p}. {labels[p]}" for p in PILLARS),
        _("Gemiddeld"),
    ]


def export_rows(scores: YearScores) -> list[list]:
    """Per municipality, numbers as numbers (None where a pillar has no score)."""
    return [
        [
            e.name,
            e.code,
            e.province,
            e.inhabitants,
            size_class_label(e.size),
            *(e.scores.get(p) for p in PILLARS),
            e.mean,
        ]
        for e in scores.entries
    ]


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return decimal(value)
    return str(value)


@national_view
@require_safe
def overview_csv(request):
    """The overview's table as CSV (semicolons, decimal commas: Dutch spreadsheets)."""
    _years, year, _message = _year(request)
    scores = year_scores(year) if year else YearScores(0, [])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(export_header())
    for row in export_rows(scores):
        writer.writerow([_csv_value(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="benchmark-{year}.csv"'
    return response


@national_view
@require_safe
def overview_xlsx(request):
    """The overview's table as a worksheet."""
    from openpyxl import Workbook

    _years, year, _message = _year(request)
    scores = year_scores(year) if year else YearScores(0, [])
    book = Workbook()
    sheet = book.active
    sheet.title = f"Benchmark {year}"
    sheet.append(export_header())
    for row in export_rows(scores):
        sheet.append(row)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="benchmark-{year}.xlsx"'
    return response
