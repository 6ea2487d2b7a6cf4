"""Reads of core records. Every read starts from the scoping layer; reads of personal data
write an audit event."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from omzien.core import audit
from omzien.core.models import (
    AuditEvent,
    Invitation,
    Membership,
    Municipality,
    Resident,
    ResidentChange,
    User,
)
from omzien.core.roles import Role
from omzien.core.scoping import ROLE_EVENTS


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


def resident_history(user: User, municipality: Municipality, resident: Resident) -> list[dict]:
    """The corrections of a resident's details, newest first, with the fields' Dutch names.
    Shown on the resident page only, whose opening is audited (``get_resident``)."""
    label = {f.name: str(f.verbose_name) for f in Resident._meta.get_fields() if f.concrete}
    changes = (
        ResidentChange.objects.visible_to(user, municipality)
        .filter(resident=resident)
        .select_related("actor")
    )
    return [
        {
            "at": change.at,
            "actor": change.actor.display_name if change.actor else "",
            "fields": [
                {"label": label.get(c["field"], c["field"]), "old": c["old"], "new": c["new"]}
                for c in change.changes
            ],
        }
        for change in changes
    ]


def memberships_for(user: User, municipality: Municipality) -> QuerySet[Membership]:
    return (
        Membership.objects.visible_to(user, municipality)
        .select_related("user", "organisation", "team")
        .prefetch_related("districts")
        .order_by("user__last_name", "user__first_name", "role")
    )


def audit_events_for(
    user: User, municipality: Municipality, filters: dict | None = None
) -> QuerySet[AuditEvent]:
    """The municipality's events the user may see, newest first, narrowed by the audit log's
    filters (``core.audit_log.AuditFilterForm.filters``)."""
    from omzien.core.audit_log import filter_events

    events = AuditEvent.objects.visible_to(user, municipality).order_by("-at", "-id")
    return filter_events(events, filters) if filters else events


def invitations_for(user: User, municipality: Municipality) -> QuerySet[Invitation]:
    """The municipality's invitations, for the admin and the coordinator. They show what the
    inviter typed (address, name), never what an existing account holds."""
    return Invitation.objects.visible_to(user, municipality).select_related(
        "invited_by", "approved_by"
    )


def open_invitations_of(user: User) -> QuerySet[Invitation]:
    """The invitations waiting for this person's answer, in any municipality. Not through the
    scoping layer: the person holds no role there yet; the rows are theirs by ``user``."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    return Invitation.objects.filter(
        user=user, status=Invitation.Status.AWAITING_ACCEPTANCE
    ).select_related("municipality", "invited_by", "organisation", "team")


def role_events_for(user: User, municipality: Municipality, limit: int = 50) -> list[dict]:
    """The latest grants, revocations and decisions on invitations, with the people's names
    (staff of the municipality, not residents)."""
    events = list(
        AuditEvent.objects.visible_to(user, municipality)
        .filter(action__in=ROLE_EVENTS)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
    ids = {e.extra.get("user") for e in events} | {e.extra.get("invited_by") for e in events}
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=ids - {None})}
    return [
        {
            "event": e,
            "actor": e.actor.display_name if e.actor else "",
            "subject": names.get(e.extra.get("user"), ""),
            "invited_by": names.get(e.extra.get("invited_by"), ""),
            "role": Role(e.extra["role"]).label if e.extra.get("role") in Role.values else "",
        }
        for e in events
    ]
