"""The volunteer's reads: only their own addresses, in walking order, only the fields needed
at the door. Every list read is audited."""

from __future__ import annotations

from omzien.core import audit
from omzien.visits.models import VisitAddress

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
