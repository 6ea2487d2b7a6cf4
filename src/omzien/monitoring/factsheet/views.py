"""The factsheet's pages (thin): the municipality's factsheet as a page and as a PDF, and the
programme team's list of every municipality's factsheet. Aggregates only, made on demand."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from omzien.core import audit
from omzien.core.models import Municipality, Province
from omzien.core.permissions import municipality_view, national_view
from omzien.monitoring.factsheet.content import NOTE, build_factsheet, figure_columns
from omzien.monitoring.factsheet.pdf import factsheet_pdf

ACTION = "view_factsheet"
PROVINCE_PARAM = "provincie"


def _sections(factsheet) -> list[dict]:
    """Per part, for the template: its header and rows as (text, in a column of figures)."""
    sections = []
    for part in factsheet.parts:
        figures = figure_columns(part)
        sections.append(
            {
                "part": part,
                "header": list(zip(part.header, figures, strict=False)),
                "rows": [list(zip(row, figures, strict=False)) for row in part.rows],
            }
        )
    return sections


@municipality_view(ACTION)
@require_safe
def factsheet_page(request, municipality):
    factsheet = build_factsheet(request.user, municipality)
    return render(
        request,
        "monitoring/factsheet/factsheet.html",
        {
            "municipality": municipality,
            "factsheet": factsheet,
            "sections": _sections(factsheet),
            "note": NOTE,
        },
    )


@municipality_view(ACTION)
@require_safe
def factsheet_download(request, municipality):
    factsheet = build_factsheet(request.user, municipality)
    content = factsheet_pdf(factsheet)
    audit.record(
        "factsheet_downloaded",
        actor=request.user,
        municipality=municipality,
        sections=len(factsheet.parts),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{factsheet.file_name}"'
    response["Cache-Control"] = "no-store"
    return response


@national_view
@require_safe
def national_factsheets(request):
    provinces = list(Province.objects.order_by("name"))
    chosen = request.GET.get(PROVINCE_PARAM, "")
    municipalities = Municipality.objects.select_related("province").order_by("name")
    if chosen in {p.code for p in provinces}:
        municipalities = municipalities.filter(province__code=chosen)
    else:
        chosen = ""
    return render(
        request,
        "monitoring/factsheet/national.html",
        {
            "municipalities": municipalities,
            "provinces": provinces,
            "chosen": chosen,
            "province_param": PROVINCE_PARAM,
        },
    )
