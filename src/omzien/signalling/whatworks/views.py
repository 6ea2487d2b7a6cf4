"""The what-works page and its CSV export (issue 9, item 6): figures only, for coordinators
and policy staff (permission ``view_what_works``); the figures come from ``figures.py``."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from omzien.assessment.scales import INSTRUMENTS
from omzien.core.permissions import municipality_view
from omzien.core.suppression import MIN_SHOWN
from omzien.signalling.whatworks import figures

#: The query parameter that picks the instrument whose scores are compared.
INSTRUMENT_PARAM = "meetinstrument"


def _figures(request, municipality) -> figures.WhatWorks:
    asked = request.GET.get(INSTRUMENT_PARAM)
    return figures.what_works(request.user, municipality, asked if asked in INSTRUMENTS else None)


@municipality_view("view_what_works")
def what_works(request, municipality):
    result = _figures(request, municipality)
    return render(
        request,
        "signalling/whatworks/what_works.html",
        {
            "municipality": municipality,
            "figures": result,
            "min_count": MIN_SHOWN,
            "follow_up_days": figures.FOLLOW_UP_DAYS,
            "instrument_param": INSTRUMENT_PARAM,
            "instrument_choices": [(key, INSTRUMENTS[key].name) for key in result.instruments],
        },
    )


@municipality_view("view_what_works")
def what_works_csv(request, municipality):
    """The same figures, the same suppression; semicolons and decimal commas (Dutch Excel),
    UTF-8 with a byte order mark so that Excel reads the accents."""
    result = _figures(request, municipality)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(figures.csv_header())
    writer.writerows(figures.csv_rows(result))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="wat-werkt-{municipality.slug}-{result.instrument}-{stamp}.csv"'
    )
    return response
