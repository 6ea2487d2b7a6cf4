"""The database file of a backup, and loading it back.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``, connecting with the settings of
DATABASE_URL passed as libpq environment variables (the password in PGPASSWORD, never on a
command line). SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a
consistent snapshot while the application keeps running.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import connections, transaction

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
SUFFIX = {POSTGRESQL: ".pgdump", SQLITE: ".sqlite3"}

#: libpq environment variables for OPTIONS of the Django database settings.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why (never a password)."""


def vendor(alias: str = "default") -> str:
    name = connections[alias].vendor
    if name not in SUFFIX:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {name}.")
    return name


def libpq_env(alias: str = "default") -> dict[str, str]:
    """The environment for pg_dump/pg_restore: PGHOST, PGPORT, PGUSER, PGPASSWORD, ..."""
    db = connections[alias].settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    for option, variable in _LIBPQ_OPTIONS.items():
        if db.get("OPTIONS", {}).get(option):
            env[variable] = str(db["OPTIONS"][option])
    return env


def pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found on PATH. Install the PostgreSQL client of the server's major "
            "version (Debian: apt-get install postgresql-client)."
        )
    return path


def tool_major(name: str) -> int:
    # The tool found on PATH, with fixed arguments.
    out = subprocess.run(  # noqa: S603
        [pg_tool(name), "--version"], capture_output=True, text=True, check=True
    )
    found = re.search(r"(\d+)(?:\.\d+)?", out.stdout)
    if found is None:
        raise BackupError(f"Cannot read the version of {name}: {out.stdout.strip()!r}")
    return int(found.group(1))


def check_tool_version(name: str, alias: str = "default") -> None:
    """pg_dump and pg_restore must be at least the server's major version."""
    connection = connections[alias]
    connection.ensure_connection()
    server = connection.pg_version // 10000
    tool = tool_major(name)
    if tool < server:
        raise BackupError(
            f"{name} is version {tool}, the server {server}: install the client of version "
            f"{server} or newer."
        )


def _run(args: list[str], env: dict[str, str]) -> None:
    # args: the tool found on PATH and options built here; no shell.
    done = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        # pg_dump/pg_restore errors name objects, not row contents.
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")


# --- Backup -----------------------------------------------------------------------------------


@contextmanager
def pg_snapshot(alias: str = "default"):
    """A repeatable-read transaction whose snapshot pg_dump shares (``--snapshot``): the
    counts of the manifest and the dump see exactly the same rows. Yields the snapshot id."""
    if connections[alias].in_atomic_block:
        raise BackupError("A backup runs in a transaction of its own, not inside another.")
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def pg_dump(target: Path, *, snapshot: str, alias: str = "default") -> None:
    args = [pg_tool("pg_dump"), "--format=custom", f"--file={target}", f"--snapshot={snapshot}"]
    _run(args, libpq_env(alias))


def sqlite_backup(target: Path, alias: str = "default") -> None:
    """Copy the live database into ``target`` in one step of the backup API."""
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


# --- Restore ----------------------------------------------------------------------------------


def table_names(alias: str = "default") -> list[str]:
    with connections[alias].cursor() as cursor:
        return connections[alias].introspection.table_names(cursor)


def pg_restore(source: Path, *, force: bool, alias: str = "default") -> None:
    check_tool_version("pg_restore", alias)
    name = connections[alias].settings_dict["NAME"]
    connections[alias].close()
    args = [
        pg_tool("pg_restore"),
        f"--dbname={name}",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if force:
        args += ["--clean", "--if-exists"]
    _run([*args, str(source)], libpq_env(alias))


def sqlite_restore(source: Path, alias: str = "default") -> None:
    """Copy the backup file over the configured SQLite database with the backup API."""
    target = str(connections[alias].settings_dict["NAME"])
    if target == ":memory:" or "mode=memory" in target:
        raise BackupError("Restore needs a database file, not an in-memory database.")
    connections[alias].close()
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    backup = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    live = sqlite3.connect(target)
    try:
        backup.backup(live)
    finally:
        live.close()
        backup.close()
