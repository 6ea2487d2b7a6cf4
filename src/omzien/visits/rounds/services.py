"""Writing rounds: create, change, start and close. Every write checks the permission, runs
in one transaction and leaves one audit event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.scoping import require
from omzien.visits.models import VisitRound
from omzien.visits.settings import settings_of

#: Allowed status moves: preparing -> running -> closed; a running round may go back to
#: preparing (to import again before the letters go out); a closed round stays closed.
MOVES = {
    VisitRound.Status.PREPARING: {VisitRound.Status.RUNNING},
    VisitRound.Status.RUNNING: {VisitRound.Status.CLOSED, VisitRound.Status.PREPARING},
    VisitRound.Status.CLOSED: set(),
}


def new_round(municipality) -> VisitRound:
    """An unsaved round with the municipality's defaults (retention from its settings)."""
    today = timezone.localdate()
    return VisitRound(
        municipality=municipality,
        reference_date=today,
        starts_on=today,
        ends_on=today + dt.timedelta(days=90),
        retention_days=settings_of(municipality).retention_days,
    )


@transaction.atomic
def save_round(*, actor, round: VisitRound, form) -> VisitRound:
    """Store a new or changed round from a valid ``RoundForm``."""
    require(actor, "manage_visit_rounds", round.municipality)
    if round.status == VisitRound.Status.CLOSED and round.pk:
        raise ValidationError(_("Een gesloten ronde kan niet meer worden gewijzigd."))
    created = round.pk is None
    if created:
        round.created_by = actor
    saved = form.save()
    audit.record(
        "visit_round_created" if created else "visit_round_changed",
        actor=actor,
        municipality=round.municipality,
        obj=saved,
    )
    return saved


@transaction.atomic
def move_round(*, actor, round: VisitRound, status: str) -> VisitRound:
    """Start, close or (while running) pause a round."""
    require(actor, "manage_visit_rounds", round.municipality)
    locked = VisitRound.objects.select_for_update().get(pk=round.pk)
    if status not in MOVES.get(locked.status, set()):
        raise ValidationError(_("Deze stap kan niet vanuit de huidige stand van de ronde."))
    locked.status = status
    if status == VisitRound.Status.CLOSED:
        locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit.record(
        "visit_round_moved",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        status=status,
    )
    return locked
