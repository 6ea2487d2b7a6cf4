"""Reading approaches.

A municipality's own approaches (every state) start at ``Approach.objects.visible_to``. A
*published* approach is meant for the staff of every municipality: ``published`` and
``approach_for`` add those, after ``require(user, "view_approaches", municipality)``, and
nothing else of another municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404

from omzien.core.scoping import require
from omzien.monitoring.models import Approach, ApproachState


@dataclass(frozen=True)
class Filters:
    """What the finder asks: a kind of loneliness, a target group, a size class, words."""

    kind: str = ""
    group: str = ""
    size: str = ""
    text: str = ""


def _has(queryset: QuerySet, name: str, code: str) -> QuerySet:
    """Rows whose JSON list ``name`` holds ``code``: a fixed choice value, so a search for the
    quoted code in the list's text is exact on SQLite and PostgreSQL alike."""
    if not code:
        return queryset
    alias = f"_{name}_text"
    return queryset.alias(**{alias: Cast(name, output_field=TextField())}).filter(
        **{f"{alias}__contains": f'"{code}"'}
    )


def published(user, municipality, filters: Filters = Filters()) -> QuerySet[Approach]:
    """Published approaches of every municipality that match the filters, featured first."""
    require(user, "view_approaches", municipality)
    queryset = Approach.objects.filter(state=ApproachState.PUBLISHED).select_related("municipality")
    queryset = _has(queryset, "loneliness_kinds", filters.kind)
    queryset = _has(queryset, "target_groups", filters.group)
    if filters.size:
        queryset = queryset.filter(size_class=filters.size)
    for word in filters.text.split()[:8]:
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(effect_text__icontains=word)
            | Q(municipality__name__icontains=word)
        )
    return queryset.order_by("-featured", "-published_at", "title", "pk")


def own(user, municipality) -> QuerySet[Approach]:
    """The municipality's own approaches that are not published (draft, submitted, returned)."""
    return (
        Approach.objects.visible_to(user, municipality)
        .exclude(state=ApproachState.PUBLISHED)
        .order_by("-updated_at", "-pk")
    )


def approach_for(user, municipality, pk: int) -> Approach:
    """An approach of the municipality the user sees, or a published one of any; else 404."""
    require(user, "view_approaches", municipality)
    visible = Approach.objects.visible_to(user, municipality) | Approach.objects.filter(
        state=ApproachState.PUBLISHED
    )
    return get_object_or_404(visible.select_related("municipality", "initiative"), pk=pk)


def own_approach(user, municipality, pk: int) -> Approach:
    """An approach of the municipality itself (to edit or move), else 404."""
    return get_object_or_404(Approach.objects.visible_to(user, municipality), pk=pk)


def curation_queue() -> QuerySet[Approach]:
    """For the programme (a national page): submitted approaches, oldest first."""
    return (
        Approach.objects.filter(state=ApproachState.SUBMITTED)
        .select_related("municipality")
        .order_by("submitted_at", "pk")
    )


def curated() -> QuerySet[Approach]:
    """For the programme: published and returned approaches, newest first."""
    return (
        Approach.objects.filter(state__in=[ApproachState.PUBLISHED, ApproachState.RETURNED])
        .select_related("municipality")
        .order_by("state", "-featured", "-published_at", "-pk")
    )
