"""Storing a checked extract in one transaction (docs/visits-import.md, "Opslaan").

The good rows (the checker's COPY lines in a temporary file) go into a temporary staging
table: on PostgreSQL with ``COPY ... FROM STDIN`` (psycopg 3), elsewhere with ``executemany``
in batches. From there one statement does the rest:

* an extract: ``INSERT ... SELECT ... ON CONFLICT (round_id, register_key) DO UPDATE`` of the
  name, address, household and district only, so the status, the volunteer, the proposed
  time, the letter and the attempts of an address already in the round stay as they are;
  then the addresses of the round that this extract no longer holds are deleted if nothing
  happened to them yet (still to visit, no attempt, no volunteer, no letter, no proposed
  time), the others are kept and counted;
* an objection or deceased list: an ``UPDATE`` of the status of the round's addresses whose
  key is in the list. A list never creates an address."""

# ruff: noqa: S608 (the SQL names only our own tables and columns; every value is a parameter)
from __future__ import annotations

from django.db import connection

from omzien.visits.models import VisitAddress, VisitAttempt

STAGING = "visits_import_staging"
STAGED = ("register_key", "initials", "first_name", "prefix", "surname", "date_of_birth",
          "street", "house_number", "house_letter", "addition", "postcode", "place",
          "household", "district_id")  # fmt: skip
TYPES = {"date_of_birth": "date", "house_number": "integer", "district_id": "bigint"}
BATCH = 10_000
#: The address's status a list sets, and the statuses it may replace: a visit done stays
#: done; a resident on both lists ends up deceased.
LIST_STATUS = {
    "objections": (VisitAddress.Status.OBJECTION, (VisitAddress.Status.TO_VISIT,)),
    "deceased": (
        VisitAddress.Status.DECEASED,
        (VisitAddress.Status.TO_VISIT, VisitAddress.Status.OBJECTION),
    ),
}


def _stage(cursor, lines, columns: tuple[str, ...]) -> None:
    """Fill the staging table from the checker's file (positioned at its start)."""
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING}")
    spec = ", ".join(f"{name} {TYPES.get(name, 'text')}" for name in columns)
    cursor.execute(f"CREATE TEMPORARY TABLE {STAGING} ({spec})")
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {STAGING} ({', '.join(columns)}) FROM STDIN") as copy:
            while chunk := lines.read(1 << 20):
                copy.write(chunk)
        return
    insert = f"INSERT INTO {STAGING} VALUES ({', '.join(['%s'] * len(columns))})"
    batch = []
    for line in lines:
        batch.append(_fields(line) if len(columns) > 1 else (line[:-1],))
        if len(batch) == BATCH:
            cursor.executemany(insert, batch)
            batch = []
    if batch:
        cursor.executemany(insert, batch)


def _fields(line: str) -> list:
    """The values of one COPY text line (the checker escapes only backslashes)."""
    parts = line[:-1].split("\t")
    district = parts.pop()
    if "\\" in line:
        parts = [part.replace("\\\\", "\\") for part in parts]
    parts.append(None if district == "\\N" else int(district))
    return parts


def store_addresses(lines, *, round_id: int, municipality_id: int, stamp) -> dict[str, int]:
    """Upsert the staged rows into the round; counts of new, changed, unchanged, removed and
    kept rows. A row whose values did not change is not written at all."""
    table = VisitAddress._meta.db_table
    at = connection.ops.adapt_datetimefield_value(stamp)
    with connection.cursor() as cursor:
        _stage(cursor, lines, STAGED)
        cursor.execute(f"SELECT count(*) FROM {STAGING}")
        staged = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {table} WHERE round_id = %s", [round_id])
        before = cursor.fetchone()[0]
        counts = {"created": staged, "updated": 0, "unchanged": 0, "removed": 0,
                  "kept_missing": 0}  # fmt: skip
        if before:
            if connection.vendor != "postgresql":  # PostgreSQL hashes the staged keys
                cursor.execute(f"CREATE INDEX {STAGING}_key ON {STAGING} (register_key)")
            matched = _count(cursor, f"{STAGING} s WHERE EXISTS (SELECT 1 FROM {table} a "
                             "WHERE a.round_id = %s AND a.register_key = s.register_key)",
                             round_id)  # fmt: skip
            counts["created"] = staged - matched
        written = _upsert(cursor, table, round_id, municipality_id, at)
        if before:
            if connection.vendor != "postgresql":  # its row count of an upsert is unclear
                written = _count(cursor, f"{table} WHERE round_id = %s AND imported_at = %s",
                                 round_id, at)  # fmt: skip
            changed = written - counts["created"]
            removed = _remove_missing(cursor, table, round_id) if before > matched else 0
            counts.update(updated=changed, unchanged=matched - changed, removed=removed,
                          kept_missing=before - matched - removed)  # fmt: skip
        cursor.execute(f"DROP TABLE {STAGING}")
    return counts


def _count(cursor, source: str, *params) -> int:
    cursor.execute(f"SELECT count(*) FROM {source}", list(params))
    return cursor.fetchone()[0]


def _upsert(cursor, table: str, round_id: int, municipality_id: int, at) -> int:
    """One INSERT of the staged rows; a row already in the round gets its name, address,
    household and district, and only if one of them changed (then ``imported_at`` too).
    The rows written (PostgreSQL: inserted and changed)."""
    personal = STAGED[1:]
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    # In key order, the unique index is filled page after page instead of at random: a
    # third faster on PostgreSQL at a million rows.
    cursor.execute(
        f"INSERT INTO {table} AS a (round_id, municipality_id, {', '.join(STAGED)}, status, "
        f"attempts, last_outcome, imported_at) SELECT %s, %s, {', '.join(STAGED)}, %s, 0, "
        f"'', %s FROM {STAGING} WHERE true ORDER BY register_key "
        "ON CONFLICT (round_id, register_key) DO UPDATE "
        f"SET {', '.join(f'{name} = excluded.{name}' for name in personal)}, "
        f"imported_at = excluded.imported_at WHERE ({', '.join(f'a.{n}' for n in personal)}) "
        f"{differs} ({', '.join(f'excluded.{n}' for n in personal)})",
        [round_id, municipality_id, VisitAddress.Status.TO_VISIT, at],
    )
    return cursor.rowcount


def _remove_missing(cursor, table: str, round_id: int) -> int:
    """Remove the round's addresses not in the extract that nothing happened to yet (the
    others are kept); how many."""
    attempts = VisitAttempt._meta.db_table
    cursor.execute(
        f"DELETE FROM {table} WHERE round_id = %s AND status = %s AND attempts = 0 "
        "AND volunteer_id IS NULL AND letter_sent_at IS NULL AND proposed_at IS NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {attempts} v WHERE v.address_id = {table}.id) "
        f"AND NOT EXISTS (SELECT 1 FROM {STAGING} s WHERE s.register_key = {table}.register_key)",
        [round_id, VisitAddress.Status.TO_VISIT],
    )
    return cursor.rowcount


def store_list(lines, *, round_id: int, kind: str) -> dict[str, int]:
    """Set the status of the listed residents; counts of changed, unchanged and not found."""
    table = VisitAddress._meta.db_table
    status, replaces = LIST_STATUS[kind]
    with connection.cursor() as cursor:
        _stage(cursor, lines, ("register_key",))
        in_list = f"register_key IN (SELECT register_key FROM {STAGING})"
        cursor.execute(f"SELECT count(*) FROM {STAGING}")
        listed = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {table} WHERE round_id = %s AND {in_list}",
                       [round_id])  # fmt: skip
        matched = cursor.fetchone()[0]
        cursor.execute(
            f"UPDATE {table} SET status = %s, volunteer_id = NULL, proposed_at = NULL "
            f"WHERE round_id = %s AND status IN ({', '.join(['%s'] * len(replaces))}) "
            f"AND {in_list}",
            [status, round_id, *replaces],
        )
        changed = cursor.rowcount
        cursor.execute(f"DROP TABLE {STAGING}")
    return {"changed": changed, "unchanged": matched - changed, "not_found": listed - matched}
