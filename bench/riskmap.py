"""Benchmark: indicators and blind-spot ranks for every district (issue 10, items 3 and 4).

Creates a dedicated database (PostgreSQL: ``omzien_bench_riskmap_figures``, dropped afterwards;
SQLite: a temporary file), migrates it, loads the real CBS reference data (342
municipalities, 3,474 districts) and generates, not timed, ``--cases`` cases (default
1,000,000) spread over the districts by their inhabitants, each with one signal; created in
the last 600 days, 60% with a first contact a day later. The rows are made by one
``INSERT ... SELECT`` each (the same SQL on both databases).

Then it times, for every municipality:

* ``district_indicators`` + ``blind_spots`` (everything the map and the table need: key
  figures, measured figures, the model, signals and residents reached over 12 months, ranks);
* the registered count of residents reached alone (``signalling.figures``, ORM);
* a hand-written SQL aggregate of the same reached counts (``HAND_SQL``),

asserts that the reached counts are equal, and reports totals, p50/p95/max per municipality
and the ratios. Run from the repository root::

    .venv/bin/python bench/riskmap.py --db both
    .venv/bin/python bench/riskmap.py --db sqlite --cases 100000
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

from bench.common import (  # noqa: E402
    drop_scratch_database,
    each_database,
    load_average,
    percentile,
    scratch_database,
    timed,
)
from bench.queue_common import prepare_schema, setup_django  # noqa: E402

PG_DB = "omzien_bench_riskmap_figures"
DAYS = 600
#: The reached counts as one would write them by hand.
HAND_SQL = (
    "SELECT district_id, COUNT(*) FROM signalling_case WHERE municipality_id = %s "
    "AND first_contact_at >= %s AND first_contact_at < %s AND district_id IS NOT NULL "
    "GROUP BY district_id"
)
CASE_SQL = """
WITH RECURSIVE seq(i) AS (
  SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < (SELECT max(n) FROM bench_district)
)
INSERT INTO signalling_case (municipality_id, state, outcome, district_id, urgent,
  contact_deadline, first_contact_at, created_at, updated_at)
SELECT d.municipality_id, 'new', '', d.id, FALSE, t.deadline,
  CASE WHEN (seq.i + d.id) % 5 < 3 THEN t.contact END, t.created, t.created
FROM bench_district d JOIN seq ON seq.i <= d.n
JOIN bench_day t ON t.k = (seq.i * 7 + d.id) % {days}
"""
SIGNAL_SQL = """
INSERT INTO signalling_signal (municipality_id, case_id, receipt_code, channel, postcode,
  house_number, house_number_addition, person_name, postcode_check, signs, concern,
  person_aware, relation, reporter_name, reporter_email, reporter_phone, urgent, crisis_words,
  district_id, idempotency_key, request_hash, created_at)
SELECT c.municipality_id, c.id, 'S' || CAST((10000000 + c.id) AS TEXT), 'public_form',
  '1234 AB', '1', '', '', '', '[]', '', 'unknown', '', '', '', '', FALSE, '[]',
  c.district_id, '', '', c.created_at
FROM signalling_case c
"""


def generate(cases: int) -> None:
    """``cases`` cases over the districts by inhabitants, one signal each (one statement
    each, server-side)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from omzien.core.models import District

    districts = list(District.objects.values_list("id", "municipality_id", "inhabitants"))
    total = sum(inhabitants or 0 for _i, _m, inhabitants in districts)
    now = timezone.now()
    days = [
        (k, now - dt.timedelta(days=k, hours=k % 24), now - dt.timedelta(days=k - 1))
        for k in range(DAYS)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_district (id integer, municipality_id "
                       "integer, n integer)")  # fmt: skip
        cursor.execute("CREATE TEMPORARY TABLE bench_day (k integer, created timestamp, "
                       "contact timestamp, deadline timestamp)")  # fmt: skip
        cursor.executemany(
            "INSERT INTO bench_district VALUES (%s, %s, %s)",
            [(i, m, round(cases * (n or 0) / total)) for i, m, n in districts],
        )
        cursor.executemany(
            "INSERT INTO bench_day VALUES (%s, %s, %s, %s)",
            [(k, created, contact, contact) for k, created, contact in days],
        )
        cursor.execute(CASE_SQL.format(days=DAYS))
        cursor.execute(SIGNAL_SQL)
        cursor.execute("DROP TABLE bench_district")
        cursor.execute("DROP TABLE bench_day")
        cursor.execute("ANALYZE")


def _hand(municipality, since, until) -> dict[int, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL, [municipality.pk, since, until])
        return dict(cursor.fetchall())


def _full(municipality, year, period):
    from omzien.riskmap.blindspots import blind_spots
    from omzien.riskmap.indicators import district_indicators

    rows = district_indicators(municipality, year, period=period)
    return rows, blind_spots(rows)


def measure(year: int) -> dict:
    from omzien.core.models import Municipality
    from omzien.riskmap.indicators import last_twelve_months
    from omzien.signalling.figures import reached_per_district

    period = last_twelve_months()
    municipalities = list(Municipality.objects.order_by("code"))
    for municipality in municipalities[:5]:  # warm up
        _full(municipality, year, period)
    times: dict[str, list[float]] = {"full": [], "reached": [], "hand": []}
    districts = ranked = 0
    for municipality in municipalities:
        (rows, spots), ms = timed(_full, municipality, year, period)
        times["full"].append(ms)
        ours, ms = timed(reached_per_district, municipality, period.since, period.until)
        times["reached"].append(ms)
        hand, ms = timed(_hand, municipality, period.since, period.until)
        times["hand"].append(ms)
        assert ours == hand, f"{municipality.code}: reached counts differ"
        assert {r.district_id: r.records["reached"] for r in rows if r.records["reached"]} == hand
        districts += len(rows)
        ranked += sum(1 for s in spots if s.rank is not None)
    return {"times": times, "districts": districts, "ranked": ranked, "n": len(municipalities)}


def report(result: dict) -> None:
    times = result["times"]
    print(f"municipalities: {result['n']}, districts: {result['districts']:,}, "
          f"ranked as blind spot candidates: {result['ranked']:,}")  # fmt: skip
    header = (
        f"{'ms per municipality':<44} {'total s':>8} {'mean':>7} {'p50':>7} {'p95':>7} {'max':>7}"
    )
    print(header)
    print("-" * len(header))
    labels = {
        "full": "indicators + blind spots (all figures)",
        "reached": "reached counts, registered (ORM)",
        "hand": "reached counts, hand-written SQL",
    }
    for key, label in labels.items():
        values = times[key]
        print(f"{label:<44} {sum(values) / 1000:>8.2f} {statistics.fmean(values):>7.1f} "
              f"{percentile(values, 0.5):>7.1f} {percentile(values, 0.95):>7.1f} "
              f"{max(values):>7.1f}")  # fmt: skip
    hand = sum(times["hand"])
    print(f"ratio registered / hand-written SQL (reached): {sum(times['reached']) / hand:.2f}")
    print(f"ratio everything / hand-written SQL (reached): {sum(times['full']) / hand:.1f}")


def run_one(args) -> int:
    database_url, sqlite_dir = scratch_database(args, PG_DB, "omzien-bench-riskmap-")
    try:
        setup_django(database_url)
        from django.db import connection

        from omzien.signalling.models import Case, Signal

        print(f"== {connection.vendor}, {args.cases:,} cases ==", flush=True)
        print(f"migrate + reference data: {prepare_schema():.1f} s", flush=True)
        start = time.perf_counter()
        generate(args.cases)
        print(f"generated in {time.perf_counter() - start:.1f} s: {Case.objects.count():,} "
              f"cases, {Signal.objects.count():,} signals", flush=True)  # fmt: skip
        print(f"load average before timing: {load_average()}", flush=True)
        result = measure(args.year)
        print(f"load average after timing: {load_average()}")
        report(result)
        return 0
    finally:
        drop_scratch_database(args, PG_DB, sqlite_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@localhost:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if args.db == "both":
        options = ["--cases", str(args.cases), "--year", str(args.year), "--pg-url", args.pg_url]
        return each_database(__file__, options + (["--keep"] if args.keep else []))
    return run_one(args)


if __name__ == "__main__":
    sys.exit(main())
