"""The erasure journal: one line per erasure, in an append-only file outside the database.

A backup taken before an erasure still holds the erased data; restoring it would bring the
data back. A table would not help (the older backup rolls it back too), so every erasure is
also written here, after its transaction commits, as one JSON line with only the time, the
kind (the audit action code), the model and the record's id, and the reason category
(retention, request, ...): no personal data. ``manage.py restore`` replays the lines newer
than the backup (``replay.py``).

Apps say which audit actions are erasures and how to replay them with an ``ErasureKind``
(``erasure_kinds``); ``audit._save`` calls ``note`` for every event, the one place every
erasure passes through.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from omzien.core.extensions import Registry

logger = logging.getLogger("omzien.backup")


@dataclass(frozen=True)
class ErasureKind:
    """An audit action that records an erasure (``code``), the model of its record
    (``model``, a label such as ``"signalling.case"``) and ``replay(record_id, reason, at)``,
    which erases that record again if it is still there and not erased (idempotent)."""

    code: str
    model: str
    replay: Callable[[int, str, dt.datetime], bool] = field(compare=False)
    order: int = 100


@dataclass(frozen=True)
class RetentionPurge:
    """A time-based retention pass (``run()``), run once after a restore."""

    key: str
    run: Callable[[], object] = field(compare=False)
    order: int = 100


erasure_kinds: Registry[ErasureKind] = Registry("erasure_kinds")
retention_purges: Registry[RetentionPurge] = Registry("retention_purges")

#: While set, erasures are not journalled again (the replay of a restore).
_replaying: contextvars.ContextVar[bool] = contextvars.ContextVar("replaying", default=False)


def kind_of(code: str) -> ErasureKind | None:
    return next((kind for kind in erasure_kinds if kind.code == code), None)


def journal_path() -> Path | None:
    """The journal file, or None when switched off (empty OMZIEN_ERASURE_JOURNAL)."""
    configured = str(getattr(settings, "OMZIEN_ERASURE_JOURNAL", "") or "")
    return Path(configured) if configured else None


def note(event) -> None:
    """Journal an audit event if it records an erasure, once its transaction commits."""
    kind = kind_of(event.action)
    if kind is None or _replaying.get() or not event.object_id:
        return
    entry = {
        "kind": kind.code,
        "model": kind.model,
        "id": int(event.object_id),
        "reason": str((event.extra or {}).get("reason", "")),
    }
    transaction.on_commit(lambda: append(entry))


def append(entry: dict) -> None:
    """Append one line (with the time now) in a single write: lines of several processes do
    not mix. A failure is logged, not raised: the erasure itself has committed."""
    path = journal_path()
    if path is None:
        return
    line = json.dumps({"time": timezone.now().isoformat(), **entry}, sort_keys=True) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line.encode())
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        logger.error(
            "erasure journal not written kind=%s model=%s id=%s path=%s",
            entry["kind"],
            entry["model"],
            entry["id"],
            path,
        )


class JournalMissing(Exception):
    """A journal file to replay does not exist."""


def check_files(paths: Sequence[Path]) -> dict[Path, int]:
    """The number of lines of each journal file; raises ``JournalMissing`` naming the files
    that do not exist (a restore must not run as if nothing had been erased)."""
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        raise JournalMissing(", ".join(missing))
    counts = {}
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            counts[path] = sum(1 for line in lines if line.strip())
    return counts


def entries(since: dt.datetime | None = None, paths: Sequence[Path] | None = None) -> list[dict]:
    """The entries of the journal files ``paths`` (default: the configured journal), those at
    or after ``since`` only if given: the union of all files (a line in several files counts
    once), oldest first. Several nodes may each keep a journal of their own."""
    if paths is None:
        configured = journal_path()
        paths = [configured] if configured is not None else []
    seen: dict[tuple, dict] = {}
    for path in paths:
        for entry in _read(path):
            if since is None or entry["time"] >= since:
                key = (entry["time"], entry["kind"], entry["model"], entry["id"])
                seen.setdefault(key, entry)
    return sorted(seen.values(), key=lambda entry: entry["time"])


def _read(path: Path) -> Iterator[dict]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                entry["time"] = dt.datetime.fromisoformat(entry["time"])
                entry["id"] = int(entry["id"])
                entry["kind"] = str(entry["kind"])
                entry["model"] = str(entry.get("model", ""))
            except (ValueError, KeyError, TypeError):
                # A line cut short by a crash mid-write; the next lines are still good.
                logger.warning("erasure journal line %s unreadable, skipped", number)
                continue
            yield entry


class replaying:
    """Context manager: erasures inside it are not journalled again."""

    def __enter__(self):
        self._token = _replaying.set(True)
        return self

    def __exit__(self, *exc):
        _replaying.reset(self._token)
        return False
