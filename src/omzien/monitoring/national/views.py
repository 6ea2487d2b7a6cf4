"""The programme's national monitoring overview, its export and the entry of figures only
people know (issue 12, item 4). Pages of the programme team (``national_view``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omzien.core import audit
from omzien.core.permissions import national_view
from omzien.core.scoping import can
from omzien.monitoring.models import ProgrammeFigure
from omzien.monitoring.national import exports, figures, services
from omzien.monitoring.national.forms import FIRST_YEAR, SUGGESTED, ProgrammeFigureForm


def read_year(query) -> tuple[int, str, str]:
    """(year, what was typed, Dutch message or "") from ``?jaar=``; the current year by
    default and after bad input."""
    current = timezone.localdate().year
    typed = query.get("jaar", "").strip()
    if not typed:
        return current, "", ""
    if typed.isdigit() and FIRST_YEAR <= int(typed) <= current + 1:
        return int(typed), typed, ""
    message = _("Kies een jaar van {first} tot en met {last}. We tonen nu {year}.").format(
        first=FIRST_YEAR, last=current + 1, year=current
    )
    return current, typed, message


def _headers(result: figures.Overview, key: str, descending: bool) -> list[dict]:
    columns = [("naam", _("Gemeente")), *((f.key, str(f.label)) for f in result.figures)]
    headers = []
    for column, label in columns:
        current = column == key
        down = not descending if current else column != "naam"
        headers.append(
            {
                "label": label,
                "query": f"?jaar={result.year}&sorteer={column}&volgorde={'af' if down else 'op'}",
                "aria": ("descending" if descending else "ascending") if current else "",
            }
        )
    return headers


@national_view
@require_safe
def national_monitoring(request):
    year, typed, error = read_year(request.GET)
    result = figures.overview(year)
    key = request.GET.get("sorteer", "naam")
    descending = request.GET.get("volgorde") == "af"
    figures.sort_rows(result, key, descending)
    context = {
        "result": result,
        "typed_year": typed or year,
        "year_error": error,
        "headers": _headers(result, key, descending),
        "may_enter": can(request.user, "enter_programme_figures", None),
    }
    return render(request, "monitoring/national/overview.html", context)


@national_view
@require_safe
def national_monitoring_export(request):
    year, _typed, _error = read_year(request.GET)
    chosen = request.GET.get("formaat", "csv")
    result = figures.overview(year)
    audit.record("national_monitoring_exported", actor=request.user, jaar=year, formaat=chosen)
    if chosen == "xlsx":
        return exports.xlsx_response(result)
    return exports.csv_response(result)


@national_view
def enter_programme_figures(request):
    if not can(request.user, "enter_programme_figures", None):
        raise PermissionDenied
    form = ProgrammeFigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        figure, created = services.enter_programme_figure(
            request.user,
            year=data["year"],
            label=data["label"],
            value=data["value"],
            source=data["source"],
            note=data.get("note", ""),
        )
        messages.success(
            request,
            (_("Opgeslagen: {label} {year}.") if created else _("Bijgewerkt: {label} {year}."))
            .format(label=figure.label, year=figure.year),
        )  # fmt: skip
        return redirect(f"{request.path}?jaar={figure.year}")
    year, _typed, _error = read_year(request.GET)
    context = {
        "form": form,
        "suggested": SUGGESTED,
        "year": year,
        "entered": ProgrammeFigure.objects.filter(year=year).order_by("label"),
    }
    return render(request, "monitoring/national/enter.html", context)
