"""After a restore: erase again what was erased after the backup was taken.

Every entry of the erasure journal files (``journal.py``; one shared file, or one per node)
from ``since`` on is handed to the ``replay`` of its kind, oldest first; a record already
erased or gone is left alone, so a replay may run any number of times. Then each app's
time-based retention runs once, for what fell due while the backup lay on the shelf.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from omzien.core.backup import journal

logger = logging.getLogger("omzien.backup")


def replay_erasures(since: dt.datetime | None, paths: Sequence[Path]) -> tuple[dict[str, int], int]:
    """Replay the union of the journal files ``paths`` from ``since``; returns (erased again
    per kind, entries that needed nothing)."""
    erased: Counter[str] = Counter()
    nothing = 0
    with journal.replaying():
        for entry in journal.entries(since, paths):
            kind = journal.kind_of(entry["kind"])
            if kind is None:
                logger.warning("erasure journal: unknown kind %s, skipped", entry["kind"])
                continue
            if kind.replay(int(entry["id"]), entry.get("reason", ""), entry["time"]):
                erased[kind.code] += 1
            else:
                nothing += 1
    return dict(erased), nothing


def run_retention_purges() -> None:
    """Each app's retention pass, once; what it erases is journalled as usual."""
    for purge in journal.retention_purges:
        purge.run()
