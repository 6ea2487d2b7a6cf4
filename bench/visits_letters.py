"""Benchmark: planning and printing the letters of a big home-visit round (Rotterdam writes
to about 34,000 residents aged 75+).

Creates a database (default: a temporary SQLite file; ``--db-url`` for PostgreSQL, an empty
database you own), migrates it and generates, not timed, one municipality with a running
round of ``--addresses`` addresses (default 34,000) spread over 600 volunteers (5 visits a
week), then times:

* ``plan_round`` for the whole round (every address gets a proposed time);
* the PDF of 1,000 letters, rendering only (``letters.pdf.letters_pdf``);
* the first batch part (``LETTERS_PER_PDF`` letters) through Django's test client: the whole
  request (query, wording, PDF, audit).

Run from the repository root::

    .venv/bin/python bench/visits_letters.py
    .venv/bin/python bench/visits_letters.py --addresses 5000
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if p not in ("", __file__.rsplit("/", 1)[0])]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from bench.queue_common import setup_django  # noqa: E402


def make_world(n_addresses: int):
    from django.utils import timezone

    from omzien.core.models import Membership, Municipality, User
    from omzien.visits.models import VisitAddress, VisitRound, Volunteer

    town = Municipality.objects.create(name="Bankstad", slug="bankstad", code="GM9999")
    today = timezone.localdate()
    round = VisitRound.objects.create(
        municipality=town, name="75+ groot", reference_date=today, starts_on=today,
        ends_on=today + dt.timedelta(days=120), status=VisitRound.Status.RUNNING,
    )  # fmt: skip
    volunteers = []
    for number in range(600):
        user = User.objects.create(
            username=f"v{number}", email=f"v{number}@bench.invalid", first_name=f"Naam{number}"
        )
        Membership.objects.create(user=user, municipality=town, role="volunteer")
        volunteers.append(Volunteer.objects.create(
            municipality=town, user=user, trained_on=today, vog_valid_until=today.replace(
                year=today.year + 1), visits_per_week=5,
        ))  # fmt: skip
    now = timezone.now()
    VisitAddress.objects.bulk_create(
        [
            VisitAddress(
                round=round,
                municipality=town,
                register_key=f"k{i}",
                initials="A.B.",
                surname=f"Achternaam{i}",
                date_of_birth=dt.date(1948, 1, 1),
                street="Lange Straatnaam",
                house_number=i % 400 + 1,
                postcode=f"{3000 + i % 99:04d}A{chr(65 + i % 26)}",
                place="Bankstad",
                volunteer=volunteers[i % len(volunteers)],
                imported_at=now,
            )  # fmt: skip
            for i in range(n_addresses)
        ],
        batch_size=2000,
    )
    coordinator = User.objects.create(username="coordinator", email="c@bench.invalid")
    Membership.objects.create(user=coordinator, municipality=town, role="coordinator")
    return town, round, coordinator


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--addresses", type=int, default=34_000)
    parser.add_argument("--profile", action="store_true", help="profile plan_round")
    parser.add_argument("--db-url", help="an empty database (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(args.db_url or f"sqlite:///{folder}/bench.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return run(args)


def run(args) -> int:
    from django.test import Client
    from django.urls import reverse

    from omzien.core.tests.factories import login_verified
    from omzien.visits.letters import compose, queries
    from omzien.visits.letters.pdf import letters_pdf
    from omzien.visits.letters.planning import plan_round
    from omzien.visits.settings import settings_of

    town, round, coordinator = make_world(args.addresses)
    start = time.perf_counter()
    if args.profile:
        import cProfile

        with cProfile.Profile() as profile:
            result = plan_round(coordinator, round)
        profile.print_stats("cumtime")
    else:
        result = plan_round(coordinator, round)
    print(f"plan_round, {args.addresses:,} addresses: {time.perf_counter() - start:.2f} s "
          f"({result.planned:,} planned, {result.not_fitting:,} not fitting)")  # fmt: skip
    parts = queries.parts_of(round)
    first = queries.addresses_for_letters(parts[0].ids[:1000])
    settings = settings_of(town)
    letters = [compose.letter_for(a, settings, town, compose.today_text()) for a in first]
    start = time.perf_counter()
    content = letters_pdf(letters, title="Bench")
    print(f"PDF of {len(letters):,} letters (rendering only): {time.perf_counter() - start:.2f} s,"
          f" {len(content) / 1e6:.1f} MB")  # fmt: skip
    client = Client()
    login_verified(client, coordinator)
    url = reverse("visits:letters_batch", args=[town.slug, round.pk])
    start = time.perf_counter()
    response = client.get(url, {"deel": 1})
    assert response.status_code == 200, response.status_code
    print(f"batch part 1 over HTTP, {len(parts[0].ids):,} letters of {args.addresses:,} in "
          f"{len(parts)} parts: {time.perf_counter() - start:.2f} s, "
          f"{len(response.content) / 1e6:.1f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
