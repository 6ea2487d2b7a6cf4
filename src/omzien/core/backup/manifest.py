"""The manifest next to each backup file: what it is, never what is in it.

``<name>.manifest.json`` holds the format version, the database vendor, when the backup
started and finished, the file's size and SHA-256, the applied migrations per app and the
number of rows per table. No row contents, so no personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from importlib import metadata
from pathlib import Path

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from omzien.core.backup.dumps import BackupError, table_names

FORMAT_VERSION = 1
MANIFEST_SUFFIX = ".manifest.json"


def manifest_path(backup_file: Path) -> Path:
    return backup_file.with_name(backup_file.name + MANIFEST_SUFFIX)


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows per table, in the connection's current transaction."""
    connection = connections[alias]
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(table_names(alias)):
            quoted = connection.ops.quote_name(table)  # a table name from introspection
            cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def sqlite_file_counts(path: Path) -> dict[str, int]:
    """Rows per table of a SQLite file (the backup copy itself)."""
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in sorted(tables)
        }
    finally:
        db.close()


def migration_state(alias: str = "default") -> dict[str, list[str]]:
    """The applied migrations per app, sorted."""
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(
    *,
    vendor: str,
    backup_file: Path,
    started_at: dt.datetime,
    finished_at: dt.datetime,
    migrations: dict[str, list[str]],
    tables: dict[str, int],
) -> dict:
    try:
        version = metadata.version("omzien")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        version = ""
    return {
        "format_version": FORMAT_VERSION,
        "omzien_version": version,
        "vendor": vendor,
        "file": backup_file.name,
        "size": backup_file.stat().st_size,
        "sha256": sha256(backup_file),
        "started_at": started_at.isoformat(),
        "finished_at": finished_at.isoformat(),
        "migrations": migrations,
        "tables": tables,
    }


def write(backup_file: Path, manifest: dict) -> Path:
    path = manifest_path(backup_file)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read(backup_file: Path) -> dict:
    """The manifest of ``backup_file``, checked: known format, and the file unchanged."""
    path = manifest_path(backup_file)
    if not path.exists():
        raise BackupError(f"No manifest {path.name} next to the backup file.")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"Unknown manifest format {manifest.get('format_version')!r}.")
    if sha256(backup_file) != manifest["sha256"]:
        raise BackupError("The backup file does not match its manifest (SHA-256 differs).")
    manifest["started_at"] = dt.datetime.fromisoformat(manifest["started_at"])
    return manifest
