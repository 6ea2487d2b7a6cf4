"""Benchmark: the home-visit address import (issue 11, item 2) with 1,500,000 rows, the whole
country's residents of 75 and older, in one round.

Creates its own database (PostgreSQL: ``omzien_bench_visits``, dropped afterwards; SQLite: a
temporary file), migrates it and loads the CBS reference data (not timed). To put the whole
country in one round, every PC4 area and every district is given to one bench municipality
(so the district lookup is the real one). It writes an extract in the template's
layout (``;``, UTF-8 with BOM, mixed date layouts, some house letters and additions, about 2%
below the target age, which are skipped and counted) and then times, in this process:

1. the baseline: a bare load of the same file into a table of text columns, with no check at
   all: PostgreSQL ``COPY ... FROM STDIN (FORMAT csv)``; SQLite ``csv.reader`` and
   ``executemany`` in batches of 10,000;
2. the import into an empty round: ``jobs.run_import`` of an ``AddressImport`` holding the
   file (reading, checking every row, staging, upsert, clean-up), split into the check and
   the storing;
3. the same file again into the same round (every row an update: ``ON CONFLICT DO UPDATE``).

Target (issue 11): the import under 60 s on PostgreSQL. Peak memory is the process's peak
RSS (``ru_maxrss``) after each step.

Run from the repository root::

    .venv/bin/python bench/visits_import.py                      # PostgreSQL, 1,500,000 rows
    .venv/bin/python bench/visits_import.py --db sqlite
    .venv/bin/python bench/visits_import.py --db both --rows 200000
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import csv  # noqa: E402
import io  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from bench.queue_common import pg_admin, prepare_schema, setup_django  # noqa: E402

PG_DB = "omzien_bench_visits"
TARGET_S = 60.0
VERBOSE = "--verbose" in sys.argv
# fmt: off
SURNAMES = ["Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
            "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
            "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
            "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel"]
FIRST = ["Anna", "Maria", "Johanna", "Cornelia", "Hendrika", "Jan", "Johannes", "Cornelis",
         "Hendrik", "Willem", "Gerrit", "Pieter", "Elisabeth", "Wilhelmina", "Jacob"]
STREETS = ["Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan",
           "Beatrixstraat", "Wilhelminastraat", "Eikenlaan", "Lindelaan", "Nieuwstraat"]
HEADER = ["voorletters", "roepnaam", "tussenvoegsel", "achternaam", "geboortedatum", "straat",
          "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats", "huishouden"]
# fmt: on


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def extract(rows: int, areas: list[tuple[str, str]], seed: int) -> bytes:
    """The register extract: every (postcode area, house number) once, so no duplicates."""
    rnd = random.Random(seed)
    dates = []
    for k in range(9973):
        year = 1952 if rnd.random() < 0.02 else rnd.randint(1921, 1951)  # 2%: 74, skipped
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        dates.append(f"{day:02d}-{month:02d}-{year}" if k % 3 else f"{year}-{month:02d}-{day:02d}")
    names = [(f"{first[0]}.", first, *surname.rpartition(" ")[::2])
             for first in FIRST for surname in SURNAMES]  # fmt: skip
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    n_areas, n_names, n_streets = len(areas), len(names), len(STREETS)
    for i in range(rows):
        pc4, place = areas[i % n_areas]
        initials, first, prefix, last = names[(i * 7919) % n_names]
        writer.writerow((initials, first, prefix, last, dates[(i * 104729) % 9973],
                         STREETS[i % n_streets], 1 + i // n_areas, "A" if i % 17 == 0 else "",
                         "2" if i % 23 == 0 else "",
                         f"{pc4} {chr(65 + i % 26)}{chr(65 + (i // 26) % 26)}",
                         place or "Onbekend",
                         "alleenstaand" if i % 2 else "met partner"))  # fmt: skip
    return out.getvalue().encode()


def setup_world():
    """The bench municipality holding every PC4 area, a coordinator and a round."""
    import datetime as dt

    from omzien.core.models import District, Municipality, PostcodeArea
    from omzien.core.roles import Role
    from omzien.core.tests.factories import member
    from omzien.visits.models import VisitRound

    country = Municipality.objects.create(code="GM9999", name="Heel Nederland", slug="nl-bench")
    PostcodeArea.objects.update(municipality=country)
    District.objects.update(municipality=country)  # the import takes only its own districts
    user = member(Role.COORDINATOR, country)
    round = VisitRound.objects.create(
        municipality=country, name="Bench 75+", target_age=75,
        reference_date=dt.date(2027, 1, 1), starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 6, 30), created_by=user,
    )  # fmt: skip
    areas = list(PostcodeArea.objects.values_list("pc4", "place").order_by("pc4"))
    return user, round, areas


def lean_schema() -> None:
    """The experiment of ``--lean`` (PostgreSQL): without the indexes that another index
    already leads with (round_id, volunteer_id) and without the database's foreign-key checks
    of municipality_id and district_id (the round's key is still checked)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes "
                       "WHERE tablename = 'visits_visitaddress'")  # fmt: skip
        for name, definition in cursor.fetchall():
            if definition.endswith(("(round_id)", "(volunteer_id)")):
                cursor.execute(f'DROP INDEX "{name}"')
                print(f"lean: dropped index {definition.split(' USING ')[-1]}")
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE "
                       "conrelid = 'visits_visitaddress'::regclass AND contype = 'f'")  # fmt: skip
        for name, definition in cursor.fetchall():
            if "(municipality_id)" in definition or "(district_id)" in definition:
                cursor.execute(f'ALTER TABLE visits_visitaddress DROP CONSTRAINT "{name}"')
                print(f"lean: dropped {definition.split(' REFERENCES')[0]}")


def baseline(content: bytes) -> float:
    """A bare load of the file into text columns, no check."""
    from django.db import connection, transaction

    columns = ", ".join(f"c{i} text" for i in range(len(HEADER)))
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_bare ({columns})")
        if connection.vendor == "postgresql":
            sql = "COPY bench_bare FROM STDIN (FORMAT csv, DELIMITER ';', HEADER true)"
            with cursor.cursor.copy(sql) as copy:
                view = memoryview(content)[3:]  # the BOM
                for at in range(0, len(view), 1 << 20):
                    copy.write(view[at : at + (1 << 20)])
        else:
            reader = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
            next(reader)
            insert = f"INSERT INTO bench_bare VALUES ({', '.join(['%s'] * len(HEADER))})"
            batch = []
            for cells in reader:
                batch.append(cells)
                if len(batch) == 10_000:
                    cursor.executemany(insert, batch)
                    batch = []
            cursor.executemany(insert, batch)
    seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_bare")
    return seconds


def timed_import(user, round, content: bytes) -> dict:
    from omzien.visits.imports import jobs, storing
    from omzien.visits.models import AddressImport

    job = AddressImport.objects.create(
        round=round, municipality=round.municipality, kind="addresses", file_name="bench.csv",
        upload=content, created_by=user, summary={"skip_outside": True},
    )  # fmt: skip
    phases = {}
    real_store = storing.store_addresses

    def store(*args, **kwargs):
        begin = time.perf_counter()
        phases["check"] = begin - start
        try:
            return real_store(*args, **kwargs)
        finally:
            phases["store"] = time.perf_counter() - begin

    statements: dict[str, float] = {}

    def timer(execute, sql, params, many, context):
        begin = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            key = " ".join(sql.split())[:60]
            statements[key] = statements.get(key, 0.0) + time.perf_counter() - begin

    from django.db import connection

    storing.store_addresses = store
    start = time.perf_counter()
    try:
        with connection.execute_wrapper(timer):
            state = jobs.run_import(job.pk)
    finally:
        storing.store_addresses = real_store
    if VERBOSE:
        for key, seconds in sorted(statements.items(), key=lambda kv: -kv[1])[:12]:
            print(f"  {seconds:6.2f} s  {key}")
    total = time.perf_counter() - start
    job.refresh_from_db()
    assert state == AddressImport.State.DONE, (state, job.problems[:5])
    return {"total": total, **phases, "summary": job.summary, "peak": peak_mib()}


def run(db: str, args) -> dict:
    from django.db import connection

    print(f"== {db}{' (lean)' if args.lean else ''}: {args.rows:,} rows ==", flush=True)
    print(f"migrate + reference data: {prepare_schema():.1f} s", flush=True)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
    if args.lean:
        lean_schema()
    user, round, areas = setup_world()
    start = time.perf_counter()
    content = extract(args.rows, areas, args.seed)
    print(f"extract: {len(content) / 2**20:.0f} MiB in {time.perf_counter() - start:.1f} s "
          "(not timed)", flush=True)  # fmt: skip
    results = {"db": db, "baseline": baseline(content)}
    print(f"baseline (bare load, no check): {results['baseline']:.1f} s", flush=True)
    results["first"] = timed_import(user, round, content)
    print(f"import into an empty round: {results['first']['total']:.1f} s", flush=True)
    results["again"] = timed_import(user, round, content)
    print(f"same file again: {results['again']['total']:.1f} s", flush=True)
    connection.close()
    return results


def report(results: list[dict]) -> bool:
    print(
        "\n| database | bare load (baseline) | import: check | store | total | ratio | "
        "commit | again (same file) | peak RSS | new / unchanged again / skipped |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    ok = True
    for r in results:
        first, again = r["first"], r["again"]
        s, s2 = first["summary"], again["summary"]
        print(f"| {r['db']} | {r['baseline']:.1f} s | {first['check']:.1f} s | "
              f"{first['store']:.1f} s | {first['total']:.1f} s | "
              f"{first['total'] / r['baseline']:.1f} | "
              f"{first['total'] - first['check'] - first['store']:.1f} s | {again['total']:.1f} s "
              f"(check {again['check']:.1f}, store {again['store']:.1f}) | "
              f"{again['peak']:.0f} MiB | {s['created']:,} / {s2['unchanged']:,} / "
              f"{s['skipped_age']:,} |")  # fmt: skip
        if r["db"] == "postgresql":
            ok = ok and max(first["total"], again["total"]) < TARGET_S
    if any(r["db"] == "postgresql" for r in results):
        print(f"\ntarget: under {TARGET_S:.0f} s on PostgreSQL: {'met' if ok else 'NOT met'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["postgresql", "sqlite", "both"], default="postgresql")
    parser.add_argument("--rows", type=int, default=1_500_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verbose", action="store_true", help="the slowest SQL statements")
    parser.add_argument(
        "--lean",
        action="store_true",
        help="experiment: see lean_schema() (nothing to drop since migration 0003)",
    )
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@127.0.0.1:5432")
    args = parser.parse_args()
    if args.db == "both":
        # One database per process: Django is set up once per process.
        import subprocess

        codes = [subprocess.call([sys.executable, __file__, "--db", db, "--rows", str(args.rows),
                                  "--seed", str(args.seed), "--pg-url", args.pg_url])
                 for db in ("postgresql", "sqlite")]  # fmt: skip
        return max(codes)
    sqlite_dir = None
    if args.db == "postgresql":
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        pg_admin(args.pg_url, f"CREATE DATABASE {PG_DB}")
        url = f"{args.pg_url}/{PG_DB}"
    else:
        sqlite_dir = tempfile.mkdtemp(prefix="omzien-bench-visits-")
        url = f"sqlite:///{sqlite_dir}/bench.sqlite3"
    try:
        setup_django(url)
        ok = report([run(args.db, args)])
    finally:
        if args.db == "postgresql":
            pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        if sqlite_dir:
            shutil.rmtree(sqlite_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
