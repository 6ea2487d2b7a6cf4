"""Writes of core records: acting user first, one transaction, audit inside."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import transaction

from omzien.core import audit
from omzien.core.models import Municipality, Resident, ResidentChange, User
from omzien.core.scoping import require


@transaction.atomic
def create_resident(*, actor: User, municipality: Municipality, data: dict) -> Resident:
    require(actor, "change_resident", municipality)
    resident = Resident(municipality=municipality, **data)
    resident.full_clean(exclude=["district"])
    resident.save()
    audit.record("resident_created", actor=actor, resident=resident)
    return resident


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@transaction.atomic
def update_resident(*, actor: User, resident: Resident, data: dict) -> Resident:
    """Complete or correct a resident's details. The old and new values go to the resident's
    history (``ResidentChange``, deleted with the resident); the audit event names only the
    fields. Signals keep the address as it was reported: nothing here touches them."""
    require(actor, "change_resident", resident)
    resident = Resident.objects.select_for_update().get(pk=resident.pk)
    old = {field: getattr(resident, field) for field in data}
    changed = [field for field, value in data.items() if old[field] != value]
    for field in changed:
        setattr(resident, field, data[field])
    if changed:
        resident.full_clean(exclude=["district"])
        resident.save()
        history = ResidentChange.objects.create(
            municipality=resident.municipality,
            resident=resident,
            actor=actor,
            changes=[
                {"field": f, "old": _as_text(old[f]), "new": _as_text(getattr(resident, f))}
                for f in changed
            ],
        )
        audit.record(
            "resident_changed", actor=actor, resident=resident, fields=changed, change=history.pk
        )
    return resident


def username_for(email: str) -> str:
    """A username for a new account: the e-mail address when it fits the column (150), else
    its start with a short hash. People log in with their e-mail address either way."""
    limit = User._meta.get_field("username").max_length
    if len(email) <= limit:
        return email
    digest = hashlib.sha256(email.encode()).hexdigest()[:12]
    return f"{email[: limit - 13]}-{digest}"
