"""Assigning a round's addresses to volunteers ("Verdeel").

Per district, the unassigned addresses still to visit go to the volunteers who serve that
district and may visit (``Volunteer.may_visit`` on the round's first day or today, whichever
is later), in proportion to their visits per week (largest remainder: each volunteer gets
their fair share rounded down or up, never further off than one address), in walking-order
blocks: the district's addresses sorted by postcode, number, letter and addition are cut
into consecutive pieces, so one volunteer walks one street. Objection, deceased and done
addresses are never assigned; addresses in a district without such volunteers (or without a
district) stay unassigned and are reported.

One query reads the addresses (ids and districts only); the write is one ``UPDATE ... WHERE
id IN (...)`` per volunteer and batch (see ``_write``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.scoping import require
from omzien.visits.models import VisitAddress, VisitRound, Volunteer

#: The order in which a volunteer walks their addresses (the door list uses the same).
WALKING_ORDER = ("postcode", "house_number", "house_letter", "addition", "pk")
#: Addresses per UPDATE statement of the write (below SQLite's old limit of 999 parameters).
BATCH_SIZE = 500


@dataclass
class Distribution:
    """What one "Verdeel" did: how many addresses went to how many volunteers, and how many
    stayed unassigned per district (``None``: addresses without a district)."""

    assigned: int = 0
    volunteers: int = 0
    left: dict[int | None, int] = field(default_factory=dict)


def visit_day(round: VisitRound) -> dt.date:
    """The day on which a volunteer must be allowed to visit to get addresses of the round:
    the round's first day, or today if the round already started."""
    return max(round.starts_on, timezone.localdate())


def shares(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, ties to the first):
    every part is its exact share rounded down or up, and the parts add up to ``total``."""
    whole = sum(weights)
    if whole <= 0:
        return [0] * len(weights)
    parts = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(parts)]:
        parts[i] += 1
    return parts


def plan(
    addresses: list[tuple[int, int | None]],
    serving: dict[int, list[tuple[int, int]]],
) -> tuple[dict[int, list[int]], dict[int | None, int]]:
    """Pure planning. ``addresses``: (address id, district id) in walking order;
    ``serving``: district id -> [(volunteer id, visits per week)] of volunteers who may
    visit. Returns volunteer id -> address ids, and district id -> addresses left over."""
    by_district: dict[int | None, list[int]] = defaultdict(list)
    for pk, district in addresses:
        by_district[district].append(pk)
    given: dict[int, list[int]] = defaultdict(list)
    left: dict[int | None, int] = {}
    for district, pks in by_district.items():
        team = serving.get(district, []) if district is not None else []
        parts = shares(len(pks), [weight for _pk, weight in team])
        if not team or sum(parts) == 0:
            left[district] = len(pks)
            continue
        start = 0
        for (volunteer, _weight), part in zip(team, parts, strict=True):
            given[volunteer].extend(pks[start : start + part])
            start += part
    return dict(given), left


def serving_volunteers(municipality, on: dt.date) -> dict[int, list[tuple[int, int]]]:
    """District id -> [(volunteer id, visits per week)] of the volunteers who serve it and
    may visit on ``on``, in a fixed order (by id)."""
    serving: dict[int, list[tuple[int, int]]] = defaultdict(list)
    found = (
        Volunteer.objects.filter(municipality=municipality, visits_per_week__gt=0)
        .may_visit(on)
        .prefetch_related("districts")
    )
    for volunteer in found.order_by("pk"):
        for district in volunteer.districts.all():
            serving[district.pk].append((volunteer.pk, volunteer.visits_per_week))
    return dict(serving)


def _write(given: dict[int, list[int]]) -> None:
    """One UPDATE per volunteer (per ``BATCH_SIZE`` addresses): ``SET volunteer_id = v WHERE
    id IN (...)``. Measured faster than ``bulk_update``, whose ``CASE WHEN id = ...`` per
    batch grows with the square of the batch (docs/visits-volunteers.md)."""
    for volunteer, pks in given.items():
        for start in range(0, len(pks), BATCH_SIZE):
            VisitAddress.objects.filter(pk__in=pks[start : start + BATCH_SIZE]).update(
                volunteer_id=volunteer
            )


@transaction.atomic
def distribute(*, actor, round: VisitRound) -> Distribution:
    """Give the round's unassigned addresses still to visit to its volunteers (see the
    module's docstring). The round is locked, so two clicks never assign twice."""
    require(actor, "manage_volunteers", round)
    locked = VisitRound.objects.select_for_update().get(pk=round.pk)
    if locked.status == VisitRound.Status.CLOSED:
        raise ValidationError(_("Een gesloten ronde kan niet meer worden verdeeld."))
    addresses = list(
        VisitAddress.objects.filter(
            round=locked, volunteer__isnull=True, status=VisitAddress.Status.TO_VISIT
        )
        .order_by(*WALKING_ORDER)
        .values_list("pk", "district_id")
    )
    given, left = plan(addresses, serving_volunteers(locked.municipality, visit_day(locked)))
    _write(given)
    outcome = Distribution(
        assigned=sum(len(pks) for pks in given.values()),
        volunteers=sum(1 for pks in given.values() if pks),
        left=left,
    )
    audit.record(
        "visit_addresses_distributed",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        assigned=outcome.assigned,
        volunteers=outcome.volunteers,
        left=sum(left.values()),
    )
    return outcome
