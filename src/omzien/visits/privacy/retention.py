"""Retention of home-visit addresses (issue 11, item 7): a round's addresses are erased
``VisitRound.retention_days`` after it closed (strictly more than that many days ago).

Erasing one round, in one short transaction that locks the round and re-checks that it is
still due (so the job is idempotent and safe to run twice at once):

1. a ``RoundTombstone`` keeps counts only: the progress figures of the addresses per district
   (``progress.tables.ADDRESS_KEYS``, so progress reads the same afterwards), the addresses
   per status and per last outcome, and the attempts per outcome. No names, no addresses;
2. the phone numbers for a call-back on the round's visit reports are emptied;
3. the round's imports lose their uploaded file and their list of bad rows (which may quote
   what was in the file); their counts stay;
4. the ``VisitAddress`` rows are deleted. The attempts stay, with their round and district and
   without their address (``VisitAttempt.address`` is SET_NULL), and so do the reports'
   answers, which hold no name: the risk map and the district report keep their figures;
5. ``round.erased_at`` is set and one audit event is recorded for the round, with counts.

``run_address_retention`` runs it for every round due; ``manage.py erase_visit_addresses``
runs it now (docs/operations.md has the nightly schedule).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count
from django.utils import timezone
from django_tasks_db.utils import exclusive_transaction

from omzien.core import audit
from omzien.visits.models import (
    AddressImport,
    RoundTombstone,
    VisitAddress,
    VisitAttempt,
    VisitReport,
    VisitRound,
)
from omzien.visits.progress.tables import ADDRESS_KEYS, NO_DISTRICT, live_address_counts


def is_due(round: VisitRound, now: dt.datetime) -> bool:
    """Closed more than its retention ago, and not erased yet."""
    return (
        round.status == VisitRound.Status.CLOSED
        and round.closed_at is not None
        and round.erased_at is None
        and round.closed_at < now - dt.timedelta(days=round.retention_days)
    )


def rounds_due(now: dt.datetime | None = None, *, code: str | None = None) -> list[VisitRound]:
    """Every round whose addresses are due for erasure (of the municipality with CBS code
    ``code`` only, if given). Closed rounds not yet erased are few; the retention of each is
    compared here."""
    now = now or timezone.now()
    closed = VisitRound.objects.filter(
        status=VisitRound.Status.CLOSED, closed_at__isnull=False, erased_at__isnull=True
    ).select_related("municipality")
    if code:
        closed = closed.filter(municipality__code=code)
    return [found for found in closed.order_by("closed_at", "pk") if is_due(found, now)]


def _by(queryset, field: str) -> dict[str, int]:
    rows = queryset.values_list(field).annotate(n=Count("pk")).order_by()
    return {str(value or ""): n for value, n in rows}


def tombstone_counts(round: VisitRound) -> dict:
    """What the tombstone keeps: counts only, per district and per status or outcome."""
    districts = {
        NO_DISTRICT if district_id is None else str(district_id): {
            key: figures.get(key, 0) for key in ADDRESS_KEYS
        }
        for district_id, figures in live_address_counts(round).items()
    }
    addresses = VisitAddress.objects.filter(round=round)
    attempts = VisitAttempt.objects.filter(round=round)
    return {
        "addresses": sum(figures["addresses"] for figures in districts.values()),
        "status": _by(addresses, "status"),
        "last_outcome": _by(addresses, "last_outcome"),
        "attempts": _by(attempts, "outcome"),
        "districts": districts,
    }


def erase_round(
    round_id: int, *, now: dt.datetime | None = None, force: bool = False
) -> RoundTombstone | None:
    """Erase the addresses of one round if still due (with ``force``: if not erased yet, the
    replay of a restore); None if it was not (any more)."""
    now = now or timezone.now()
    with exclusive_transaction():
        round = VisitRound.objects.select_for_update().filter(pk=round_id).first()
        if round is None or round.erased_at is not None or not (force or is_due(round, now)):
            return None
        counts = tombstone_counts(round)
        tombstone = RoundTombstone.objects.create(round=round, erased_at=now, counts=counts)
        phones = (
            VisitReport.objects.filter(attempt__round=round).exclude(contact_phone="")
            .update(contact_phone="")
        )  # fmt: skip
        AddressImport.objects.filter(round=round).update(upload=b"", problems=[])
        VisitAddress.objects.filter(round=round).delete()
        round.erased_at = now
        round.save(update_fields=["erased_at"])
        audit.record(
            "visit_addresses_erased",
            municipality=round.municipality,
            obj=round,
            addresses=counts["addresses"],
            phones=phones,
        )
    return tombstone


def run_address_retention(
    *, now: dt.datetime | None = None, dry_run: bool = False, code: str | None = None
) -> dict[str, Counter]:
    """Erase (or with ``dry_run`` only count) the addresses of every round due; returns per
    municipality code the rounds and addresses erased (or that would be)."""
    now = now or timezone.now()
    results: dict[str, Counter] = {}
    for found in rounds_due(now, code=code):
        if dry_run:
            n = VisitAddress.objects.filter(round=found).count()
        else:
            tombstone = erase_round(found.pk, now=now)
            if tombstone is None:
                continue
            n = tombstone.counts["addresses"]
        tally = results.setdefault(found.municipality.code, Counter())
        tally["rounds"] += 1
        tally["addresses"] += n
    return results
