"""Benchmark: the risk map's pages with many cases (issue 10, "Performance").

Creates a dedicated database (PostgreSQL: ``omzien_bench_pages``, created and dropped here;
SQLite: a temporary file), migrates it, loads the real reference data (342 municipalities,
3,474 districts) and generates, not timed, ``--cases`` cases with one signal each with the
builder of ``bench/riskmap.py`` (spread over the districts by inhabitants, last 600 days, 60%
with a first contact). Every municipality gets a coordinator (``--in-use all``, the default:
the national map then counts signals for all 342, its worst case) or only the municipality
with the most districts does (``--in-use one``).

Then, in-process through Django's test client (the whole stack: middleware, session, second
factor, permission, audit, queries, template), with ``Accept-Encoding: gzip``, each URL
``--repeat`` times after two unmeasured requests:

* baselines: the login page (anonymous, a plain template) and the hand-written SQL of the
  reached counts of that municipality (``bench/riskmap.py``'s ``HAND_SQL``);
* as a policy officer of the municipality with the most districts: its map page (HTML), its
  district GeoJSON (default detail, cold: cache emptied before each request, and warm), a
  district page, the CSV and the XLSX export;
* as the programme team: the national map page (HTML) and its GeoJSON (medium, cold and warm).

Reported per URL: bytes sent (as the app sends them: there is no ``GZipMiddleware``; only the
GeoJSON views compress), the same gzipped (what a compressing proxy would send), p50/p95/max
server time and the queries of one request. Targets (the issue): the municipality's map page,
HTML and GeoJSON, each under 300 ms (p95) and together under 500 KB sent; the national map
page and its GeoJSON together under 1 MB sent. Figures in docs/benchmarks.md.

Run from the repository root::

    .venv/bin/python bench/riskmap_pages.py --db both
    .venv/bin/python bench/riskmap_pages.py --db sqlite --cases 100000 --repeat 10

Two versions of the code on the same data: ``--keep`` once, then ``--reuse`` from each
checkout (the SQLite file is kept in ``<tmp>/omzien-bench-pages``, the PostgreSQL database
until a run without ``--keep`` drops it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import gzip  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from bench.queue_common import pg_admin, prepare_schema, setup_django  # noqa: E402
from bench.riskmap import HAND_SQL, generate  # noqa: E402

PG_DB = "omzien_bench_pages"
#: Indexes tried with --candidate-indexes (the same SQL on both databases). Since signalling
#: migration 0014 the models have them (``signalling_case_reached_idx``,
#: ``signalling_signal_district_idx``), so the flag now only adds duplicates; kept to compare
#: with the figures measured before the migration (docs/benchmarks.md). ``id`` because the
#: registered counts count ``id`` (PostgreSQL would otherwise read every row).
CANDIDATE_INDEXES = (
    "CREATE INDEX IF NOT EXISTS bench_case_reached_idx ON signalling_case "
    "(municipality_id, first_contact_at, district_id, id)",
    "CREATE INDEX IF NOT EXISTS bench_signal_district_idx ON signalling_signal "
    "(municipality_id, created_at, district_id, id)",
)
TIME_LIMIT_MS = 300.0
PAGE_LIMIT = 500_000
NATIONAL_LIMIT = 1_000_000
STATICS = {
    "map": ("riskmap/riskmap.js", "riskmap/riskmap.css"),
    "national": ("riskmap/national.js", "riskmap/national.css"),
    "both": ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"),
}


@dataclass
class Result:
    label: str
    times: list[float]
    sent: int = 0
    gzipped: int = 0
    queries: int = 0

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _sizes(response) -> tuple[int, int]:
    sent = response.content
    plain = gzip.decompress(sent) if response.get("Content-Encoding") == "gzip" else sent
    return len(sent), len(gzip.compress(plain, 6))


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, headers={"Accept-Encoding": "gzip"})
    return len(captured)


def request(label: str, client, url: str, repeat: int, *, cold: bool = False) -> Result:
    """``repeat`` timed GETs of ``url`` after two untimed ones; ``cold``: the boundaries'
    caches emptied before each."""
    from omzien.riskmap import boundaries

    def one():
        if cold:
            boundaries.cache.clear()
            boundaries.municipalities.cache_clear()
        start = time.perf_counter()
        response = client.get(url, headers={"Accept-Encoding": "gzip"})
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        return response, elapsed

    for _ in range(2):
        one()
    times, response = [], None
    for _ in range(repeat):
        response, elapsed = one()
        times.append(elapsed)
    result = Result(label, times, *_sizes(response))
    result.queries = _queries(client, url)
    return result


def hand_sql(municipality, repeat: int) -> Result:
    from django.db import connection

    from omzien.riskmap.indicators import last_twelve_months

    period = last_twelve_months()
    times = []
    for i in range(repeat + 2):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, [municipality.pk, period.since, period.until])
            cursor.fetchall()
        if i >= 2:
            times.append((time.perf_counter() - start) * 1000)
    return Result("reached counts, hand-written SQL (baseline)", times, queries=1)


def static_sizes(names) -> tuple[int, int]:
    from django.contrib.staticfiles import finders

    raw = [Path(finders.find(name)).read_bytes() for name in names]
    return sum(map(len, raw)), sum(len(gzip.compress(b, 6)) for b in raw)


def _user():
    """A user with a name of its own (a ``--reuse`` run adds users to a kept database)."""
    import uuid

    from omzien.core.tests.factories import UserFactory

    name = f"bench-{uuid.uuid4().hex[:12]}"
    return UserFactory(username=name, email=f"{name}@example.invalid")


def users(biggest, in_use: str):
    """A logged-in policy officer of ``biggest``, the programme team and an anonymous
    client; a coordinator in every municipality without one with ``in_use == "all"``."""
    from django.test import Client

    from omzien.core.models import Municipality
    from omzien.core.roles import Role
    from omzien.core.tests.factories import login_verified, member

    if in_use == "all":
        for municipality in Municipality.objects.exclude(memberships__role=Role.COORDINATOR):
            member(Role.COORDINATOR, municipality, user=_user())
    policy, programme = Client(), Client()
    login_verified(policy, member(Role.POLICY, biggest, user=_user()))
    login_verified(programme, member(Role.PROGRAMME, user=_user()))
    return policy, programme, Client()


def settle() -> None:
    """After the bulk load, what autovacuum does on a running database: statistics, and on
    PostgreSQL the visibility map that index-only scans need (not timed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        connection.connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE signalling_case")
            cursor.execute("VACUUM ANALYZE signalling_signal")


def create_candidate_indexes() -> None:
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in CANDIDATE_INDEXES:
            cursor.execute(sql)
    settle()
    print(f"candidate indexes: {time.perf_counter() - start:.1f} s", flush=True)


def measure(biggest, repeat: int, in_use: str, national: bool = True) -> list[Result]:
    from django.urls import reverse

    policy, programme, anonymous = users(biggest, in_use)
    slug = biggest.slug
    district = biggest.districts.order_by("code").first()
    geo = reverse("riskmap:district_boundaries", args=[slug])
    national_geo = reverse("riskmap:municipality_boundaries") + "?detail=medium"
    results = [
        request("login page, anonymous (baseline)", anonymous, reverse("core:login"), repeat),
        hand_sql(biggest, repeat),
        request("map page (HTML)", policy, reverse("riskmap:map", args=[slug]), repeat),
        request("district GeoJSON, cold", policy, geo, repeat, cold=True),
        request("district GeoJSON, warm", policy, geo, repeat),
        request(
            f"district page ({district.code})",
            policy,
            reverse("riskmap:district", args=[slug, district.code]),
            repeat,
        ),
        request("export CSV", policy, reverse("riskmap:export_csv", args=[slug]), repeat),
        request("export XLSX", policy, reverse("riskmap:export_xlsx", args=[slug]), repeat),
    ]
    if national:
        national_page = reverse("riskmap:national_map")
        results += [
            request("national map page (HTML)", programme, national_page, repeat),
            request("national GeoJSON medium, cold", programme, national_geo, repeat, cold=True),
            request("national GeoJSON medium, warm", programme, national_geo, repeat),
        ]
    return results


def report(results: list[Result]) -> bool:
    print("| what | sent | gzipped | p50 ms | p95 ms | max ms | queries |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        sent = f"{r.sent / 1000:.1f} KB" if r.sent else "-"
        packed = f"{r.gzipped / 1000:.1f} KB" if r.gzipped else "-"
        print(f"| {r.label} | {sent} | {packed} | {r.p50:.1f} | {r.p95:.1f} | "
              f"{max(r.times):.1f} | {r.queries} |")  # fmt: skip
    by = {r.label: r for r in results}
    html, geo = by["map page (HTML)"], by["district GeoJSON, cold"]
    page = html.sent + geo.sent
    static_map = static_sizes(STATICS["map"] + STATICS["both"])
    print(
        f"\nmap page HTML + GeoJSON sent: {page / 1000:.1f} KB (target < 500 KB); "
        f"HTML gzipped + GeoJSON: {(html.gzipped + geo.sent) / 1000:.1f} KB; scripts and "
        f"styles: {static_map[0] / 1000:.1f} KB, gzipped {static_map[1] / 1000:.1f} KB"
    )
    ok = html.p95 < TIME_LIMIT_MS and geo.p95 < TIME_LIMIT_MS and page < PAGE_LIMIT
    if "national map page (HTML)" not in by:
        return ok
    national = by["national map page (HTML)"].sent + by["national GeoJSON medium, cold"].sent
    static_national = static_sizes(STATICS["national"] + STATICS["both"])
    print(
        f"national page HTML + GeoJSON sent: {national / 1000:.1f} KB (target < 1 MB); "
        f"scripts and styles: {static_national[0] / 1000:.1f} KB, gzipped "
        f"{static_national[1] / 1000:.1f} KB"
    )
    return ok and national < NATIONAL_LIMIT


def run_one(args) -> int:
    database_url, sqlite_dir = _database(args)
    # WhiteNoise warns that the collected static folder is missing; nothing here needs it.
    warnings.filterwarnings("ignore", message="No directory at")
    try:
        setup_django(database_url)
        from django.db import connection
        from django.db.models import Count

        from omzien.core.models import Municipality
        from omzien.signalling.models import Case

        print(f"== {connection.vendor}, {args.cases:,} cases ==", flush=True)
        if not args.reuse:
            print(f"migrate + reference data: {prepare_schema():.1f} s", flush=True)
            start = time.perf_counter()
            generate(args.cases)
            settle()
            print(f"generated in {time.perf_counter() - start:.1f} s", flush=True)
        print(f"cases: {Case.objects.count():,}", flush=True)
        biggest = Municipality.objects.annotate(n=Count("districts")).order_by("-n", "code")[0]
        cases = Case.objects.filter(municipality=biggest).count()
        print(f"most districts: {biggest.name} ({biggest.code}), {biggest.n} districts, "
              f"{cases:,} cases; municipalities in use: {args.in_use}", flush=True)  # fmt: skip
        print(f"load average before timing: {_load()}\n", flush=True)
        if args.candidate_indexes:
            create_candidate_indexes()
        ok = report(measure(biggest, args.repeat, args.in_use, not args.no_national))
        print(f"load average after timing: {_load()}")
        print("within every target" if ok else "OVER a target")
        connection.close()
        return 0 if ok else 1
    finally:
        _clean_up(args, sqlite_dir)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _database(args) -> tuple[str, str | None]:
    """The database's URL and the SQLite folder. ``--keep`` and ``--reuse`` use a fixed
    SQLite folder (``<tmp>/omzien-bench-pages``), so that a later run can reuse it."""
    if args.db == "postgresql":
        if not args.reuse:
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            pg_admin(args.pg_url, f"CREATE DATABASE {PG_DB}")
        return f"{args.pg_url}/{PG_DB}", None
    if args.keep or args.reuse:
        sqlite_dir = os.path.join(tempfile.gettempdir(), "omzien-bench-pages")
        os.makedirs(sqlite_dir, exist_ok=True)
    else:
        sqlite_dir = tempfile.mkdtemp(prefix="omzien-bench-pages-")
    return f"sqlite:///{sqlite_dir}/bench.sqlite3", sqlite_dir


def _clean_up(args, sqlite_dir: str | None) -> None:
    if args.keep:
        return
    if args.db == "postgresql":
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    if sqlite_dir:
        for file in Path(sqlite_dir).glob("*"):
            file.unlink()
        os.rmdir(sqlite_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--in-use", choices=["all", "one"], default="all")
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-national", action="store_true", help="skip the national map")
    parser.add_argument(
        "--candidate-indexes", action="store_true", help="add CANDIDATE_INDEXES before timing"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the database kept by an earlier --keep run (no migrate, no new cases); "
        "to compare two versions of the code on the same data",
    )
    args = parser.parse_args()
    if args.db == "both":
        status = 0
        for db in ("sqlite", "postgresql"):
            argv = [sys.executable, __file__, "--db", db, "--cases", str(args.cases),
                    "--repeat", str(args.repeat), "--in-use", args.in_use,
                    "--pg-url", args.pg_url]  # fmt: skip
            argv += ["--keep"] if args.keep else []
            for flag in ("reuse", "no_national", "candidate_indexes"):
                argv += [f"--{flag.replace('_', '-')}"] if getattr(args, flag) else []
            status |= subprocess.call(argv)
        return status
    return run_one(args)


if __name__ == "__main__":
    sys.exit(main())
