"""Replaying the erasure of a round's addresses after a restore (core/backup,
docs/backups.md): in a backup that predates it the round may still be running; it is closed
and its addresses erased again (``erase_round(force=True)``), or left alone when already
erased or gone."""

from __future__ import annotations

import datetime as dt

from django.db.models import Value
from django.db.models.functions import Coalesce

from omzien.core.backup.journal import ErasureKind, RetentionPurge
from omzien.visits.models import VisitRound
from omzien.visits.privacy.retention import erase_round, run_address_retention


def replay_round(round_id: int, reason: str, at: dt.datetime) -> bool:
    rounds = VisitRound.objects.filter(pk=round_id, erased_at__isnull=True)
    if not rounds.exists():
        return False
    rounds.exclude(status=VisitRound.Status.CLOSED).update(
        status=VisitRound.Status.CLOSED, closed_at=Coalesce("closed_at", Value(at))
    )
    return erase_round(round_id, now=at, force=True) is not None


ERASURE_KIND = ErasureKind("visit_addresses_erased", "visits.visitround", replay_round, 40)
RETENTION = RetentionPurge("visits", lambda: run_address_retention())
