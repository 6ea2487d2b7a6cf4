"""The progress page of a round, its CSV export and the district report (issue 11, item 6):
for the coordinator (exact counts) and policy staff (counts below 5 as "<5")."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core.permissions import municipality_view
from omzien.core.suppression import MIN_SHOWN
from omzien.visits.progress import queries

#: The query parameter that chooses the district of the report.
DISTRICT_PARAM = "wijk"


@municipality_view("view_visit_progress")
def progress_page(request, municipality, pk: int):
    round = queries.round_of(request.user, municipality, pk)
    result = queries.progress_for(request.user, round)
    return render(
        request,
        "visits/progress/progress.html",
        {
            "municipality": municipality,
            "round": round,
            "progress": result,
            "min_count": MIN_SHOWN,
        },
    )


@municipality_view("view_visit_progress")
def progress_csv(request, municipality, pk: int):
    """The same table, the same suppression; semicolons (Dutch Excel), UTF-8 with a byte
    order mark so that Excel reads the accents."""
    round = queries.round_of(request.user, municipality, pk)
    result = queries.progress_for(request.user, round, action="visit_progress_exported")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Wijk"), *result.headers()])
    for row, cells in result.table():
        writer.writerow([row.name, *cells])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="voortgang-huisbezoeken-{round.pk}-{stamp}.csv"'
    )
    return response


@municipality_view("view_visit_progress")
def district_report(request, municipality, pk: int):
    round = queries.round_of(request.user, municipality, pk)
    districts = queries.districts_of(round)
    asked = request.GET.get(DISTRICT_PARAM, "").strip()
    chosen = next((d for d in districts if str(d.pk) == asked), None)
    error = _("Kies een wijk uit de lijst.") if asked and chosen is None else ""
    result = queries.district_report_for(request.user, round, chosen) if chosen else None
    return render(
        request,
        "visits/progress/district_report.html",
        {
            "municipality": municipality,
            "round": round,
            "districts": districts,
            "chosen": chosen,
            "error": error,
            "report": result,
            "district_param": DISTRICT_PARAM,
            "min_count": MIN_SHOWN,
        },
        status=400 if error else 200,
    )
