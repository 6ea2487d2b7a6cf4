"""The municipality's monitoring page and its export (issue 12, item 4). Thin views: the
filters come from ``filters``, the cells from ``tables``, the files from ``exports``."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from omzien.core import audit
from omzien.core.permissions import municipality_view
from omzien.monitoring.dashboard import exports, tables
from omzien.monitoring.dashboard.filters import read_filters

FORMATS = ("csv", "xlsx")


def _page(request, municipality, form, filters, *, format_error: str = ""):
    shown = tables.shown_tables(request.user, municipality, filters) if filters else []
    query = request.GET.copy()
    query.pop("formaat", None)
    return render(
        request,
        "monitoring/dashboard/monitoring.html",
        {
            "municipality": municipality,
            "form": form,
            "filters": filters,
            "tables": shown,
            "exact": tables.shows_exact(request.user, municipality),
            "suppression_note": tables.suppression_note(),
            "query": query.urlencode(),
            "format_error": format_error,
        },
    )


@municipality_view("view_monitoring")
@require_safe
def view_monitoring(request, municipality):
    form, filters = read_filters(municipality, request.GET)
    return _page(request, municipality, form, filters)


@municipality_view("view_monitoring")
@require_safe
def export_monitoring(request, municipality):
    """CSV (default) or XLSX of every table on the page, for the same filters; bad filters
    show the page with the message instead of a file."""
    form, filters = read_filters(municipality, request.GET)
    chosen = request.GET.get("formaat", "csv")
    if filters is None or chosen not in FORMATS:
        error = "" if chosen in FORMATS else "Kies CSV of Excel (XLSX) als formaat."
        return _page(request, municipality, form, filters, format_error=error)
    shown = tables.shown_tables(request.user, municipality, filters)
    audit.record(
        "monitoring_exported",
        actor=request.user,
        municipality=municipality,
        formaat=chosen,
        tabellen=[t.key for t in shown],
        **filters.audit(),
    )
    respond = exports.csv_response if chosen == "csv" else exports.xlsx_response
    return respond(municipality, filters, shown)
