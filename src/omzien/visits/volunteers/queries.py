"""The coordinator's reads about volunteers and assignment. Every read starts from the
scoping layer; lists of addresses (personal data of residents) are audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from omzien.core import audit
from omzien.core.models import District, Membership, User
from omzien.core.roles import Role
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
from omzien.visits.volunteers.assignment import WALKING_ORDER, visit_day

#: A VOG that ends within this many days is shown as "verloopt binnenkort".
VOG_WARNING_DAYS = 30
#: At most this many unassigned addresses are listed on the distribution page.
LISTED = 200

OPEN = Q(addresses__status=VisitAddress.Status.TO_VISIT) & ~Q(
    addresses__round__status=VisitRound.Status.CLOSED
)


def vog_status(volunteer: Volunteer, today: dt.date | None = None) -> str:
    """``none``, ``expired``, ``expiring`` (within ``VOG_WARNING_DAYS``) or ``valid``."""
    today = today or timezone.localdate()
    if volunteer.vog_valid_until is None:
        return "none"
    if volunteer.vog_valid_until < today:
        return "expired"
    if volunteer.vog_valid_until <= today + dt.timedelta(days=VOG_WARNING_DAYS):
        return "expiring"
    return "valid"


def volunteers_for(user, municipality) -> QuerySet[Volunteer]:
    """The municipality's volunteers with their number of open addresses."""
    return (
        Volunteer.objects.visible_to(user, municipality)
        .select_related("user")
        .prefetch_related("districts")
        .annotate(open_addresses=Count("addresses", filter=OPEN))
        .order_by("user__last_name", "user__first_name", "pk")
    )


def candidates_for(user, municipality) -> QuerySet[User]:
    """People with the volunteer role here who are not registered as volunteers yet."""
    holders = Membership.objects.visible_to(user, municipality).filter(role=Role.VOLUNTEER)
    registered = Volunteer.objects.visible_to(user, municipality).values("user_id")
    return (
        User.objects.filter(pk__in=holders.values("user_id"))
        .exclude(pk__in=registered)
        .order_by("last_name", "first_name", "pk")
    )


def receivers_for(user, municipality, on: dt.date, *, besides=None) -> QuerySet[Volunteer]:
    """Volunteers who may visit on ``on`` (and are not ``besides``)."""
    allowed = Volunteer.objects.visible_to(user, municipality).may_visit(on)
    if besides is not None:
        allowed = allowed.exclude(pk=besides.pk)
    return (
        allowed.select_related("user")
        .prefetch_related("districts")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def own_record(user, municipality) -> Volunteer | None:
    """The user's own volunteer record here, if any (a volunteer sees only their own)."""
    return (
        Volunteer.objects.visible_to(user, municipality)
        .filter(user=user)
        .prefetch_related("districts")
        .first()
    )


def audited_list(user, municipality, addresses, obj) -> list[VisitAddress]:
    found = list(addresses)
    if found:
        audit.record(
            "visit_addresses_listed",
            actor=user,
            municipality=municipality,
            obj=obj,
            count=len(found),
        )
    return found


def open_addresses_of(user, municipality, volunteer: Volunteer) -> list[VisitAddress]:
    """The volunteer's open addresses in walking order (audited)."""
    addresses = (
        VisitAddress.objects.visible_to(user, municipality)
        .filter(volunteer=volunteer, status=VisitAddress.Status.TO_VISIT)
        .exclude(round__status=VisitRound.Status.CLOSED)
        .select_related("round", "district")
        .order_by("round_id", *WALKING_ORDER)
    )
    return audited_list(user, municipality, addresses, volunteer)


@dataclass
class DistrictRow:
    """One district on the distribution page (``district`` None: addresses without one)."""

    district: District | None
    unassigned: int = 0
    assigned: int = 0
    volunteers: list[Volunteer] = field(default_factory=list)
    blocked: list[Volunteer] = field(default_factory=list)


def _district_rows(round: VisitRound, counts: dict) -> dict[int | None, DistrictRow]:
    wanted = set(counts) | set(round.districts.values_list("pk", flat=True))
    districts = District.objects.filter(municipality=round.municipality, pk__in=wanted)
    rows = {d.pk: DistrictRow(d) for d in districts.order_by("name")}
    if None in counts:
        rows[None] = DistrictRow(None)
    for district_id, (unassigned, assigned) in counts.items():
        row = rows.setdefault(district_id, DistrictRow(None))
        row.unassigned, row.assigned = unassigned, assigned
    return rows


def distribution_for(user, municipality, round: VisitRound) -> list[DistrictRow]:
    """Per district: the addresses still to visit (unassigned and assigned), the volunteers
    who serve it and may visit on the round's day, and those who serve it but may not."""
    to_visit = VisitAddress.objects.visible_to(user, municipality).filter(
        round=round, status=VisitAddress.Status.TO_VISIT
    )
    counts = {
        row["district_id"]: (row["unassigned"], row["assigned"])
        for row in to_visit.values("district_id")
        .annotate(
            unassigned=Count("pk", filter=Q(volunteer__isnull=True)),
            assigned=Count("pk", filter=Q(volunteer__isnull=False)),
        )
        .order_by()
    }
    rows = _district_rows(round, counts)
    load = dict(
        to_visit.filter(volunteer__isnull=False)
        .values_list("volunteer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    day = visit_day(round)
    for volunteer in volunteers_for(user, municipality):
        volunteer.in_round = load.get(volunteer.pk, 0)
        for district in volunteer.districts.all():
            row = rows.get(district.pk)
            if row is not None:
                (row.volunteers if volunteer.may_visit(day) else row.blocked).append(volunteer)
    return list(rows.values())


def stranded_for(user, municipality, round: VisitRound, rows: list[DistrictRow]):
    """Unassigned addresses still to visit in districts where no volunteer may visit (or
    without a district), in walking order, at most ``LISTED`` (audited)."""
    stranded = [r.district.pk if r.district else None for r in rows if not r.volunteers]
    if not any(r.unassigned for r in rows if not r.volunteers):
        return []
    where = Q(district_id__in=[pk for pk in stranded if pk is not None])
    if None in stranded:
        where |= Q(district__isnull=True)
    addresses = (
        VisitAddress.objects.visible_to(user, municipality)
        .filter(where, round=round, status=VisitAddress.Status.TO_VISIT, volunteer__isnull=True)
        .select_related("district")
        .order_by(*WALKING_ORDER)[:LISTED]
    )
    return audited_list(user, municipality, addresses, round)


def assignment_counts(round: VisitRound) -> dict[str, int]:
    """Addresses still to visit in the round: assigned and unassigned (aggregates only)."""
    return VisitAddress.objects.filter(round=round, status=VisitAddress.Status.TO_VISIT).aggregate(
        assigned=Count("pk", filter=Q(volunteer__isnull=False)),
        unassigned=Count("pk", filter=Q(volunteer__isnull=True)),
    )
