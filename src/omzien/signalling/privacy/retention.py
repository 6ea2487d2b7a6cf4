"""Retention: erase the personal data of closed cases after the municipality's period.
The passes run here; what is due and how one record is erased live in ``erasure.py``.

``run_retention(municipality)`` makes three passes (docs/privacy.md, "How long"):

1. **Closed cases** older than ``SignallingSettings.retention_days``: ``erase_case`` empties every
   personal field of the case's signals (the postcode keeps its four digits), the free text
   of its timeline, deletes its assessments and the accepted signals (partner API) of its signals
   (``AcceptedSignal``: key and body hash), and unlinks the resident. The case keeps only
   anonymous facts: district, team, channel, urgency, outcome and dates.
2. **Reporters' contact details** ``SignallingSettings.reporter_contact_retention_days`` after
   the case closed (default 30); the rest of the case is kept.
3. **Residents** nothing needs any more: no case links to them, no other record points at
   them, and no change or assessment within the retention period. They are deleted, not
   anonymised: every statistical fact already lives on the (erased) case and its signals.

Each record is erased in its own short transaction that first locks it and re-checks that it
is still due, so the job is idempotent, safe to run in several processes at once, and a crash
leaves nothing half-erased. Every erased record gets a ``Tombstone`` (which fields, why,
when; never the data). ``erase_case`` and ``erase_resident_record`` also serve the erasure
on request (``privacy.erase_resident``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from omzien.assessment.models import Assessment
from omzien.core.models import Municipality, Resident
from omzien.signalling.models import (
    Case,
    Signal,
)
from omzien.signalling.privacy.erasure import (
    Reason,
    RetentionCounts,
    case_assessments,
    cases_due,
    erase_case,
    erase_reporter_contact,
    erase_resident_record,
    events_with_text,
    reporter_contact_cutoff,
    reporter_contacts_due,
    residents_due,
    retention_cutoff,
)

# --- One municipality -------------------------------------------------------------------------


def run_retention(
    municipality: Municipality, *, now: dt.datetime | None = None, dry_run: bool = False
) -> RetentionCounts:
    """Erase what is due in one municipality, or with ``dry_run`` count it and change
    nothing. Both count with the same queries, so a dry run predicts the real run."""
    now = now or timezone.now()
    if dry_run:
        return _plan(municipality, now)
    counts = RetentionCounts()
    cutoff = retention_cutoff(municipality, now)
    for case_id in cases_due(municipality, now).order_by("pk").values_list("pk", flat=True):
        done = erase_case(case_id, reason=Reason.RETENTION, closed_before=cutoff, now=now)
        counts += done or RetentionCounts()
    contact_cutoff = reporter_contact_cutoff(municipality, now)
    for signal_id in (
        reporter_contacts_due(municipality, now).order_by("pk").values_list("pk", flat=True)
    ):
        if erase_reporter_contact(signal_id, closed_before=contact_cutoff, now=now):
            counts.reporter_contacts += 1
    still_due = residents_due(municipality, now)
    for resident_id in still_due.order_by("pk").values_list("pk", flat=True):
        done = erase_resident_record(
            resident_id, reason=Reason.RETENTION, still_due=still_due, now=now
        )
        counts += done or RetentionCounts()
    return counts


def _plan(municipality: Municipality, now: dt.datetime) -> RetentionCounts:
    counts = RetentionCounts()
    due = cases_due(municipality, now)
    erased_with_cases: set[int] = set()
    for case in due:
        counts.cases += 1
        counts.signals += case.signals.count()
        counts.events += events_with_text(case).count()
        erased_with_cases.update(case_assessments(case).values_list("pk", flat=True))
    counts.assessments = len(erased_with_cases)
    counts.reporter_contacts = (
        reporter_contacts_due(municipality, now).exclude(case__in=due.values("pk")).count()
    )
    residents = residents_due(municipality, now, leaving_cases=due)
    counts.residents = residents.count()
    counts.assessments += (
        Assessment.objects.filter(resident__in=residents.values("pk"))
        .exclude(pk__in=erased_with_cases)
        .count()
    )
    return counts


def run_retention_everywhere(
    *, now: dt.datetime | None = None, dry_run: bool = False, code: str | None = None
) -> dict[str, RetentionCounts]:
    """``run_retention`` for every municipality (or the one with CBS code ``code``);
    returns the counts of those where something was (or would be) erased."""
    now = now or timezone.now()
    # Only municipalities that hold any case or resident have anything to erase.
    municipalities = Municipality.objects.filter(
        Q(pk__in=Case.objects.values("municipality_id"))
        | Q(pk__in=Resident.objects.values("municipality_id"))
    ).order_by("code")
    if code:
        municipalities = municipalities.filter(code=code)
    results = {}
    for municipality in municipalities:
        counts = run_retention(municipality, now=now, dry_run=dry_run)
        if counts:
            results[municipality.code] = counts
    return results


# --- What statistics keep ---------------------------------------------------------------------


def anonymous_facts(municipality: Municipality) -> dict[str, dict[str, int]]:
    """The facts that survive erasure, as counts: cases by district, outcome, month of intake
    and month of closing; signals by channel and district. None of them names a person."""
    cases = Case.objects.filter(municipality=municipality)
    signals = Signal.objects.filter(municipality=municipality)

    def count_by(qs, expression) -> dict[str, int]:
        rows = qs.values(key=expression).annotate(n=Count("pk")).order_by("key")
        return {str(row["key"] or ""): row["n"] for row in rows}

    return {
        "cases_by_district": count_by(cases, F("district__code")),
        "cases_by_outcome": count_by(cases, F("outcome")),
        "cases_by_month": count_by(cases, TruncMonth("created_at")),
        "cases_closed_by_month": count_by(cases, TruncMonth("closed_at")),
        "signals_by_channel": count_by(signals, F("channel")),
        "signals_by_district": count_by(signals, F("district__code")),
        "urgent_signals": {"urgent": signals.filter(urgent=True).count()},
    }
