"""Case actions of the staff screens that combine the signalling point with a lower app.

Kept apart from ``services.py`` so that the intake and workflow services stay free of the
assessment app; the dependency still points one way (signalling -> assessment).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from omzien.assessment.models import Assessment
from omzien.assessment.services import record_assessment
from omzien.core import audit
from omzien.core.models import User
from omzien.core.scoping import require
from omzien.signalling.models import Case, CaseEvent
from omzien.signalling.services import has_consent
from omzien.signalling.workflow import CaseState, TransitionError


@transaction.atomic
def record_case_assessment(
    *,
    actor: User,
    case: Case,
    instrument: str,
    answers: dict[int, str | None],
    taken_on: dt.date | None = None,
) -> Assessment:
    """An assessment taken within a case: stored for the resident, shown on the timeline."""
    require(actor, "work_case", case)
    if case.state == CaseState.CLOSED:
        raise TransitionError("Dit traject is afgesloten. Heropen het eerst.")
    if case.resident is None:
        raise TransitionError("Bij dit traject hoort geen inwoner meer.")
    if not has_consent(case):
        # A meting is a step after first contact: it needs the person's consent.
        raise TransitionError("Leg eerst de toestemming van de persoon vast.")
    assessment = record_assessment(
        actor=actor,
        resident=case.resident,
        instrument=instrument,
        answers=answers,
        taken_on=taken_on,
        context=Assessment.Context.CASE,
        context_id=case.pk,
    )
    CaseEvent.objects.create(
        case=case, actor=actor, kind=CaseEvent.Kind.ASSESSMENT, related_id=assessment.pk
    )
    case.save(update_fields=["updated_at"])
    audit.record(
        "case_assessment_recorded",
        actor=actor,
        obj=case,
        resident=case.resident_id,
        assessment=assessment.pk,
    )
    return assessment
