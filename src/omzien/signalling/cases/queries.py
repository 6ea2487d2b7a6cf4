"""Reads of signalling records, all starting from the scoping layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.shortcuts import get_object_or_404
from django.utils import timezone

from omzien.assessment.models import Assessment
from omzien.core import audit
from omzien.core.models import Membership, Municipality, User
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.models import (
    Case,
    CaseEvent,
    Referral,
    Sign,
    Signal,
)


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
    """Open cases the user may see: urgent ones nobody took first, then overdue, urgent, by
    deadline."""
    now = timezone.now()
    return (
        Case.objects.visible_to(user, municipality)
        .filter(state__in=OPEN_STATES)
        .annotate(
            # Urgent cases nobody has taken yet come first in everyone's queue (issue 8).
            urgent_untaken=When_(
                When(urgent=True, caseworker__isnull=True, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            overdue=When_(
                When(overdue_q(now), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .select_related("resident", "caseworker", "team", "district")
        .order_by("-urgent_untaken", "-overdue", "-urgent", "contact_deadline", "pk")
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


# --- The case page ---------------------------------------------------------------------


@dataclass
class TimelineEntry:
    """One line of the case timeline: an event or a signal, with what it points to."""

    at: dt.datetime
    kind: str
    event: CaseEvent | None = None
    signal: Signal | None = None
    assessment: Assessment | None = None
    subject: User | None = None
    referral: Referral | None = None
    sign_labels: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return CaseEvent.Kind(self.kind).label


def _sign_labels(values) -> list[str]:
    labels = []
    for value in values or []:
        try:
            labels.append(str(Sign(value).label))
        except ValueError:
            labels.append(str(value))
    return labels


#: Timeline events about a referral (issue 9): ``related_id`` is the referral.
REFERRAL_KINDS = (CaseEvent.Kind.REFERRAL, CaseEvent.Kind.REFERRAL_FOLLOW_UP)


def case_timeline(user: User, municipality: Municipality, case: Case) -> list[TimelineEntry]:
    """Signals, attempts, notes, consent, assessments and state moves, oldest first."""
    events = list(case.events.select_related("actor").order_by("at", "pk"))
    signals = {
        s.pk: s
        for s in Signal.objects.visible_to(user, municipality)
        .filter(case=case)
        .select_related("organisation")
    }
    assessment_ids = [e.related_id for e in events if e.kind == CaseEvent.Kind.ASSESSMENT]
    assessments = {
        a.pk: a
        for a in Assessment.objects.visible_to(user, municipality).filter(pk__in=assessment_ids)
    }
    user_ids = [e.related_id for e in events if e.kind == CaseEvent.Kind.ASSIGNMENT]
    users = {u.pk: u for u in User.objects.filter(pk__in=user_ids)}
    referral_ids = [e.related_id for e in events if e.kind in REFERRAL_KINDS]
    referrals = (
        Referral.objects.visible_to(user, municipality)
        .select_related("initiative")
        .in_bulk(referral_ids)
    )

    entries: list[TimelineEntry] = []
    shown_signals: set[int] = set()
    for event in events:
        entry = TimelineEntry(at=event.at, kind=event.kind, event=event)
        if event.kind == CaseEvent.Kind.SIGNAL:
            entry.signal = signals.get(event.related_id)
            if entry.signal is None:
                continue
            shown_signals.add(entry.signal.pk)
            entry.sign_labels = _sign_labels(entry.signal.signs)
        elif event.kind == CaseEvent.Kind.ASSESSMENT:
            entry.assessment = assessments.get(event.related_id)
        elif event.kind == CaseEvent.Kind.ASSIGNMENT:
            entry.subject = users.get(event.related_id)
        elif event.kind in REFERRAL_KINDS:
            entry.referral = referrals.get(event.related_id)
        entries.append(entry)
    for signal in signals.values():
        if signal.pk not in shown_signals:
            entries.append(
                TimelineEntry(
                    at=signal.created_at,
                    kind=CaseEvent.Kind.SIGNAL,
                    signal=signal,
                    sign_labels=_sign_labels(signal.signs),
                )
            )
    entries.sort(key=lambda e: (e.at, e.event.pk if e.event else 0))
    return entries


def caseworkers_of(user: User, municipality: Municipality) -> QuerySet[User]:
    """People who hold the caseworker role in this municipality (for assigning)."""
    member_ids = (
        Membership.objects.visible_to(user, municipality)
        .filter(role="caseworker", user__is_active=True)
        .values("user_id")
    )
    return User.objects.filter(pk__in=member_ids).order_by("first_name", "last_name", "pk")
