"""Benchmark: "Verdeel" (issue 11, item 4) for a big round: 34,000 addresses, 150 volunteers.

Creates its own database (SQLite: a temporary file; PostgreSQL: ``omzien_bench_assign``,
dropped afterwards), migrates it, makes one municipality with 12 districts, ``--volunteers``
volunteers (each serving one or two districts, 1 to 5 visits per week, one in ten without a
valid VOG) and ``--addresses`` unassigned addresses to visit, not timed. Then it times
``visits.volunteers.assignment.distribute`` (the lock, the one read, the planning, the
``bulk_update`` and the audit event), clears the assignment and repeats, and prints the
best and the median of ``--runs`` runs and the number of queries.

Run from the repository root::

    .venv/bin/python bench/visits_assignment.py                  # SQLite
    .venv/bin/python bench/visits_assignment.py --db postgresql  # needs CREATEDB
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from bench.queue_common import pg_admin, setup_django  # noqa: E402

PG_DB = "omzien_bench_assign"


def make_world(n_addresses: int, n_volunteers: int):
    from django.utils import timezone

    from omzien.core.models import District, Membership, Municipality, User
    from omzien.core.roles import Role
    from omzien.visits.models import VisitAddress, VisitRound, Volunteer

    rng = random.Random(11)
    town = Municipality.objects.create(code="GM9911", name="Bankdorp", slug="bankdorp")
    districts = [
        District.objects.create(municipality=town, code=f"WK9911{i:02d}", name=f"Wijk {i}")
        for i in range(12)
    ]
    coordinator = User.objects.create(username="kartrekker", email="k@example.invalid")
    Membership.objects.create(user=coordinator, municipality=town, role=Role.COORDINATOR)
    today = timezone.localdate()
    for i in range(n_volunteers):
        user = User.objects.create(username=f"v{i}", email=f"v{i}@example.invalid")
        Membership.objects.create(user=user, municipality=town, role=Role.VOLUNTEER)
        valid = today + dt.timedelta(days=-1 if i % 10 == 0 else 365)
        helper = Volunteer.objects.create(
            municipality=town, user=user, trained_on=today, vog_issued_on=today,
            vog_valid_until=valid, visits_per_week=rng.randint(1, 5),
        )  # fmt: skip
        helper.districts.set(rng.sample(districts, rng.choice((1, 1, 2))))
    round = VisitRound.objects.create(
        municipality=town, name="Groot", reference_date=today, starts_on=today,
        ends_on=today + dt.timedelta(days=90), status=VisitRound.Status.RUNNING,
    )  # fmt: skip
    now = timezone.now()
    VisitAddress.objects.bulk_create(
        [
            VisitAddress(
                round=round,
                municipality=town,
                register_key=f"k{i}",
                surname="Fictief",
                date_of_birth=dt.date(1945, 1, 1),
                street=f"Straat {i // 40}",
                house_number=i % 40 + 1,
                postcode=f"{9100 + i // 400}AB",
                place="Bankdorp",
                district=districts[i % 12],
                imported_at=now,
            )  # fmt: skip
            for i in range(n_addresses)
        ],
        batch_size=2000,
    )
    return coordinator, round


def measure(coordinator, round, runs: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from omzien.visits.models import VisitAddress
    from omzien.visits.volunteers.assignment import distribute

    times, queries, assigned = [], 0, 0
    for _ in range(runs):
        VisitAddress.objects.filter(round=round).update(volunteer=None)
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            done = distribute(actor=coordinator, round=round)
            times.append(time.perf_counter() - start)
        queries, assigned = len(captured), done.assigned
    return times, queries, assigned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default="postgresql://omzien:omzien@localhost:5432")
    parser.add_argument("--addresses", type=int, default=34_000)
    parser.add_argument("--volunteers", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.db == "postgresql":
        pg_admin(args.pg_url, f"DROP DATABASE IF EXISTS {PG_DB}")
        pg_admin(args.pg_url, f"CREATE DATABASE {PG_DB}")
        url = f"{args.pg_url}/{PG_DB}"
    else:
        url = f"sqlite:///{tempfile.mkdtemp()}/assign.sqlite3"
    setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    coordinator, round = make_world(args.addresses, args.volunteers)
    times, queries, assigned = measure(coordinator, round, args.runs)
    print(
        f"{args.db}: {assigned} of {args.addresses} addresses to {args.volunteers} volunteers: "
        f"best {min(times):.2f} s, median {statistics.median(times):.2f} s, {queries} queries"
    )
    if args.db == "postgresql":
        from django.db import connections

        connections.close_all()
        pg_admin(args.pg_url, f"DROP DATABASE {PG_DB}")


if __name__ == "__main__":
    main()
