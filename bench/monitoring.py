"""Benchmark: the programme's national overview and a municipality's monitoring page
(issue 12, "Performance").

Creates a dedicated database (PostgreSQL: ``omzien_bench_monitoring``, dropped afterwards;
SQLite: a temporary file), migrates it, loads the real CBS reference data (342
municipalities, 3,474 districts) and generates, not timed:

* ``--cases`` cases (default 1,000,000) over the districts by inhabitants, each with one
  signal, over the last 600 days, with six channels, 60% first contacted, a third closed with
  an outcome (the riskmap benchmark's generator with channels and outcomes);
* five years of benchmark answers: the questionnaire of each year and a submitted response
  with an answer to every question for every municipality (about 42,000 answers).

Then it times, in one process with Django's test client (server time: request in, response
out, templates rendered), after a warm-up:

* ``GET /landelijk/monitoring/`` as the programme team (the chapter 7 figures of all
  municipalities for the current year);
* ``GET /g/<slug>/monitoring/`` as a policy user of the largest municipality (Amsterdam), the
  median one and a small one (every monitoring table for the last 12 months);
* the raw SQL aggregates a person would write for the biggest part of each page: signals and
  reached cases per municipality (national), signals per month and channel (municipality);

and reports p50/p95/max per page against the targets (500 ms and 300 ms) and the ratio to the
raw SQL in the same run. Run from the repository root::

    .venv/bin/python bench/monitoring.py --db both
    .venv/bin/python bench/monitoring.py --db sqlite --cases 100000 --repeat 5
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from bench.queue_common import pg_admin, prepare_schema, setup_django  # noqa: E402

PG_DB = "omzien_bench_monitoring"
DAYS = 600
TARGETS_MS = {"national": 500.0, "municipality": 300.0}
CASE_SQL = """
WITH RECURSIVE seq(i) AS (
  SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < (SELECT max(n) FROM bench_district)
)
INSERT INTO signalling_case (municipality_id, state, outcome, district_id, urgent,
  contact_deadline, first_contact_at, created_at, updated_at)
SELECT d.municipality_id,
  CASE WHEN (seq.i + d.id) % 3 = 0 THEN 'closed' ELSE 'new' END,
  CASE WHEN (seq.i + d.id) % 3 = 0 THEN
    CASE (seq.i % 4) WHEN 0 THEN 'supported' WHEN 1 THEN 'referred' WHEN 2 THEN 'declined'
    ELSE 'no_concern' END
  ELSE '' END,
  d.id, (seq.i % 17 = 0), t.deadline,
  CASE WHEN (seq.i + d.id) % 5 < 3 THEN t.contact END, t.created, t.created
FROM bench_district d JOIN seq ON seq.i <= d.n
JOIN bench_day t ON t.k = (seq.i * 7 + d.id) % {days}
"""
SIGNAL_SQL = """
INSERT INTO signalling_signal (municipality_id, case_id, receipt_code, channel, postcode,
  house_number, house_number_addition, person_name, postcode_check, signs, concern,
  person_aware, relation, reporter_name, reporter_email, reporter_phone, urgent, crisis_words,
  district_id, idempotency_key, request_hash, created_at)
SELECT c.municipality_id, c.id, 'S' || CAST((10000000 + c.id) AS TEXT),
  CASE c.id % 6 WHEN 0 THEN 'public_form' WHEN 1 THEN 'partner_link' WHEN 2 THEN 'reporter'
  WHEN 3 THEN 'partner_api' WHEN 4 THEN 'phone' ELSE 'self_referral' END,
  '1234 AB', '1', '', '', '', '[]', '', 'unknown', '', '', '', '', FALSE, '[]',
  c.district_id, '', '', c.created_at
FROM signalling_case c
"""
NATIONAL_SQL = [
    "SELECT municipality_id, COUNT(*) FROM signalling_signal WHERE created_at >= %s "
    "AND created_at < %s GROUP BY municipality_id",
    "SELECT municipality_id, COUNT(*) FROM signalling_case WHERE first_contact_at >= %s "
    "AND first_contact_at < %s GROUP BY municipality_id",
]
MONTH = {
    "postgresql": "date_trunc('month', created_at)",
    "sqlite": "strftime('%%Y-%%m', created_at)",
}
MUNICIPALITY_SQL = (
    "SELECT {month}, channel, COUNT(*) FROM signalling_signal WHERE municipality_id = %s "
    "AND created_at >= %s AND created_at < %s GROUP BY 1, 2"
)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def generate_cases(cases: int) -> None:
    """``cases`` cases over the districts by inhabitants, one signal each."""
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


def _value(question, rng: random.Random):
    if question.answer_type == "yes_no":
        return rng.random() < 0.6
    if question.answer_type == "number":
        full = float((question.scoring or {}).get("full", 10) or 10)
        return round(rng.uniform(0, full * 1.2), 1)
    values = [str(option["value"]) for option in question.options or []]
    if question.answer_type == "choice":
        return rng.choice(values) if values else None
    return rng.sample(values, rng.randint(0, len(values))) if values else []


def generate_benchmark(years: list[int]) -> int:
    """A submitted response with every question answered, for every municipality and year."""
    from django.db import transaction
    from django.utils import timezone

    from omzien.benchmark.models import Answer, BenchmarkResponse
    from omzien.benchmark.questionnaire.definition import ensure_questionnaire
    from omzien.benchmark.scoring import pillar_scores, scored
    from omzien.core.models import Municipality

    rng = random.Random(12)
    municipalities = list(Municipality.objects.order_by("code"))
    answers = 0
    with transaction.atomic():
        for year in years:
            questionnaire = ensure_questionnaire(year)
            questions = list(questionnaire.questions.all())
            shapes = [scored(question) for question in questions]
            for municipality in municipalities:
                values = {q.code: _value(q, rng) for q in questions}
                response = BenchmarkResponse.objects.create(
                    municipality=municipality,
                    questionnaire=questionnaire,
                    submitted_at=timezone.now(),
                    scores={str(k): v for k, v in pillar_scores(shapes, values).items()},
                )
                Answer.objects.bulk_create(
                    Answer(response=response, question=q, value=values[q.code]) for q in questions
                )
                answers += len(questions)
    return answers


def _timed_get(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    ms = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return ms


def _raw(sql: str, params: list) -> float:
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def _users():
    from omzien.core.models import Membership, Municipality, User
    from omzien.core.roles import Role

    programme = User.objects.create_user("bench-programma", password=None)
    Membership.objects.create(user=programme, role=Role.PROGRAMME)
    by_size = sorted(
        Municipality.objects.all(), key=lambda m: (m.key_figures or {}).get("aantal_inwoners") or 0
    )
    chosen = [by_size[-1], by_size[len(by_size) // 2], by_size[len(by_size) // 10]]
    policy = User.objects.create_user("bench-beleid", password=None)
    for municipality in chosen:
        Membership.objects.create(user=policy, role=Role.POLICY, municipality=municipality)
    return programme, policy, chosen


def measure(repeat: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    programme, policy, chosen = _users()
    national, local = Client(), Client()
    national.force_login(programme)
    local.force_login(policy)
    today = timezone.localdate()
    year_start = dt.datetime(today.year, 1, 1, tzinfo=dt.UTC)
    since = dt.datetime.combine(today - dt.timedelta(days=365), dt.time(), tzinfo=dt.UTC)
    until = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    month = MONTH[connection.vendor]
    times: dict[str, list[float]] = {}
    pages = [("national", national, "/landelijk/monitoring/", None)] + [
        (f"municipality {m.name}", local, f"/g/{m.slug}/monitoring/", m) for m in chosen
    ]
    for key, client, url, municipality in pages:
        for _ in range(2):  # warm up
            _timed_get(client, url)
        times[key] = [_timed_get(client, url) for _ in range(repeat)]
        if municipality is None:
            raw = [sum(_raw(sql, [year_start, until]) for sql in NATIONAL_SQL)
                   for _ in range(repeat)]  # fmt: skip
        else:
            sql = MUNICIPALITY_SQL.format(month=month)
            raw = [_raw(sql, [municipality.pk, since, until]) for _ in range(repeat)]
        times[f"{key} (raw SQL)"] = raw
    return times


def report(times: dict) -> None:
    header = f"{'ms':<52} {'p50':>8} {'p95':>8} {'max':>8} {'target':>8}"
    print(header)
    print("-" * len(header))
    for key, values in times.items():
        target = "" if "raw" in key else TARGETS_MS[key.split()[0]]
        print(f"{key:<52} {percentile(values, 0.5):>8.1f} {percentile(values, 0.95):>8.1f} "
              f"{max(values):>8.1f} {target:>8}")  # fmt: skip
    for key, values in times.items():
        if "raw" not in key:
            raw = statistics.median(times[f"{key} (raw SQL)"])
            print(f"ratio page / raw SQL, {key}: {statistics.median(values) / raw:.1f}")


def run_one(args) -> int:
    database_url, sqlite_dir = _database(args)
    try:
        setup_django(database_url)
        from django.db import connection

        from omzien.signalling.models import Case

        print(f"== {connection.vendor}, {args.cases:,} cases ==", flush=True)
        print(f"migrate + reference data: {prepare_schema():.1f} s", flush=True)
        start = time.perf_counter()
        generate_cases(args.cases)
        year = dt.date.today().year
        answers = generate_benchmark([year - k for k in range(5)])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"generated in {time.perf_counter() - start:.1f} s: {Case.objects.count():,} "
              f"cases and signals, {answers:,} benchmark answers", flush=True)  # fmt: skip
        print(f"load average before timing: {_load()}", flush=True)
        times = measure(args.repeat)
        print(f"load average after timing: {_load()}")
        report(times)
        return 0
    finally:
        _clean_up(args, sqlite_dir)


def _database(args) -> tuple[str, str | None]:
    if args.db == "postgresql":
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        pg_admin(args.pg_url, f"CREATE DATABASE {PG_DB}")
        return f"{args.pg_url}/{PG_DB}", None
    sqlite_dir = tempfile.mkdtemp(prefix="omzien-bench-monitoring-")
    return f"sqlite:///{sqlite_dir}/bench.sqlite3", sqlite_dir


def _clean_up(args, sqlite_dir: str | None) -> None:
    if args.db == "postgresql" and not args.keep:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110 - Django may not be set up yet
            pass
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
    if sqlite_dir and not args.keep:
        for file in Path(sqlite_dir).glob("*"):
            file.unlink()
        os.rmdir(sqlite_dir)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="both")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@localhost:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    if args.db == "both":
        status = 0
        for db in ("postgresql", "sqlite"):
            argv = [sys.executable, __file__, "--db", db, "--cases", str(args.cases),
                    "--repeat", str(args.repeat), "--pg-url", args.pg_url]  # fmt: skip
            argv += ["--keep"] if args.keep else []
            status |= subprocess.call(argv)
        return status
    return run_one(args)


if __name__ == "__main__":
    sys.exit(main())
