"""Test helpers for the home visits (issue 11): a round, volunteers, addresses."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.visits.models import VisitAddress, VisitAttempt, VisitRound, Volunteer

_numbers = itertools.count(1)


def visit_round(municipality, **fields) -> VisitRound:
    today = timezone.localdate()
    values = {
        "name": "Huisbezoeken 75+ najaar",
        "reference_date": today,
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=90),
        "status": VisitRound.Status.RUNNING,
        **fields,
    }
    return VisitRound.objects.create(municipality=municipality, **values)


def volunteer(municipality, *, valid: bool = True, districts=(), **fields) -> Volunteer:
    """A volunteer with a login (volunteer membership), trained and with a VOG valid for
    another year (``valid=False``: the VOG expired yesterday)."""
    today = timezone.localdate()
    user = member(Role.VOLUNTEER, municipality)
    values = {
        "trained_on": today - dt.timedelta(days=30),
        "vog_issued_on": today - dt.timedelta(days=400),
        "vog_valid_until": today + dt.timedelta(days=365) if valid else today - dt.timedelta(1),
        **fields,
    }
    found = Volunteer.objects.create(municipality=municipality, user=user, **values)
    if districts:
        found.districts.set(districts)
    return found


def attempt(address: VisitAddress, outcome: str = "visited", **fields) -> VisitAttempt:
    values = {
        "at": timezone.now(),
        "volunteer": address.volunteer,
        "district": address.district,
        **fields,
    }
    return VisitAttempt.objects.create(
        address=address, round=address.round, municipality=address.municipality,
        outcome=outcome, **values,
    )  # fmt: skip


def address(round: VisitRound, **fields) -> VisitAddress:
    number = next(_numbers)
    values = {
        "register_key": f"key-{number}",
        "initials": "J.",
        "surname": f"Fictief{number}",
        "date_of_birth": dt.date(1945, 3, 1),
        "street": "Teststraat",
        "house_number": number,
        "postcode": "9920AB",
        "place": "Proefdorp",
        "imported_at": timezone.now(),
        **fields,
    }
    return VisitAddress.objects.create(round=round, municipality=round.municipality, **values)
