"""Reads of signalling records, all starting from the scoping layer."""

from __future__ import annotations

from django.db.models import BooleanField, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.core import audit
from omzien.signalling.models import Case, Signal, SignalIntake
from omzien.signalling.workflow import OPEN_STATES


def overdue_q(now) -> Q:
    """The one definition of overdue: no first contact yet and the deadline has passed
    (combine with an open-state filter)."""
    return Q(first_contact_at__isnull=True, contact_deadline__lt=now)


def overdue_cases(municipality, now=None) -> QuerySet[Case]:
    """Open, overdue cases of a municipality (for the digest; not scoped to a user)."""
    now = now or timezone.now()
    return Case.objects.filter(municipality=municipality, state__in=OPEN_STATES).filter(
        overdue_q(now)
    )


def open_cases_for(user, municipality) -> QuerySet[Case]:
    """Open cases the user may see, overdue first, then by deadline."""
    now = timezone.now()
    return (
        Case.objects.visible_to(user, municipality)
        .filter(state__in=OPEN_STATES)
        .annotate(
            overdue=When_(
                When(overdue_q(now), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("resident", "caseworker", "team", "district")
        .order_by("-overdue", "-urgent", "contact_deadline", "pk")
    )


def get_case(user, municipality, pk: int) -> Case:
    """One case, visible to the user; reading it is audited."""
    case = get_object_or_404(
        Case.objects.visible_to(user, municipality).select_related(
            "resident", "caseworker", "team", "district", "municipality"
        ),
        pk=pk,
    )
    audit.record("case_viewed", actor=user, obj=case, resident=case.resident_id)
    return case


def _receipt_code(code: str) -> str:
    normalised = code.strip().upper().replace(" ", "")
    if len(normalised) == 8:
        normalised = f"{normalised[:4]}-{normalised[4:]}"
    return normalised


def signal_by_receipt(code: str) -> Signal | None:
    """For the public status page: the signal with this receipt code, or None."""
    return (
        Signal.objects.select_related("case", "municipality")
        .filter(receipt_code=_receipt_code(code))
        .first()
    )


def pending_intake_by_receipt(code: str) -> SignalIntake | None:
    """For the public status page: a partner-API signal accepted under this receipt code and
    not yet processed into a signal (see intake.py), or None."""
    return (
        SignalIntake.objects.select_related("municipality")
        .filter(receipt_code=_receipt_code(code), processed_at__isnull=True)
        .only("receipt_code", "municipality")
        .first()
    )
