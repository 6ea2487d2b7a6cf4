"""Replaying the signalling point's erasures after a restore (core/backup, docs/backups.md).

A restored backup may predate an erasure: the case may still be open there, the reporter's
contact details still present, the resident still on file. Each function below erases the
record again through ``erasure.py`` (closing an open case first, with the outcome of an
erasure on request), or does nothing when it is already erased or gone. Registered as
``ErasureKind`` records in ``extensions.py``; ``manage.py restore`` runs them.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Value
from django.db.models.functions import Coalesce

from omzien.core.backup.journal import ErasureKind, RetentionPurge
from omzien.core.models import Resident
from omzien.signalling.cases.services import ERASURE_OUTCOME
from omzien.signalling.cases.workflow import CaseState
from omzien.signalling.models import Case, Tombstone
from omzien.signalling.privacy import retention
from omzien.signalling.privacy.erasure import (
    erase_case,
    erase_reporter_contact,
    erase_resident_record,
)

Reason = Tombstone.Reason


def _reason(reason: str, default: str) -> str:
    return reason if reason in Reason.values else default


def replay_case(case_id: int, reason: str, at: dt.datetime) -> bool:
    """Erase the personal data of a case again; an open case is closed first."""
    case = Case.objects.filter(pk=case_id, personal_data_erased_at__isnull=True)
    if not case.exists():
        return False
    case.exclude(state=CaseState.CLOSED).update(
        state=CaseState.CLOSED,
        outcome=ERASURE_OUTCOME,
        closed_at=Coalesce("closed_at", Value(at)),
    )
    return erase_case(case_id, reason=_reason(reason, Reason.REQUEST), now=at) is not None


def replay_reporter_contact(signal_id: int, reason: str, at: dt.datetime) -> bool:
    return erase_reporter_contact(
        signal_id,
        reason=_reason(reason, Reason.REPORTER_CONTACT),
        now=at,
        closed_only=False,
    )


def replay_resident(resident_id: int, reason: str, at: dt.datetime) -> bool:
    """Delete a resident again, with every case that still names them erased first."""
    if not Resident.objects.filter(pk=resident_id).exists():
        return False
    for case_id in Case.objects.filter(resident_id=resident_id).values_list("pk", flat=True):
        replay_case(case_id, reason, at)
    reason = _reason(reason, Reason.REQUEST)
    return erase_resident_record(resident_id, reason=reason, now=at) is not None


ERASURE_KINDS = (
    ErasureKind("case_personal_data_erased", "signalling.case", replay_case, order=10),
    ErasureKind("reporter_contact_erased", "signalling.signal", replay_reporter_contact, 20),
    ErasureKind("resident_erased", "core.resident", replay_resident, order=30),
)
RETENTION = RetentionPurge("signalling", lambda: retention.run_retention_everywhere())
