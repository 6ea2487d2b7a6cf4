"""Writing support requests: asking (the municipality) and moving a request (the programme
team). Every write checks the permission, runs in one transaction, records a
``SupportEvent`` and one audit event; the moves are those of ``workflow.MOVES``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import Membership, User
from omzien.core.roles import Role
from omzien.core.scoping import require
from omzien.monitoring.models import SupportEvent, SupportRequest
from omzien.monitoring.support import workflow
from omzien.monitoring.support.workflow import SupportAction, SupportState

#: What the municipality fills in.
REQUEST_FIELDS = ("kind", "question", "preferred_period", "contact_name", "contact_email")


def new_request(actor, municipality) -> SupportRequest:
    """An unsaved request with the asker as its contact."""
    return SupportRequest(
        municipality=municipality,
        contact_name=actor.get_full_name() or actor.username,
        contact_email=actor.email,
    )


@transaction.atomic
def ask_support(*, actor, request: SupportRequest, values: dict) -> SupportRequest:
    """Store a new request of the actor's municipality (``values``: ``REQUEST_FIELDS``)."""
    require(actor, "request_support", request.municipality)
    for name in REQUEST_FIELDS:
        setattr(request, name, values.get(name, getattr(request, name)))
    request.state = SupportState.NEW
    request.created_by = actor
    request.save()
    SupportEvent.objects.create(
        municipality=request.municipality, request=request, actor=actor,
        action="", from_state="", to_state=SupportState.NEW,
    )  # fmt: skip
    audit.record(
        "support_requested",
        actor=actor,
        municipality=request.municipality,
        obj=request,
        kind=request.kind,
    )
    return request


def team_members():
    """Who may handle requests: users with a programme membership, by name."""
    ids = Membership.objects.filter(role=Role.PROGRAMME).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("first_name", "last_name")


def _assignee_of(action: str, assignee) -> User | None:
    if action != SupportAction.ASSIGN:
        return None
    if assignee is None or not team_members().filter(pk=assignee.pk).exists():
        raise ValidationError(_("Kies iemand van het programmateam."))
    return assignee


@transaction.atomic
def move(*, actor, request: SupportRequest, action: str, note: str = "", assignee=None):
    """Assign, start, close or decline a request (``workflow.MOVES``). Refused (a Dutch
    ValidationError, nothing changed) when the table does not allow it from the request's
    state as stored now, or without the note a close or decline needs."""
    require(actor, "handle_support_requests", request.municipality)
    locked = SupportRequest.objects.select_for_update().get(pk=request.pk)
    try:
        target = workflow.target_of(locked.state, action)
    except workflow.MoveError as error:
        raise ValidationError(str(error)) from None
    note = note.strip()
    if action in workflow.NEEDS_NOTE and not note:
        raise ValidationError(
            _("Schrijf op wat er is gedaan.")
            if action == SupportAction.CLOSE
            else _("Schrijf op waarom de vraag wordt afgewezen.")
        )
    chosen = _assignee_of(action, assignee)
    before = locked.state
    locked.state = target
    if chosen is not None:
        locked.assignee = chosen
    if action in workflow.NEEDS_NOTE:
        locked.outcome_note = note
        locked.closed_at = timezone.now()
    locked.save()
    SupportEvent.objects.create(
        municipality=locked.municipality, request=locked, actor=actor, action=action,
        from_state=before, to_state=target, note=note,
    )  # fmt: skip
    audit.record(
        "support_request_moved",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        step=action,
        from_state=before,
        to_state=target,
        assignee=chosen.pk if chosen is not None else None,
    )
    return locked
