"""Reads of the coalition: every read starts at ``visible_to``. The national list of
partnerships is the programme's, with per partnership the number of municipalities where it is
active locally now."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
    Sector,
)


@dataclass(frozen=True)
class SectorGroup:
    sector: str
    label: str
    members: tuple[CoalitionMember, ...]

    @property
    def count(self) -> int:
        return len(self.members)


def members_for(user, municipality):
    return CoalitionMember.objects.visible_to(user, municipality).select_related("organisation")


def active_members_for(user, municipality):
    return members_for(user, municipality).filter(left_on__isnull=True)


def by_sector(members) -> list[SectorGroup]:
    """Active members grouped by sector, in the order of the sector list; empty sectors out."""
    groups = []
    for value, label in Sector.choices:
        found = tuple(m for m in members if m.sector == value)
        if found:
            groups.append(SectorGroup(value, str(label), found))
    return groups


def kartrekker_for(user, municipality) -> Kartrekker | None:
    return Kartrekker.objects.visible_to(user, municipality).first()


def activities_for(user, municipality):
    return JointActivity.objects.visible_to(user, municipality).prefetch_related("members")


def participations_for(user, municipality):
    return (
        LocalParticipation.objects.visible_to(user, municipality)
        .select_related("partnership")
        .order_by("ended_on", "partnership__name")
    )


def overview(user, municipality) -> dict:
    """Everything the coalition page shows, in a handful of queries."""
    members = list(members_for(user, municipality))
    active = [m for m in members if m.left_on is None]
    return {
        "groups": by_sector(active),
        "active_count": len(active),
        "sector_count": len({m.sector for m in active}),
        "ended": [m for m in members if m.left_on is not None],
        "kartrekker": kartrekker_for(user, municipality),
        "activities": list(activities_for(user, municipality)),
        "participations": list(participations_for(user, municipality)),
    }


def partnerships_with_counts():
    """The programme's list, each with ``municipalities``: how many municipalities take part
    in it today (a participation started and not ended)."""
    today = timezone.localdate()
    running = Q(participations__since__lte=today) & (
        Q(participations__ended_on__isnull=True) | Q(participations__ended_on__gt=today)
    )
    return NationalPartnership.objects.annotate(
        municipalities=Count("participations__municipality", filter=running, distinct=True)
    ).order_by("-active", "name")
