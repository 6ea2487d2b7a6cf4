"""One audit call: ``audit.record("resident_viewed", actor=user, resident=resident)``.

Every read and write of a resident's personal data records an event. ``extra`` carries
identifiers and codes only (never names, addresses or free text), so the log itself holds no
personal data beyond the resident's internal number.

**One entry per page view.** Staff pages run inside ``page_view`` (``core.permissions.
municipality_view``). There an event of a *read* action (``AuditAction(read=True)`` in
``core.extensions.audit_actions``) waits until the page is done: a read that a write of the
same request already names (same object or same resident) is dropped, and of several reads of
the same object or resident only the last, most specific one is kept (the inzage's
``resident_exported``, not the ``resident_viewed`` before it). A HEAD request sends no page,
so its reads are not recorded at all; a page that fails records none either. Writes are
recorded at once, inside their transaction, as everywhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
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
    page = _page.get()
    if page is not None and _is_read(action):
        page.reads.append(event)
        return event
    if page is not None:
        page.writes.append(event)
    _save(event)
    return event


def _save(event: AuditEvent) -> None:
    from omzien.core.backup import journal

    event.save()
    journal.note(event)  # erasures go to the erasure journal too (docs/backups.md)
    municipality = event.municipality if event.municipality_id else None
    logger.info(
        "audit action=%s actor=%s object=%s:%s municipality=%s",
        event.action,
        event.actor_label,
        event.object_type,
        event.object_id,
        getattr(municipality, "code", "-"),
    )


def _is_read(action: str) -> bool:
    from omzien.core.extensions import read_actions

    return action in read_actions()


@dataclass
class _Page:
    quiet: bool
    reads: list[AuditEvent] = field(default_factory=list)
    writes: list[AuditEvent] = field(default_factory=list)


_page: ContextVar[_Page | None] = ContextVar("omzien_audit_page", default=None)


def _about(event: AuditEvent) -> set[tuple[str, str]]:
    about = {(event.object_type, event.object_id)} if event.object_type else set()
    if event.resident_id_ref is not None:
        about.add(("resident", str(event.resident_id_ref)))
    return about


@contextmanager
def page_view(method: str) -> Iterator[None]:
    """Collect the read events of one page (see the module's docstring) and record at most
    one per object or resident when the page is done."""
    page = _Page(quiet=method == "HEAD")
    token = _page.set(page)
    try:
        yield
    finally:
        _page.reset(token)
    if page.quiet:
        return
    covered = set().union(*(_about(e) for e in page.writes))
    kept = []
    for event in reversed(page.reads):
        about = _about(event)
        if about & covered:
            continue
        covered |= about
        kept.append(event)
    for event in reversed(kept):
        _save(event)
