"""Factories of the coalition (issue 12): members, the kartrekker, activities, national
partnerships and local participations, stored directly (the services are tested through the
pages)."""

from __future__ import annotations

import datetime as dt
import itertools

from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
    Sector,
)

_numbers = itertools.count(1)


def coalition_member(municipality, *, sector=Sector.WELFARE, joined_on=dt.date(2025, 1, 1),
                     left_on=None, name=None) -> CoalitionMember:  # fmt: skip
    return CoalitionMember.objects.create(
        municipality=municipality,
        name=name or f"Organisatie {next(_numbers)}",
        sector=sector,
        commitments="Doet mee.",
        joined_on=joined_on,
        left_on=left_on,
    )


def kartrekker(municipality, hours="16") -> Kartrekker:
    return Kartrekker.objects.create(
        municipality=municipality,
        name="Kim Kartrekker",
        organisation_name="Welzijn",
        hours_per_week=hours,
    )


def joint_activity(municipality, *members, held_on=dt.date(2025, 10, 1), week=False):
    activity = JointActivity.objects.create(
        municipality=municipality,
        title="Open tafel",
        held_on=held_on,
        in_week_against_loneliness=week,
    )
    activity.members.set(members)
    return activity


def partnership(name=None, *, active=True) -> NationalPartnership:
    return NationalPartnership.objects.create(
        name=name or f"Partnerschap {next(_numbers)}", sector=Sector.RETAIL, active=active
    )


def participation(municipality, partner, *, since=dt.date(2025, 1, 1), ended_on=None):
    return LocalParticipation.objects.create(
        municipality=municipality,
        partnership=partner,
        since=since,
        ended_on=ended_on,
        collaboration="Praatkassa in de supermarkt.",
    )
