"""Writes of the letters part: the confirmation that a batch was posted, and the letter
settings of a municipality. Planning is ``planning.plan_round``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.scoping import require
from omzien.visits.letters.queries import parts_of
from omzien.visits.models import VisitAddress, VisitRound, VisitSettings

LETTER_SETTINGS = (
    "letter_sender",
    "letter_contact",
    "letter_window",
    "visit_slot_times",
    "letter_lead_days",
)


@transaction.atomic
def confirm_sent(actor, round: VisitRound, version: str) -> int:
    """Mark the letters of the downloaded part ``version`` as posted (``letter_sent_at``)."""
    require(actor, "manage_visit_rounds", round)
    locked = VisitRound.objects.select_for_update().get(pk=round.pk)
    if locked.status == VisitRound.Status.CLOSED:
        raise ValidationError(_("Deze ronde is gesloten: er gaan geen brieven meer uit."))
    part = next((p for p in parts_of(locked) if p.version == version), None)
    if part is None:
        raise ValidationError(
            _(
                "Deze brieven zijn veranderd sinds u ze downloadde, of ze zijn al als "
                "verstuurd gemeld. Er is niets gewijzigd. Download de brieven opnieuw."
            )
        )
    count = VisitAddress.objects.filter(pk__in=part.ids, letter_sent_at__isnull=True).update(
        letter_sent_at=timezone.now()
    )
    audit.record(
        "visit_letters_sent", actor=actor, municipality=locked.municipality, obj=locked, count=count
    )
    return count


@transaction.atomic
def save_letter_settings(*, actor, municipality, values) -> VisitSettings:
    """Store the sender, contact, slot times and lead days of the municipality's letters."""
    require(actor, "manage_visit_rounds", municipality)
    found, _created = VisitSettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    for name in LETTER_SETTINGS:
        setattr(found, name, values[name])
    found.save(update_fields=list(LETTER_SETTINGS))
    audit.record("visit_letter_settings_changed", actor=actor, municipality=municipality)
    return found
