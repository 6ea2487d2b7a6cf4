"""Reads of core records. Every read starts from the scoping layer; reads of personal data
write an audit event."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from omzien.core import audit
from omzien.core.models import AuditEvent, Membership, Municipality, Resident, User


def residents_for(user: User, municipality: Municipality, search: str = "") -> QuerySet[Resident]:
    qs = Resident.objects.visible_to(user, municipality).select_related("district")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(postcode__istartswith=search.strip()))
    return qs.order_by("name", "pk")


def audited_resident_page(user: User, municipality: Municipality, residents) -> list[Resident]:
    """Materialise one page of residents shown with personal data and audit the read."""
    page = list(residents)
    if page:
        audit.record(
            "resident_list_viewed",
            actor=user,
            municipality=municipality,
            residents=[r.pk for r in page],
        )
    return page


def get_resident(user: User, municipality: Municipality, pk: int) -> Resident:
    """One resident, visible to the user; the read is audited. 404 otherwise."""
    resident = get_object_or_404(
        Resident.objects.visible_to(user, municipality).select_related("district"), pk=pk
    )
    audit.record("resident_viewed", actor=user, resident=resident)
    return resident


def memberships_for(user: User, municipality: Municipality) -> QuerySet[Membership]:
    return (
        Membership.objects.visible_to(user, municipality)
        .select_related("user", "organisation", "team")
        .prefetch_related("districts")
        .order_by("user__last_name", "user__first_name", "role")
    )


def audit_events_for(user: User, municipality: Municipality) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.visible_to(user, municipality).order_by("-at", "-id")
