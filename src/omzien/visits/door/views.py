"""The volunteer's phone pages: their addresses in walking order (the visit form follows)."""

from __future__ import annotations

from django.shortcuts import render

from omzien.core.permissions import municipality_view
from omzien.visits.door import queries
from omzien.visits.scoping_rules import current_volunteer


@municipality_view("record_visit")
def my_addresses(request, municipality):
    volunteer = current_volunteer(request.user, municipality)
    return render(
        request,
        "visits/door/my_addresses.html",
        {
            "municipality": municipality,
            "volunteer": volunteer,
            "addresses": queries.my_addresses(request.user, municipality),
        },
    )
