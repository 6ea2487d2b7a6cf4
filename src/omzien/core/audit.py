"""One audit call: ``audit.record("resident_viewed", actor=user, resident=resident)``.

Every read and write of a resident's personal data records an event. ``extra`` carries
identifiers and codes only (never names, addresses or free text), so the log itself holds no
personal data beyond the resident's internal number.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import models

from omzien.core.models import AuditEvent

logger = logging.getLogger("omzien.audit")

_ALLOWED_EXTRA = (int, float, bool, type(None))
_MAX_EXTRA_TEXT = 64


def _clean_extra(extra: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in extra.items():
        if isinstance(value, models.Model):
            value = value.pk
        if isinstance(value, str):
            if len(value) > _MAX_EXTRA_TEXT:
                raise ValueError(f"Audit extra {key!r} is too long: pass a code, not free text.")
        elif isinstance(value, list | tuple):
            value = [v.pk if isinstance(v, models.Model) else v for v in value]
        elif not isinstance(value, _ALLOWED_EXTRA):
            value = str(value)[:_MAX_EXTRA_TEXT]
        cleaned[key] = value
    return cleaned


def record(
    action: str,
    *,
    actor=None,
    municipality=None,
    obj: models.Model | None = None,
    resident=None,
    **extra: Any,
) -> AuditEvent:
    """Append one event. ``obj`` is the record acted on; ``resident`` whose data it touches."""
    if resident is not None and obj is None:
        obj = resident
    if municipality is None:
        for candidate in (obj, resident):
            if candidate is not None and getattr(candidate, "municipality_id", None):
                municipality = candidate.municipality
                break
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        actor=actor_obj,
        actor_label=f"user:{actor_obj.pk}" if actor_obj else "anonymous",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        resident_id_ref=getattr(resident, "pk", resident) if resident is not None else None,
        municipality=municipality,
        extra=_clean_extra(extra),
    )
    event.save()
    logger.info(
        "audit action=%s actor=%s object=%s:%s municipality=%s",
        action,
        event.actor_label,
        event.object_type,
        event.object_id,
        getattr(municipality, "code", "-"),
    )
    return event
