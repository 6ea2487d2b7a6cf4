"""Public pages of the social map (issue 9): the iCalendar feeds of a municipality's
published initiatives, and of one initiative. No login, no cookies needed."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from omzien.core.models import Municipality
from omzien.socialmap import agenda
from omzien.socialmap.choices import Status
from omzien.socialmap.models import Event, Initiative


def _published_events(municipality: Municipality):
    return Event.objects.filter(
        municipality=municipality, initiative__status=Status.PUBLISHED
    ).select_related("initiative")


def _ics(cal, filename: str) -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def municipality_feed(request, municipality_slug: str):
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    cal = agenda.feed(_published_events(municipality), f"Activiteiten {municipality.name}")
    return _ics(cal, f"activiteiten-{municipality.slug}.ics")


@require_GET
def initiative_feed(request, municipality_slug: str, pk: int):
    municipality = get_object_or_404(Municipality, slug=municipality_slug)
    initiative = Initiative.objects.filter(
        municipality=municipality, pk=pk, status=Status.PUBLISHED
    ).first()
    if initiative is None:
        raise Http404
    events = _published_events(municipality).filter(initiative=initiative)
    return _ics(agenda.feed(events, initiative.name), f"initiatief-{initiative.pk}.ics")
