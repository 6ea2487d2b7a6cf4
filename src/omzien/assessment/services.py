"""Recording an assessment: permission, scoring, one transaction, audit."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.assessment.models import Assessment
from omzien.assessment.scales import INSTRUMENTS, kind_of_loneliness
from omzien.core import audit
from omzien.core.scoping import require


@transaction.atomic
def record_assessment(
    *,
    actor,
    resident,
    instrument: str,
    answers: dict[int, str | None],
    taken_on: dt.date | None = None,
    context: str = Assessment.Context.OTHER,
    context_id: int | None = None,
) -> Assessment:
    """Score the answers with ``assessment.scales`` and store them for the resident."""
    require(actor, "assess_resident", resident)
    scale = INSTRUMENTS[instrument]
    result = scale.score(answers)
    # Store the answers as the scale read them (normalised option values), per item number.
    normalised = getattr(result, "answers", None) or answers
    stored_answers = {str(number): normalised.get(number) for number in sorted(normalised)}
    assessment = Assessment(
        municipality=resident.municipality,
        resident=resident,
        instrument=instrument,
        answers=stored_answers,
        total=result.total,
        emotional=getattr(result, "emotional", None),
        social=getattr(result, "social", None),
        category=result.category or "",
        is_lonely=result.is_lonely,
        kind=kind_of_loneliness(result),
        context=context,
        context_id=context_id,
        taken_by=actor,
    )
    if taken_on is not None:
        assessment.taken_on = taken_on
    assessment.save()
    audit.record(
        "assessment_recorded",
        actor=actor,
        obj=assessment,
        resident=resident,
        instrument=instrument,
    )
    return assessment


class WithdrawError(ValueError):
    """A withdrawal that is not allowed; carries the Dutch message for the screen."""


@transaction.atomic
def withdraw_assessment(*, actor, assessment: Assessment, reason: str) -> Assessment:
    """Withdraw a measurement entered by mistake: it stays (with who, when and why) but no
    longer counts in trends and figures. Needs a reason; a withdrawal is final."""
    require(actor, "assess_resident", assessment)
    reason = (reason or "").strip()
    if not reason:
        raise WithdrawError(_("Schrijf op waarom u de meting intrekt."))
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.withdrawn_at is not None:
        raise WithdrawError(_("Deze meting is al ingetrokken."))
    locked.withdrawn_at = timezone.now()
    locked.withdrawn_by = actor
    locked.withdrawn_reason = reason[:1000]
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
    audit.record(
        "assessment_withdrawn",
        actor=actor,
        obj=locked,
        resident=locked.resident_id,
        instrument=locked.instrument,
    )
    return locked
