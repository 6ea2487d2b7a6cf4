"""Shared parts of the benchmarks that time functions on a scratch database
(``bench/riskmap.py``, ``bench/matching.py``): the load average, a percentile, timing one
call, the scratch database (PostgreSQL or a SQLite file in a temporary folder) and running the
script once per database for ``--db both``."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.queue_common import pg_admin

DATABASES = ("postgresql", "sqlite")


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def timed(function, *args):
    """``function(*args)`` and the time it took in milliseconds."""
    start = time.perf_counter()
    result = function(*args)
    return result, (time.perf_counter() - start) * 1000


def scratch_database(args, pg_db: str, prefix: str) -> tuple[str, str | None]:
    """The database URL for ``args.db`` (made empty) and the SQLite folder, if any."""
    if args.db == "postgresql":
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
        pg_admin(args.pg_url, f"CREATE DATABASE {pg_db}")
        return f"{args.pg_url}/{pg_db}", None
    sqlite_dir = tempfile.mkdtemp(prefix=prefix)
    return f"sqlite:///{sqlite_dir}/bench.sqlite3", sqlite_dir


def drop_scratch_database(args, pg_db: str, sqlite_dir: str | None) -> None:
    """Remove the scratch database, unless ``--keep``."""
    if args.db == "postgresql" and not args.keep:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {pg_db} WITH (FORCE)")
    if sqlite_dir and not args.keep:
        for file in Path(sqlite_dir).glob("*"):
            file.unlink()
        os.rmdir(sqlite_dir)


def each_database(script: str, options: list[str]) -> int:
    """Run ``script`` with ``options`` once per database (``--db both``), each in its own
    process; a failure of either fails the whole."""
    status = 0
    for db in DATABASES:
        status |= subprocess.call([sys.executable, script, "--db", db, *options])
    return status
