"""The volunteer's reads: only their own addresses, in walking order, only the fields needed
at the door. Every list read is audited."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from omzien.core import audit
from omzien.core.models import PostcodeArea
from omzien.socialmap.choices import ActivityKind
from omzien.socialmap.finder.search import haversine_km, published
from omzien.visits.models import VisitAddress, VisitAttempt

#: What a volunteer sees of an address: nothing more (no date of birth, no household).
DOOR_FIELDS = (
    "pk",
    "initials",
    "first_name",
    "prefix",
    "surname",
    "street",
    "house_number",
    "house_letter",
    "addition",
    "postcode",
    "place",
    "proposed_at",
    "status",
    "last_outcome",
    "attempts",
    "round_id",
)


def my_addresses(user, municipality):
    """The addresses given to this volunteer in running rounds, in walking order (postcode,
    then house number, letter, addition). Empty without a valid VOG (scoping rule)."""
    addresses = list(
        VisitAddress.objects.visible_to(user, municipality)
        .only(*DOOR_FIELDS)
        .order_by("postcode", "house_number", "house_letter", "addition", "pk")
    )
    if addresses:
        audit.record(
            "visit_addresses_viewed",
            actor=user,
            municipality=municipality,
            count=len(addresses),
        )
    return addresses


def door_address(user, municipality, pk: int) -> VisitAddress:
    """One address for the visit form: the volunteer's own in a running round with a valid
    VOG (the scope rule), any address for the coordinator; 404 otherwise. The read is
    audited."""
    found = get_object_or_404(
        VisitAddress.objects.visible_to(user, municipality)
        .select_related("round", "district")
        .only(*DOOR_FIELDS, "round__status", "round__name", "municipality_id", "district__name"),
        pk=pk,
    )
    audit.record("visit_address_opened", actor=user, municipality=municipality, obj=found)
    return found


def earlier_attempts(user, municipality, address: VisitAddress) -> list[VisitAttempt]:
    return list(
        VisitAttempt.objects.visible_to(user, municipality)
        .filter(address=address)
        .only("at", "outcome")
        .order_by("at", "pk")
    )


#: At most this many activities in the select of the form.
INITIATIVE_CHOICES = 40


def initiatives_near(address: VisitAddress) -> list:
    """Published initiatives of the social map (public information), nearest to the
    address's PC4 area first, then by name."""
    point = (
        PostcodeArea.objects.filter(pc4=address.postcode[:4])
        .values_list("latitude", "longitude")
        .first()
    )
    rows = list(
        published(address.municipality_id).only(
            "name",
            "kinds",
            "latitude",
            "longitude",
            "place",
            "contact_name",
            "contact_phone",
            "contact_email",
            "website",
        )
    )

    for row in rows:
        row.km = None
        if point and None not in point and row.latitude is not None:
            row.km = haversine_km(point, (row.latitude, row.longitude))
    far = float("inf")
    rows.sort(key=lambda row: (far if row.km is None else row.km, row.name.lower(), row.pk))
    return rows[:INITIATIVE_CHOICES]


def initiative_label(row) -> str:
    """The option text in the visit form: name, kinds and distance ("1,2 km")."""
    kinds = ", ".join(str(ActivityKind(k).label) for k in row.kinds if k in ActivityKind.values)
    parts = [row.name, kinds.lower()]
    if row.km is not None:
        parts.append(f"{row.km:.1f} km".replace(".", ","))
    return " · ".join(part for part in parts if part)


def initiative_for_resident(municipality, pk: int | None):
    """The name and contact of a recommended initiative, to give to the resident."""
    if not pk:
        return None
    return published(municipality).filter(pk=pk).first()
