"""The programme figures of support requests (core.extensions ``municipality_figures``):
``support_requests`` (asked in the period) and ``support_requests_closed`` (closed with what
was done in the period), per municipality in one grouped query, summed nationally."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.monitoring.models import SupportRequest
from omzien.monitoring.support.workflow import SupportState


def _moment(day: dt.date) -> dt.datetime:
    """The start of a day, Dutch local time (the figures' periods are dates)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _count(municipality_ids, field: str, since: dt.date, until: dt.date, **where) -> dict:
    requests = SupportRequest.objects.filter(
        **{f"{field}__gte": _moment(since), f"{field}__lt": _moment(until)}, **where
    )
    if municipality_ids is not None:
        requests = requests.filter(municipality_id__in=list(municipality_ids))
    rows = requests.values("municipality_id").annotate(n=Count("pk")).order_by()
    return {row["municipality_id"]: row["n"] for row in rows}


def requests_made(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    return _count(municipality_ids, "created_at", since, until)


def requests_closed(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    return _count(municipality_ids, "closed_at", since, until, state=SupportState.CLOSED)


def register() -> None:
    extensions.municipality_figures.register(
        extensions.MunicipalityFigure(
            "support_requests",
            _("Ondersteuningsvragen aan het programma"),
            requests_made,
            kind="count",
            national="sum",
            order=160,
        )
    )
    extensions.municipality_figures.register(
        extensions.MunicipalityFigure(
            "support_requests_closed",
            _("Ondersteuningsvragen afgerond"),
            requests_closed,
            kind="count",
            national="sum",
            order=161,
        )
    )
