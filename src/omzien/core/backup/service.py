"""Taking a backup and restoring one: what ``manage.py backup`` and ``restore`` run."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from omzien.core.backup import dumps, journal, manifest, replay
from omzien.core.backup.dumps import POSTGRESQL, SQLITE, BackupError

logger = logging.getLogger("omzien.backup")

#: Journal entries this long before the backup started are replayed too: clocks of the
#: application servers and the backup host may differ a little (replaying is idempotent).
CLOCK_MARGIN = dt.timedelta(hours=1)


def backup_dir() -> Path:
    return Path(settings.OMZIEN_BACKUP_DIR)


def take_backup(directory: Path | None = None, *, alias: str = "default") -> Path:
    """Write ``omzien-<UTC time>.<pgdump|sqlite3>`` and its manifest; return the file."""
    vendor = dumps.vendor(alias)
    directory = directory or backup_dir()
    directory.mkdir(parents=True, exist_ok=True)
    started_at = timezone.now()
    stamp = started_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = directory / f"omzien-{stamp}{dumps.SUFFIX[vendor]}"
    partial = target.with_name(target.name + ".partial")
    try:
        if vendor == POSTGRESQL:
            dumps.check_tool_version("pg_dump", alias)  # before anything is written
            with dumps.pg_snapshot(alias) as snapshot:
                tables = manifest.table_counts(alias)
                migrations = manifest.migration_state(alias)
                dumps.pg_dump(partial, snapshot=snapshot, alias=alias)
        else:
            dumps.sqlite_backup(partial, alias)
            tables = manifest.sqlite_file_counts(partial)
            migrations = manifest.migration_state(alias)
        partial.rename(target)
    finally:
        partial.unlink(missing_ok=True)
    data = manifest.build(
        vendor=vendor,
        backup_file=target,
        started_at=started_at,
        finished_at=timezone.now(),
        migrations=migrations,
        tables=tables,
    )
    manifest.write(target, data)
    logger.info(
        "backup written file=%s vendor=%s tables=%s rows=%s",
        target.name,
        vendor,
        len(tables),
        sum(tables.values()),
    )
    return target


@dataclass
class RestoreResult:
    manifest: dict
    replayed: dict[str, int] = field(default_factory=dict)
    already_erased: int = 0
    #: The journal files replayed and their number of lines.
    journals: dict[Path, int] = field(default_factory=dict)


def _check_journals(journals: Sequence[Path] | None) -> dict[Path, int]:
    """Lines per journal file; refuses before anything is restored if a file is missing.
    ``None``: the operator said --no-journal; an empty list: no journal configured."""
    if journals is None:
        return {}
    if not journals:
        raise BackupError(
            "No erasure journal is configured (OMZIEN_ERASURE_JOURNAL is empty). Give the "
            "journal file(s) with --journal PATH, or --no-journal for a first installation "
            "or a test. Nothing was restored."
        )
    try:
        return journal.check_files(journals)
    except journal.JournalMissing as missing:
        raise BackupError(
            f"The erasure journal {missing} does not exist. Without it, data erased after "
            "the backup would come back. Give the right file(s) with --journal PATH (one "
            "per node if each node keeps its own), or --no-journal for a first installation "
            "or a test. Nothing was restored."
        ) from None


def restore(
    backup_file: Path,
    *,
    journals: Sequence[Path] | None,
    force: bool = False,
    alias: str = "default",
) -> RestoreResult:
    """Load ``backup_file`` into the configured (empty, unless ``force``) database, bring its
    schema up to date, erase again what the journal files ``journals`` (their union; None:
    no journal) say was erased since the backup, and run the time-based retention once."""
    data = manifest.read(backup_file)
    vendor = dumps.vendor(alias)
    if data["vendor"] != vendor:
        raise BackupError(f"This is a {data['vendor']} backup; the database is {vendor}.")
    tables = dumps.table_names(alias)
    if tables and not force:
        raise BackupError(
            f"The database is not empty ({len(tables)} tables). Restore into an empty "
            "database, or give --force to replace its contents."
        )
    journal_lines = _check_journals(journals)
    if vendor == POSTGRESQL:
        dumps.pg_restore(backup_file, force=force, alias=alias)
    elif vendor == SQLITE:
        dumps.sqlite_restore(backup_file, alias)
    for connection in connections.all():
        connection.close()
    # A backup of an older release: bring the schema up to the code that replays.
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    result = RestoreResult(manifest=data, journals=journal_lines)
    since = data["started_at"] - CLOCK_MARGIN
    result.replayed, result.already_erased = replay.replay_erasures(since, list(journal_lines))
    replay.run_retention_purges()
    logger.info(
        "backup restored file=%s journals=%s replayed=%s already_erased=%s",
        backup_file.name,
        len(journal_lines),
        sum(result.replayed.values()),
        result.already_erased,
    )
    return result
