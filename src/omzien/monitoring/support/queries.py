"""Reading support requests: the municipality's own (through the scoping layer), and the
programme's queue over every municipality (a national page)."""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.shortcuts import get_object_or_404

from omzien.core.scoping import require
from omzien.monitoring.models import SupportRequest
from omzien.monitoring.support.workflow import OPEN_STATES


def own_requests(user, municipality):
    require(user, "request_support", municipality)
    return SupportRequest.objects.visible_to(user, municipality).order_by("-created_at", "-pk")


def own_request(user, municipality, pk: int) -> SupportRequest:
    require(user, "request_support", municipality)
    return get_object_or_404(
        SupportRequest.objects.visible_to(user, municipality).select_related("assignee"), pk=pk
    )


def queue(*, state: str = "", kind: str = ""):
    """Every municipality's requests for the programme: open ones first, oldest first."""
    requests = SupportRequest.objects.select_related("municipality", "assignee")
    if state:
        requests = requests.filter(state=state)
    if kind:
        requests = requests.filter(kind=kind)
    still_open = Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1))
    return requests.order_by(still_open, "created_at", "pk")


def history(request: SupportRequest):
    return request.events.select_related("actor").order_by("at", "pk")
