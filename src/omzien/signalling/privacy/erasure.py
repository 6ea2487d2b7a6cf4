"""Erasing personal data, one record at a time: what is due (``cases_due``,
``reporter_contacts_due``, ``residents_due``) and erasing one case, one reporter's contact
details or one resident, each in its own short transaction that locks the record and re-checks
that it is still due, with a ``Tombstone`` (which fields, why, when; never the data).

``retention.py`` runs the nightly passes with it (the passes are described there); the erasure
on request (``rights.py``) uses it too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_tasks_db.utils import exclusive_transaction

from omzien.assessment.models import Assessment
from omzien.core import audit
from omzien.core.models import Municipality, Resident, ResidentChange
from omzien.signalling.cases.workflow import CaseState
from omzien.signalling.models import (
    AcceptedSignal,
    Case,
    CaseEvent,
    CaseNeeds,
    Referral,
    Signal,
    Tombstone,
)
from omzien.signalling.settings import settings_of

#: Personal fields of a signal about the person, emptied when its case is erased.
SIGNAL_PERSON_FIELDS = (
    "person_name",
    "house_number",
    "house_number_addition",
    "concern",
    "signs",
    "crisis_words",
    "idempotency_key",
    "request_hash",
)
#: The reporter's own contact details, emptied sooner (reporter_contact_retention_days).
REPORTER_CONTACT_FIELDS = ("reporter_name", "reporter_email", "reporter_phone")
#: Free text on the timeline of a case.
EVENT_TEXT_FIELDS = ("text", "consent_scope", "consent_how")
#: The personal parts of a referral (issue 9): how it went, and what was shared. Which
#: initiative and the dates stay, without a person, for "what works".
REFERRAL_PERSON_FIELDS = ("outcome_note", "shared")
#: The four digits of a postcode are kept for statistics; the letters go.
PC4_LENGTH = 4

Reason = Tombstone.Reason


@dataclass
class RetentionCounts:
    """How many records a run erased (or, in a dry run, would erase). Numbers only."""

    cases: int = 0
    signals: int = 0
    events: int = 0
    assessments: int = 0
    residents: int = 0
    reporter_contacts: int = 0

    def __add__(self, other: RetentionCounts) -> RetentionCounts:
        return RetentionCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(asdict(self).values())

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


# --- What is due ------------------------------------------------------------------------------


def retention_cutoff(municipality: Municipality, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=settings_of(municipality).retention_days)


def reporter_contact_cutoff(municipality: Municipality, now: dt.datetime) -> dt.datetime:
    # settings_of never writes: a dry run must not even create a settings row.
    return now - dt.timedelta(days=settings_of(municipality).reporter_contact_retention_days)


def cases_due(municipality: Municipality, now: dt.datetime) -> QuerySet[Case]:
    """Closed cases past the retention period whose personal data is still there."""
    return Case.objects.filter(
        municipality=municipality,
        state=CaseState.CLOSED,
        closed_at__lt=retention_cutoff(municipality, now),
        personal_data_erased_at__isnull=True,
    )


def _has_reporter_contact() -> Q:
    return ~Q(reporter_name="") | ~Q(reporter_email="") | ~Q(reporter_phone="")


def reporter_contacts_due(municipality: Municipality, now: dt.datetime) -> QuerySet[Signal]:
    """Signals whose case closed more than reporter_contact_retention_days ago and that still
    hold the reporter's name, e-mail address or phone number."""
    return Signal.objects.filter(
        _has_reporter_contact(),
        municipality=municipality,
        case__state=CaseState.CLOSED,
        case__closed_at__lt=reporter_contact_cutoff(municipality, now),
        reporter_contact_erased_at__isnull=True,
    )


def _other_resident_relations():
    """Relations to Resident from models other than cases, assessments and the resident's own
    history of corrections (e.g. home visits of a later issue). A resident such a record
    points at is kept for that app to handle."""
    own = (Case, Assessment, ResidentChange)
    return [rel for rel in Resident._meta.related_objects if rel.related_model not in own]


def residents_due(
    municipality: Municipality, now: dt.datetime, *, leaving_cases: QuerySet[Case] | None = None
) -> QuerySet[Resident]:
    """Residents nothing needs any more: no case links to them (other than ``leaving_cases``,
    which a dry run pretends are already erased), no record of another app points at them,
    and they were neither changed nor assessed within the retention period."""
    cutoff = retention_cutoff(municipality, now)
    linked_cases = Case.objects.filter(resident=OuterRef("pk"))
    if leaving_cases is not None:
        linked_cases = linked_cases.exclude(pk__in=leaving_cases.values("pk"))
    due = Resident.objects.filter(municipality=municipality, updated_at__lt=cutoff).exclude(
        Exists(linked_cases)
    )
    due = due.exclude(
        Exists(Assessment.objects.filter(resident=OuterRef("pk"), created_at__gte=cutoff))
    )
    for rel in _other_resident_relations():
        related = rel.related_model._base_manager.filter(**{rel.field.name: OuterRef("pk")})
        due = due.exclude(Exists(related))
    return due


def case_assessments(case: Case) -> QuerySet[Assessment]:
    """Assessments taken within a case: by context, or linked from the case's timeline."""
    if case.resident_id is None:
        return Assessment.objects.none()
    on_timeline = case.events.filter(
        kind=CaseEvent.Kind.ASSESSMENT, related_id__isnull=False
    ).values("related_id")
    return Assessment.objects.filter(resident_id=case.resident_id).filter(
        Q(context=Assessment.Context.CASE, context_id=case.pk) | Q(pk__in=on_timeline)
    )


def events_with_text(case: Case) -> QuerySet[CaseEvent]:
    has_text = Q()
    for name in EVENT_TEXT_FIELDS:
        has_text |= ~Q(**{name: ""})
    return case.events.filter(has_text)


# --- Erasing one record -----------------------------------------------------------------------


def _empty(obj, names) -> list[str]:
    """Empty the given fields of ``obj``; return the names of those that held a value."""
    removed = []
    for name in names:
        value = getattr(obj, name)
        if value not in ("", None, [], {}):
            setattr(obj, name, [] if isinstance(value, list) else "")
            removed.append(name)
    return removed


def _tombstone(obj, removed: list[str], reason: str, actor, now, municipality_id=None) -> Tombstone:
    return Tombstone(
        municipality_id=municipality_id or obj.municipality_id,
        object_type=obj._meta.label_lower,
        object_ref=obj.pk,
        reason=reason,
        removed=removed,
        removed_at=now,
        removed_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


#: Bookkeeping columns that are not listed in a tombstone of a deleted record.
_BOOKKEEPING = frozenset({"id", "municipality", "resident", "created_at", "updated_at"})


def _stored_fields(obj) -> list[str]:
    """Names of the concrete fields of a record about to be deleted that held a value."""
    return [
        f.name
        for f in obj._meta.concrete_fields
        if f.name not in _BOOKKEEPING and getattr(obj, f.attname) not in ("", None, [], {})
    ]


def _erase_signals(case, reason, actor, now, counts: RetentionCounts) -> list[Tombstone]:
    tombstones = []
    for signal in case.signals.select_for_update().order_by("pk"):
        removed = _empty(signal, SIGNAL_PERSON_FIELDS + REPORTER_CONTACT_FIELDS)
        if len(signal.postcode) > PC4_LENGTH:
            signal.postcode = signal.postcode[:PC4_LENGTH]
            removed.append("postcode")
        if signal.reporter_contact_erased_at is None:
            signal.reporter_contact_erased_at = now
        signal.save(
            update_fields=[
                *SIGNAL_PERSON_FIELDS,
                *REPORTER_CONTACT_FIELDS,
                "postcode",
                "reporter_contact_erased_at",
            ]
        )
        tombstones.append(_tombstone(signal, removed, reason, actor, now))
        counts.signals += 1
    # The partner API's accepted signals of these signals hold the same Idempotency-Key and
    # body hash (their payload was emptied when processed): they go with them.
    AcceptedSignal.objects.filter(signal__case=case).delete()
    return tombstones


def _erase_events(case, reason, actor, now, counts: RetentionCounts) -> list[Tombstone]:
    tombstones = []
    for event in events_with_text(case).select_for_update().order_by("pk"):
        removed = _empty(event, EVENT_TEXT_FIELDS)
        event.save(update_fields=list(EVENT_TEXT_FIELDS))
        tombstones.append(_tombstone(event, removed, reason, actor, now, case.municipality_id))
        counts.events += 1
    return tombstones


def _erase_assessments(case, reason, actor, now, counts: RetentionCounts) -> list[Tombstone]:
    tombstones = []
    for assessment in case_assessments(case).select_for_update().order_by("pk"):
        tombstones.append(
            _tombstone(assessment, ["record", *_stored_fields(assessment)], reason, actor, now)
        )
        assessment.delete()
        counts.assessments += 1
    return tombstones


def _erase_referrals(case, reason, actor, now) -> list[Tombstone]:
    """The case's needs go; its referrals keep their initiative and dates only."""
    tombstones = []
    for needs in CaseNeeds.objects.select_for_update().filter(case=case):
        tombstones.append(_tombstone(needs, ["record", *_stored_fields(needs)], reason, actor, now))
        needs.delete()
    for referral in Referral.objects.select_for_update().filter(case=case).order_by("pk"):
        removed = _empty(referral, REFERRAL_PERSON_FIELDS)
        if removed:
            referral.save(update_fields=list(REFERRAL_PERSON_FIELDS))
            tombstones.append(_tombstone(referral, removed, reason, actor, now))
    return tombstones


def erase_case(
    case_id: int,
    *,
    reason: str,
    actor=None,
    closed_before: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> RetentionCounts | None:
    """Erase the personal data of one closed case in its own transaction.

    Returns None when there is nothing to do: another process erased the case first, or it
    was reopened (or closed again after ``closed_before``) in the meantime.
    """
    now = now or timezone.now()
    with exclusive_transaction():
        due = Case.objects.select_for_update().filter(
            pk=case_id, state=CaseState.CLOSED, personal_data_erased_at__isnull=True
        )
        if closed_before is not None:
            due = due.filter(closed_at__lt=closed_before)
        case = due.first()
        if case is None:
            return None
        counts = RetentionCounts(cases=1)
        tombstones = [
            *_erase_signals(case, reason, actor, now, counts),
            *_erase_events(case, reason, actor, now, counts),
            *_erase_assessments(case, reason, actor, now, counts),
            *_erase_referrals(case, reason, actor, now),
        ]
        tombstones.append(
            _tombstone(case, ["resident"] if case.resident_id else [], reason, actor, now)
        )
        case.resident = None
        case.personal_data_erased_at = now
        case.save(update_fields=["resident", "personal_data_erased_at", "updated_at"])
        Tombstone.objects.bulk_create(tombstones)
        audit.record(
            "case_personal_data_erased",
            actor=actor,
            obj=case,
            reason=reason,
            signals=counts.signals,
            events=counts.events,
            assessments=counts.assessments,
        )
    return counts


def erase_reporter_contact(
    signal_id: int,
    *,
    reason: str = Reason.REPORTER_CONTACT,
    closed_before: dt.datetime | None = None,
    now: dt.datetime | None = None,
    closed_only: bool = True,
) -> bool:
    """Empty the reporter's name, e-mail address and phone number of one signal (of a closed
    case; with ``closed_only=False`` whatever its case's state: the replay of a restore)."""
    now = now or timezone.now()
    with exclusive_transaction():
        # Lock the signal only: a parallel erase_case holds its case and then waits for the
        # signals; locking the joined case here too could deadlock with it.
        due = Signal.objects.select_for_update(of=("self",)).filter(
            _has_reporter_contact(),
            pk=signal_id,
            reporter_contact_erased_at__isnull=True,
        )
        if closed_only:
            due = due.filter(case__state=CaseState.CLOSED)
        if closed_before is not None:
            due = due.filter(case__closed_at__lt=closed_before)
        signal = due.first()
        if signal is None:
            return False
        removed = _empty(signal, REPORTER_CONTACT_FIELDS)
        signal.reporter_contact_erased_at = now
        signal.save(update_fields=[*REPORTER_CONTACT_FIELDS, "reporter_contact_erased_at"])
        _tombstone(signal, removed, reason, None, now).save()
        audit.record("reporter_contact_erased", obj=signal, case=signal.case_id, reason=reason)
    return True


def erase_resident_record(
    resident_id: int,
    *,
    reason: str,
    actor=None,
    still_due: QuerySet[Resident] | None = None,
    now: dt.datetime | None = None,
) -> RetentionCounts | None:
    """Delete one resident and the assessments that remain with them.

    With ``still_due`` the resident is re-checked against it under the lock (retention);
    None when it no longer matches or is gone.
    """
    now = now or timezone.now()
    with exclusive_transaction():
        candidates = still_due if still_due is not None else Resident.objects.all()
        resident = candidates.select_for_update().filter(pk=resident_id).first()
        if resident is None:
            return None
        counts = RetentionCounts(residents=1)
        tombstones = []
        for assessment in Assessment.objects.filter(resident=resident).order_by("pk"):
            tombstones.append(
                _tombstone(assessment, ["record", *_stored_fields(assessment)], reason, actor, now)
            )
            counts.assessments += 1
        removed = ["record", *_stored_fields(resident)]
        if ResidentChange.objects.filter(resident=resident).exists():
            removed.append("changes")  # the history of corrections, deleted with the resident
        tombstones.append(_tombstone(resident, removed, reason, actor, now))
        audit.record(
            "resident_erased",
            actor=actor,
            resident=resident,
            reason=reason,
            assessments=counts.assessments,
        )
        # Assessments and the history of corrections go with it (CASCADE); case links are
        # already gone.
        resident.delete()
        Tombstone.objects.bulk_create(tombstones)
    return counts
