"""Benchmark: the programme's national overview and a municipality's monitoring page
(issue 12, "Performance"). Figures in docs/benchmarks.md.

Creates a dedicated database (PostgreSQL: ``omzien_bench_monitoring``, dropped afterwards;
SQLite: a temporary file), migrates it, loads the real CBS reference data (342
municipalities, 3,474 districts) and generates, not timed (``bench/monitoring_data.py``):

* ``--cases`` cases (default 1,000,000) over the districts by inhabitants, each with one
  signal (six channels), created over the last 600 days: 60% first contacted 1 to 3 days
  later (two thirds within the 48-hour norm), a third closed with one of the eight outcomes,
  every 17th urgent;
* for every 10th contacted case a loneliness assessment at first contact and one 60 days
  later (a before/after pair); a coordinator in every municipality;
* five years of benchmark answers: the questionnaire of each year (``ensure_questionnaire``)
  and a submitted, scored response with every question answered for every municipality.

Then it times, in one process with Django's test client (server time: the whole stack,
middleware, second factor, queries, templates), after two unmeasured requests:

* ``GET /landelijk/monitoring/`` as the programme team (every national figure of every
  municipality for the current year);
* ``GET /g/<slug>/monitoring/`` as a policy officer of the largest municipality by
  inhabitants (Amsterdam), the median one and one at the 10th percentile (every monitoring
  table for the last 12 whole months);
* the raw SQL a person would write for the biggest part of each page: signals per
  municipality in the year (national); signals per month and channel and first contacts per
  month with those within the norm (municipality);

and reports p50/p95/max per page against the targets (500 ms and 300 ms, p95), the queries
of one request and the ratio to the raw SQL in the same run. Run from the repository root::

    .venv/bin/python bench/monitoring.py --db both
    .venv/bin/python bench/monitoring.py --db sqlite --cases 100000 --repeat 5

Two versions of the code on the same data: ``--keep`` once, then ``--reuse`` from each
checkout (a reuse run migrates first, so a new index is built on the kept data).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

from bench.common import drop_scratch_database  # noqa: E402
from bench.monitoring_data import (  # noqa: E402
    generate_assessments,
    generate_benchmark,
    generate_cases,
    generate_staff,
)
from bench.queue_common import pg_admin, prepare_schema, setup_django  # noqa: E402

PG_DB = "omzien_bench_monitoring"
TARGETS_MS = {"national": 500.0, "municipality": 300.0}
#: The raw SQL of the biggest part of each page, as one would write it by hand.
NATIONAL_SQL = [
    "SELECT municipality_id, COUNT(*) FROM signalling_signal WHERE created_at >= %s "
    "AND created_at < %s GROUP BY municipality_id",
]
MONTH = {
    "postgresql": "date_trunc('month', {column} AT TIME ZONE 'Europe/Amsterdam')",
    "sqlite": "strftime('%%Y-%%m', {column})",
}
MUNICIPALITY_SQL = [
    "SELECT {signal_month}, channel, COUNT(*) FROM signalling_signal "
    "WHERE municipality_id = %s AND created_at >= %s AND created_at < %s GROUP BY 1, 2",
    "SELECT {contact_month}, COUNT(*), SUM(CASE WHEN first_contact_at <= contact_deadline "
    "THEN 1 ELSE 0 END) FROM signalling_case WHERE municipality_id = %s "
    "AND first_contact_at >= %s AND first_contact_at < %s GROUP BY 1",
]


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _timed_get(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return ms, len(queries)


def _raw(sqls: list[str], params: list) -> float:
    from django.db import connection

    params = [
        connection.ops.adapt_datetimefield_value(p) if isinstance(p, dt.datetime) else p
        for p in params
    ]
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in sqls:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def _clients():
    """The programme team's client and, per chosen municipality (the largest by inhabitants,
    the median one, one at the 10th percentile), a policy officer's client."""
    from django.test import Client

    from omzien.core.models import Municipality
    from omzien.core.roles import Role
    from omzien.core.tests.factories import login_verified, member

    national = Client()
    login_verified(
        national, member(Role.PROGRAMME, username=f"bench-programme-{uuid.uuid4().hex[:8]}")
    )
    by_size = sorted(
        Municipality.objects.all(), key=lambda m: (m.key_figures or {}).get("aantal_inwoners") or 0
    )
    chosen = [by_size[-1], by_size[len(by_size) // 2], by_size[len(by_size) // 10]]
    local = []
    for municipality in chosen:
        client = Client()
        login_verified(
            client,
            member(Role.POLICY, municipality, username=f"bench-policy-{uuid.uuid4().hex[:8]}"),
        )
        local.append((municipality, client))
    return national, local


def measure(repeat: int) -> tuple[dict, dict]:
    """p50/p95/max input: the server times of each page and of its raw SQL; and the
    queries of one request of each page."""
    from django.db import connection
    from django.utils import timezone

    from omzien.core.monitoring_figures import bounds
    from omzien.monitoring.dashboard.filters import last_twelve_months

    national, local = _clients()
    year = timezone.localdate().year
    year_bounds = list(bounds(dt.date(year, 1, 1), dt.date(year + 1, 1, 1)))
    since, until = bounds(*last_twelve_months())
    month = MONTH[connection.vendor]
    local_sql = [
        sql.format(signal_month=month.format(column="created_at"),
                   contact_month=month.format(column="first_contact_at"))
        for sql in MUNICIPALITY_SQL
    ]  # fmt: skip
    pages = [("national", national, "/landelijk/monitoring/", NATIONAL_SQL, year_bounds)] + [
        (f"municipality {m.name}", client, f"/g/{m.slug}/monitoring/", local_sql,
         [m.pk, since, until])
        for m, client in local
    ]  # fmt: skip
    times: dict[str, list[float]] = {}
    queries: dict[str, int] = {}
    for key, client, url, sqls, params in pages:
        for _ in range(2):  # warm up
            _timed_get(client, url)
            _raw(sqls, params)
        measured = [_timed_get(client, url) for _ in range(repeat)]
        times[key] = [ms for ms, _n in measured]
        queries[key] = measured[0][1]
        times[f"{key} (raw SQL)"] = [_raw(sqls, params) for _ in range(repeat)]
    return times, queries


def report(times: dict, queries: dict) -> None:
    header = f"{'ms':<44} {'p50':>8} {'p95':>8} {'max':>8} {'target':>7} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for key, values in times.items():
        target = "" if "raw" in key else f"{TARGETS_MS[key.split()[0]]:.0f}"
        print(f"{key:<44} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
              f"{max(values):>8.1f} {target:>7} {queries.get(key, ''):>8}")  # fmt: skip
    for key, values in times.items():
        if "raw" not in key:
            raw = statistics.median(times[f"{key} (raw SQL)"])
            verdict = "met" if percentile(values, 0.95) < TARGETS_MS[key.split()[0]] else "MISSED"
            print(f"{key}: page / raw SQL {statistics.median(values) / raw:.1f}x (p50), "
                  f"target {verdict} (p95)")  # fmt: skip


def settle() -> None:
    """After the bulk load what autovacuum does on a running database: statistics and, on
    PostgreSQL, the visibility map that index-only scans need (not timed)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.ensure_connection()
        connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def run_one(args) -> int:
    database_url, sqlite_dir = _database(args)
    try:
        setup_django(database_url)
        from django.db import connection

        from omzien.assessment.models import Assessment
        from omzien.benchmark.models import Answer
        from omzien.signalling.models import Case

        print(f"== {connection.vendor}, {args.cases:,} cases ==", flush=True)
        if not args.reuse:
            print(f"migrate + reference data: {prepare_schema():.1f} s", flush=True)
            start = time.perf_counter()
            generate_cases(args.cases)
            generate_assessments()
            generate_staff()
            year = dt.date.today().year
            generate_benchmark([year - k for k in range(5)])
            settle()
            print(f"generated in {time.perf_counter() - start:.1f} s", flush=True)
        else:
            _migrate_kept()
        print(f"{Case.objects.count():,} cases and signals, {Assessment.objects.count():,} "
              f"assessments, {Answer.objects.count():,} benchmark answers", flush=True)  # fmt: skip
        print(f"load average before timing: {_load()}", flush=True)
        times, queries = measure(args.repeat)
        print(f"load average after timing: {_load()}")
        report(times, queries)
        connection.close()
        return 0
    finally:
        drop_scratch_database(args, PG_DB, sqlite_dir)


def _migrate_kept() -> None:
    """A kept database gets the migrations added since (new indexes), then settles."""
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    settle()
    print(f"migrate + settle (reuse): {time.perf_counter() - start:.1f} s", flush=True)


def _database(args) -> tuple[str, str | None]:
    """The database's URL and the SQLite folder. ``--keep`` and ``--reuse`` use a fixed
    SQLite folder (``<tmp>/omzien-bench-monitoring``), so that a later run can reuse it."""
    if args.db == "postgresql":
        if not args.reuse:
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            pg_admin(args.pg_url, f"CREATE DATABASE {PG_DB}")
        return f"{args.pg_url}/{PG_DB}", None
    if args.keep or args.reuse:
        sqlite_dir = os.path.join(tempfile.gettempdir(), "omzien-bench-monitoring")
        os.makedirs(sqlite_dir, exist_ok=True)
    else:
        sqlite_dir = tempfile.mkdtemp(prefix="omzien-bench-monitoring-")
    return f"sqlite:///{sqlite_dir}/bench.sqlite3", sqlite_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@localhost:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database kept by an earlier --keep run (no migrate, no new data); "
        "to compare two versions of the code on the same data",
    )
    args = parser.parse_args()
    if args.db == "both":
        status = 0
        for db in ("postgresql", "sqlite"):
            argv = [sys.executable, __file__, "--db", db, "--cases", str(args.cases),
                    "--repeat", str(args.repeat), "--pg-url", args.pg_url]  # fmt: skip
            argv += ["--keep"] if args.keep else []
            argv += ["--reuse"] if args.reuse else []
            status |= subprocess.call(argv)
        return status
    return run_one(args)


if __name__ == "__main__":
    sys.exit(main())
