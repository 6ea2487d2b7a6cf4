"""Shared parts of the queue benchmark (``bench/caseworker_queue.py``): the constants, the
names and receipt codes the generated data use, and the database setup."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PG_DB = "omzien_bench_queue"
TARGET_P95_MS = 150.0

#: Indexes tried with --candidate-indexes (same SQL on PostgreSQL and SQLite). Not in the
#: models: at 1,000,000 cases they did not change the page's server time (docs/benchmarks.md).
CANDIDATE_INDEXES = {
    # The open cases of a municipality with every column the queue filters and sorts on:
    # the queue's page of ids, its count and the tab counts become index-only scans
    # (about 1 ms instead of 3 ms each for Amsterdam).
    "case_open_queue_idx": (
        "CREATE INDEX IF NOT EXISTS case_open_queue_idx ON signalling_case "
        "(municipality_id, contact_deadline, urgent, first_contact_at, caseworker_id, team_id, "
        "district_id, resident_id, id) WHERE state IN "
        "('assigned', 'contacting', 'in_progress', 'new', 'referred', 'reopened')"
    ),
}

RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_SPACE = 31**8
CODE_MULTIPLIER = 2654435761  # prime, so n -> n * M mod 31^8 is a bijection: unique codes
FIRST_NAMES = [
    "Jan", "Anna", "Piet", "Maria", "Kees", "Johanna", "Henk", "Cornelia", "Gerrit", "Elisabeth",
    "Willem", "Wilhelmina", "Hendrik", "Geertruida", "Klaas", "Hendrika", "Dirk", "Grietje",
    "Johannes", "Aaltje", "Fatima", "Mohamed", "Ayse", "Mustafa", "Sanne", "Ahmed",
]  # fmt: skip
# Surnames are made of a prefix, a root and an ending: about 3,000 different ones, so that a
# search for one surname matches a realistic handful of people, not 4% of the country.
NAME_PREFIXES = ["", "", "", "van ", "de ", "van der ", "van den ", "ter "]
NAME_ROOTS = [
    "Berg", "Dijk", "Vries", "Bakk", "Viss", "Smit", "Meij", "Boer", "Muld", "Groot", "Bos",
    "Vos", "Peter", "Hendrik", "Leeuw", "Dekk", "Brouw", "Wit", "Dijkstr", "Graaf", "Lind",
    "Kok", "Jacob", "Haan", "Vermeul", "Heuvel", "Veen", "Broek", "Bruijn", "Beek", "Hoek",
    "Kost", "Maas", "Schout", "Willem", "Verbeek", "Meer", "Prins", "Blom", "Yilmaz",
]  # fmt: skip
NAME_ENDINGS = ["", "er", "en", "ink", "sma", "stra", "enga", "huis", "veld", "hof", "kamp", "ing"]
LAST_NAMES = [r + e for r in NAME_ROOTS for e in NAME_ENDINGS]
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
OUTCOMES = [
    "supported", "referred", "declined", "unreachable", "already_in_care", "no_concern",
    "moved_or_deceased", "duplicate",
]  # fmt: skip
CHANNELS = ["public_form", "partner_link", "reporter", "partner_api", "phone", "self_referral"]


def receipt_code(n: int) -> str:
    x = (n * CODE_MULTIPLIER) % CODE_SPACE
    chars = []
    for _ in range(8):
        x, digit = divmod(x, 31)
        chars.append(RECEIPT_ALPHABET[digit])
    return f"{''.join(chars[:4])}-{''.join(chars[4:])}"


def receipt_code_sql(column: str) -> str:
    """The same code as ``receipt_code`` as a PostgreSQL expression."""
    x = f"(({column})::bigint * {CODE_MULTIPLIER}::bigint % {CODE_SPACE}::bigint)"
    parts = [
        f"substr('{RECEIPT_ALPHABET}', (({x} / {31**k}::bigint) % 31)::int + 1, 1)"
        for k in range(8)
    ]
    return " || ".join(parts[:4]) + " || '-' || " + " || ".join(parts[4:])


# ---------------------------------------------------------------------------------------------
# Setup
# ---------------------------------------------------------------------------------------------


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "omzien.test_settings"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("OMZIEN_DB_CONN_MAX_AGE", "600")
    sys.path.insert(0, str(SRC))
    import django

    django.setup()
    # The audit log lines would drown the report; the events are still written.
    logging.getLogger("omzien.audit").setLevel(logging.WARNING)


def pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{url}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def prepare_schema() -> float:
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    return time.perf_counter() - start


def create_candidate_indexes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for name, sql in CANDIDATE_INDEXES.items():
            start = time.perf_counter()
            cursor.execute(sql)
            print(f"candidate index {name}: {time.perf_counter() - start:.1f} s", flush=True)
        cursor.execute("VACUUM ANALYZE signalling_case" if connection.vendor == "postgresql"
                       else "ANALYZE")  # fmt: skip
