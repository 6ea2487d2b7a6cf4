"""Taking a backup and restoring one: what ``manage.py backup`` and ``restore`` run."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from omzien.core.backup import dumps, manifest, replay
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


def restore(backup_file: Path, *, force: bool = False, alias: str = "default") -> RestoreResult:
    """Load ``backup_file`` into the configured (empty, unless ``force``) database, bring its
    schema up to date, erase again what the journal says was erased since the backup, and
    run the time-based retention once."""
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
    if vendor == POSTGRESQL:
        dumps.pg_restore(backup_file, force=force, alias=alias)
    elif vendor == SQLITE:
        dumps.sqlite_restore(backup_file, alias)
    for connection in connections.all():
        connection.close()
    # A backup of an older release: bring the schema up to the code that replays.
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    result = RestoreResult(manifest=data)
    since = data["started_at"] - CLOCK_MARGIN
    result.replayed, result.already_erased = replay.replay_erasures(since)
    replay.run_retention_purges()
    logger.info(
        "backup restored file=%s replayed=%s already_erased=%s",
        backup_file.name,
        sum(result.replayed.values()),
        result.already_erased,
    )
    return result
