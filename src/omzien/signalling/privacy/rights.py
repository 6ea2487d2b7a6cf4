"""Residents' rights: inspect (inzage) everything about one resident, and erase it on request.

Both are coordinator actions (``export_resident`` and ``erase_resident`` in core.roles), go
through the scoping layer and are audited. Erasure on request erases exactly as retention
does (``erasure.erase_case`` and ``erasure.erase_resident_record``), with reason REQUEST.
See docs/privacy.md, "Residents' rights".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from omzien.assessment.models import Assessment
from omzien.assessment.scales import INSTRUMENTS
from omzien.core import audit
from omzien.core.models import Resident, ResidentChange, User
from omzien.core.scoping import require
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.models import (
    Barrier,
    Case,
    CaseEvent,
    CaseNeeds,
    Sign,
    Signal,
    Tombstone,
    Wish,
)
from omzien.signalling.privacy.erasure import RetentionCounts, erase_case, erase_resident_record

#: The outcome of a case closed because the resident asked for erasure: they object to the
#: follow-up, which is what "declined" (wil geen contact) records.
ERASURE_OUTCOME = services.ERASURE_OUTCOME

#: Left out of the export on purpose (shown in the export itself).
NOT_INCLUDED = (
    "Naam en contactgegevens van de melder en diens relatie tot u: die gegevens gaan over een "
    "ander (AVG artikel 15 lid 4).",
    "Namen van medewerkers die aan het traject werkten.",
    "Het auditlog: wie wanneer uw gegevens inzag of wijzigde kunt u apart opvragen bij de "
    "gemeente.",
)

RESIDENT_FIELDS = (
    "name",
    "street",
    "postcode",
    "house_number",
    "house_number_addition",
    "place",
    "birth_date",
    "birth_year",
    "phone",
    "email",
    "preferred_language",
    "contact_notes",
)


def _local(value):
    """Times in Europe/Amsterdam; the JSON view writes them (and dates) as ISO 8601."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value)
    return value


def _signal(signal: Signal) -> dict:
    sign_labels = dict(Sign.choices)
    return {
        "receipt_code": signal.receipt_code,
        "received_at": _local(signal.created_at),
        "channel": signal.channel,
        "channel_label": str(signal.get_channel_display()),
        "organisation": signal.organisation.name if signal.organisation else None,
        "postcode": signal.postcode,
        "house_number": signal.house_number,
        "house_number_addition": signal.house_number_addition,
        "person_name": signal.person_name,
        "signs": [str(sign_labels.get(code, code)) for code in signal.signs],
        "concern": signal.concern,
        "person_aware": signal.person_aware,
        "person_aware_label": str(signal.get_person_aware_display()),
        "urgent": signal.urgent,
    }


def _event(event: CaseEvent) -> dict:
    return {
        "at": _local(event.at),
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "from_state": event.from_state,
        "from_state_label": str(event.get_from_state_display()) if event.from_state else "",
        "to_state": event.to_state,
        "to_state_label": str(event.get_to_state_display()) if event.to_state else "",
        "method": event.method,
        "method_label": str(event.get_method_display()) if event.method else "",
        "reached": event.reached,
        "consent_scope": event.consent_scope,
        "consent_how": event.consent_how,
        "consent_how_label": str(event.get_consent_how_display()) if event.consent_how else "",
        "text": event.text,
    }


#: The dates of a referral in the inzage.
REFERRAL_DATES = (
    "proposed_on",
    "accepted_on",
    "started_on",
    "ended_on",
    "declined_on",
    "not_started_on",
    "follow_up_on",
    "followed_up_on",
    "assessment_invited_on",
)


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _referrals(case: Case) -> list[dict]:
    """The case's referrals to initiatives (issue 9), with the dates and what was shared."""
    return [
        {
            "initiative": referral.initiative.name,
            "state": referral.state,
            "state_label": str(referral.get_state_display()),
            **{name: _day(getattr(referral, name)) for name in REFERRAL_DATES},
            "still_going": referral.still_going,
            "outcome_note": referral.outcome_note,
            "shared": list(referral.shared),
            "handover_sent_at": _local(referral.handover_sent_at),
        }
        for referral in case.referrals.select_related("initiative").order_by("proposed_on", "pk")
    ]


def _needs(case: Case) -> dict | None:
    """Interests, barriers and wishes recorded on the case (issue 9)."""
    needs = CaseNeeds.objects.filter(case=case).first()
    if needs is None:
        return None
    return {
        "interests": needs.interests,
        "interests_text": needs.interests_text,
        "barriers": [str(Barrier(b).label) for b in needs.barriers if b in Barrier.values],
        "wishes": [str(Wish(w).label) for w in needs.wishes if w in Wish.values],
    }


def _case(case: Case) -> dict:
    return {
        "number": case.pk,
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()) if case.outcome else "",
        "urgent": case.urgent,
        "district": case.district.name if case.district else None,
        "team": case.team.name if case.team else None,
        "created_at": _local(case.created_at),
        "contact_deadline": _local(case.contact_deadline),
        "first_contact_at": _local(case.first_contact_at),
        "closed_at": _local(case.closed_at),
        "signals": [_signal(s) for s in case.signals.select_related("organisation")],
        "events": [_event(e) for e in case.events.order_by("at", "pk")],
        "needs": _needs(case),
        "referrals": _referrals(case),
    }


def _questions(assessment: Assessment) -> list[dict]:
    """Each question with the answer given, in words."""
    instrument = INSTRUMENTS.get(assessment.instrument)
    if instrument is None:
        return []
    labels = {option.value: option.label for option in instrument.options}
    answers = assessment.answers or {}
    return [
        {
            "number": item.number,
            "question": item.text,
            "answer": answers.get(str(item.number)),
            "answer_label": labels.get(answers.get(str(item.number)), ""),
        }
        for item in instrument.items
        if str(item.number) in answers
    ]


def _assessment(assessment: Assessment) -> dict:
    return {
        "number": assessment.pk,
        "instrument": assessment.instrument,
        "instrument_name": assessment.instrument_name,
        "taken_on": _local(assessment.taken_on),
        "answers": assessment.answers,
        "questions": _questions(assessment),
        "total": assessment.total,
        "emotional": assessment.emotional,
        "social": assessment.social,
        "category": assessment.category,
        "is_lonely": assessment.is_lonely,
        "kind": assessment.kind,
        "context": assessment.context,
        "context_id": assessment.context_id,
        "withdrawn_on": _local(assessment.withdrawn_at) if assessment.withdrawn_at else None,
        "withdrawn_reason": assessment.withdrawn_reason,
    }


def _changes(resident: Resident) -> list[dict]:
    """Corrections of the details with the old values, without the staff member's name."""
    label = {f.name: str(f.verbose_name) for f in Resident._meta.concrete_fields}
    return [
        {
            "at": _local(change.at),
            "fields": [{**c, "label": label.get(c["field"], c["field"])} for c in change.changes],
        }
        for change in ResidentChange.objects.filter(resident=resident).order_by("at", "pk")
    ]


def export_resident(*, actor: User, resident: Resident, as_format: str) -> dict:
    """Everything stored about one resident, as plain data (JSON or the printable page).

    ``as_format`` ("json" or "html") is recorded in the audit event.
    """
    require(actor, "export_resident", resident)
    cases = (
        Case.objects.filter(resident=resident)
        .select_related("district", "team")
        .order_by("created_at", "pk")
    )
    data = {
        "exported_at": _local(timezone.now()),
        "municipality": {"code": resident.municipality.code, "name": resident.municipality.name},
        "resident": {
            "number": resident.pk,
            **{name: _local(getattr(resident, name)) for name in RESIDENT_FIELDS},
            "district": resident.district.name if resident.district else None,
            "created_at": _local(resident.created_at),
            "updated_at": _local(resident.updated_at),
        },
        "cases": [_case(case) for case in cases],
        "assessments": [
            _assessment(a) for a in Assessment.objects.filter(resident=resident).order_by("pk")
        ],
        # Corrections of the details, with the old values (without the staff member's name).
        "changes": _changes(resident),
        "not_included": list(NOT_INCLUDED),
    }
    audit.record(
        "resident_exported",
        actor=actor,
        resident=resident,
        format=as_format,
        cases=len(data["cases"]),
        assessments=len(data["assessments"]),
    )
    return data


# --- Erasure on request -----------------------------------------------------------------------


class OpenCasesError(Exception):
    """The resident has open cases and the coordinator did not confirm closing them."""

    def __init__(self, cases: list[Case]):
        super().__init__(f"{len(cases)} open case(s)")
        self.cases = cases


@dataclass
class ErasureResult:
    counts: RetentionCounts
    closed_cases: int


def open_cases_of(resident: Resident) -> list[Case]:
    return list(Case.objects.filter(resident=resident, state__in=OPEN_STATES).order_by("pk"))


@transaction.atomic
def erase_resident(
    *, actor: User, resident: Resident, close_open_cases: bool = False
) -> ErasureResult:
    """Erase everything about one resident at their request: all cases (their anonymous
    facts stay), assessments and the resident record, with tombstones (reason REQUEST).

    Open cases are refused (``OpenCasesError``) unless the coordinator confirms closing them;
    they then close through the workflow with the outcome "declined" (wil geen contact).
    """
    require(actor, "erase_resident", resident)
    open_cases = open_cases_of(resident)
    if open_cases and not close_open_cases:
        raise OpenCasesError(open_cases)
    for case in open_cases:
        services.close_for_erasure(actor=actor, case=case)
    counts = RetentionCounts()
    now = timezone.now()
    for case_id in (
        Case.objects.filter(resident=resident).order_by("pk").values_list("pk", flat=True)
    ):
        done = erase_case(case_id, reason=Tombstone.Reason.REQUEST, actor=actor, now=now)
        counts += done or RetentionCounts()
    counts += (
        erase_resident_record(resident.pk, reason=Tombstone.Reason.REQUEST, actor=actor, now=now)
        or RetentionCounts()
    )
    return ErasureResult(counts=counts, closed_cases=len(open_cases))
