"""Backup and restore (issue 13, item 4; docs/backups.md), on the database the suite runs on.

The demo municipality (cases, signals, audit log, settings of every app, home-visit rounds)
and the shipped risk-map figures are backed up with ``manage.py backup``. Then personal data
is erased through the real services: a resident on request, a reporter's contact details,
the addresses of a home-visit round. ``manage.py restore`` runs as an operator would run it,
in its own process with DATABASE_URL pointing at a fresh empty database, and the restored
database must hold every row of the backup, except that what was erased after the backup
is erased again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.utils import load_backend
from django.test import override_settings
from django.utils import timezone

import omzien
from omzien.core.models import User
from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling.cases.services import close_for_erasure
from omzien.signalling.models import Case, Signal
from omzien.signalling.privacy.erasure import erase_reporter_contact
from omzien.signalling.privacy.rights import erase_resident
from omzien.signalling.tests.factories import file_signal, zeist
from omzien.socialmap.models import SocialMapSettings
from omzien.visits.models import VisitAddress, VisitRound, VisitSettings
from omzien.visits.privacy.retention import run_address_retention

pytestmark = [pytest.mark.issue(13), pytest.mark.django_db(transaction=True)]

#: Tables the erasure services change (rows emptied, deleted, or tombstones and audit
#: events added): compared by what must survive, not row for row.
ERASED_INTO = {
    "core_auditevent",
    "core_resident",
    "core_residentchange",
    "assessment_assessment",
    "signalling_case",
    "signalling_signal",
    "signalling_caseevent",
    "signalling_caseneeds",
    "signalling_referral",
    "signalling_acceptedsignal",
    "signalling_tombstone",
    "visits_visitaddress",
    "visits_visitround",
    "visits_roundtombstone",
    "visits_visitreport",
    "visits_addressimport",
    "visits_visitattempt",
}


def _need_pg_tools() -> None:
    missing = [name for name in ("pg_dump", "pg_restore") if shutil.which(name) is None]
    if missing:
        message = f"{', '.join(missing)} not installed (Debian: postgresql-client)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _rows(db, table: str) -> list[tuple]:
    quoted = db.ops.quote_name(table)
    with db.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - table from introspection
        return sorted(cursor.fetchall(), key=repr)


def _snapshot(db) -> dict[str, tuple[int, str]]:
    """Rows and a SHA-256 of the sorted rows, per table."""
    with db.cursor() as cursor:
        tables = db.introspection.table_names(cursor)
    snapshot = {}
    for table in sorted(tables):
        rows = _rows(db, table)
        snapshot[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return snapshot


def _scratch_database(tmp_path: Path):
    """A fresh empty database for the restore: a file on SQLite, a new database on
    PostgreSQL. Returns (its DATABASE_URL, its Django settings, a function that drops it)."""
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        settings.update(NAME=str(path), TEST={})
        return f"sqlite:///{path}", settings, lambda: None
    name = f"omzien_backup_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    settings.update(NAME=name, TEST={})
    user, password = settings["USER"], settings["PASSWORD"]
    url = f"postgres://{user}:{password}@{settings['HOST']}:{settings['PORT']}/{name}"

    def drop():
        # FORCE may meet an autovacuum worker of the freshly restored database, which our role
        # may not terminate; a plain DROP cancels autovacuum itself, so retry without FORCE.
        for attempt, sql in enumerate(
            [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'] * 1
            + [f'DROP DATABASE IF EXISTS "{name}"'] * 10
        ):
            try:
                with connection.cursor() as cursor:
                    cursor.execute(sql)
                return
            except DatabaseError:
                if attempt == 10:
                    raise
                time.sleep(0.5)

    return url, settings, drop


def _run_restore(backup: Path, database_url: str, journal: Path | str, *options: str):
    """``manage.py restore`` in a process of its own, as an operator runs it."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "OMZIEN_ERASURE_JOURNAL": str(journal),
        "DJANGO_SETTINGS_MODULE": "omzien.settings",
        "PYTHONPATH": str(Path(omzien.__file__).resolve().parents[1]),
        "SECRET_KEY": "restore-test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    }
    env.pop("OMZIEN_DEBUG", None)
    return subprocess.run(  # noqa: S603 - this Python, fixed arguments
        [sys.executable, "-m", "omzien.manage", "restore", str(backup), *options],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _restore_as_operator(backup: Path, database_url: str, journal: Path, *options: str) -> str:
    done = _run_restore(backup, database_url, journal, *options)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _build_realistic_database() -> None:
    call_command("load_demo", verbosity=0)
    call_command("import_riskmap", "--shipped", verbosity=0)
    # Settings of several apps (the demo only sets the signalling point's).
    SocialMapSettings.objects.update_or_create(municipality=zeist(), defaults={"match_max_km": 7})
    VisitSettings.objects.update_or_create(
        municipality=zeist(), defaults={"conversation_guide": "Vraag eerst hoe het gaat."}
    )
    # The demo's reporters left no contact details; this one does.
    file_signal(
        house_number="77",
        person_name="Mevrouw Testpersoon",
        reporter_name="Buurvrouw Testmelder",
        reporter_email="testmelder@example.org",
    )


def _erase_after_backup() -> dict:
    """Erase through the real services; returns the ids whose data must stay erased."""
    coordinator = User.objects.get(username="kartrekker")
    case = Case.objects.filter(resident__isnull=False).order_by("pk").first()
    resident_id = case.resident_id
    erase_resident(actor=coordinator, resident=case.resident, close_open_cases=True)
    signal = Signal.objects.get(reporter_email="testmelder@example.org")
    if signal.case.state != "closed":
        close_for_erasure(actor=coordinator, case=signal.case)
    assert erase_reporter_contact(signal.pk)
    round = VisitRound.objects.filter(erased_at__isnull=True).order_by("pk").first()
    assert VisitAddress.objects.filter(round=round).exists()
    VisitRound.objects.filter(pk=round.pk).update(status="closed", closed_at=timezone.now())
    later = timezone.now() + dt.timedelta(days=round.retention_days + 1)
    assert run_address_retention(now=later, code=round.municipality.code)
    return {"case": case.pk, "resident": resident_id, "signal": signal.pk, "round": round.pk}


def _connect(settings: dict):
    """A connection of its own to the restored database, outside the test's connection
    handler (which only lets the test use its own database)."""
    return load_backend(settings["ENGINE"]).DatabaseWrapper(settings, alias="restored")


def test_restore_brings_back_every_row_and_keeps_erasures(tmp_path):
    if connection.vendor == "postgresql":
        _need_pg_tools()
    _build_realistic_database()
    journal = tmp_path / "erasure-journal.jsonl"
    with override_settings(OMZIEN_BACKUP_DIR=tmp_path / "backups", OMZIEN_ERASURE_JOURNAL=journal):
        call_command("backup", verbosity=0)
        before = _snapshot(connection)
        audit_before = _rows(connection, "core_auditevent")
        erased = _erase_after_backup()
    (backup,) = [p for p in (tmp_path / "backups").iterdir() if not p.name.endswith(".json")]
    manifest = json.loads(Path(f"{backup}.manifest.json").read_text())
    # The manifest counts exactly what the backup holds, and nothing personal: numbers only.
    assert manifest["tables"] == {table: n for table, (n, _) in before.items()}
    assert manifest["vendor"] == connection.vendor
    kinds = [json.loads(line)["kind"] for line in journal.read_text().splitlines()]
    assert {"resident_erased", "reporter_contact_erased", "visit_addresses_erased"} <= set(kinds)

    url, settings, drop = _scratch_database(tmp_path)
    restored = _connect(settings)
    try:
        output = _restore_as_operator(backup, url, journal)
        _check_every_row_is_back(before, _snapshot(restored), audit_before, restored)
        _check_erasures_stay(erased, restored)
    finally:
        restored.close()
        drop()
    assert "erased again since the backup: resident_erased 1" in output


def _check_every_row_is_back(before, after, audit_before, restored) -> None:
    assert set(after) == set(before)
    settings_tables = [t for t, (n, _) in before.items() if t.endswith("settings") and n]
    assert len({t.split("_")[0] for t in settings_tables}) >= 3  # settings of several apps
    for table in ("signalling_case", "core_auditevent", "riskmap_areafigure", "visits_visitround"):
        assert before[table][0] > 0, f"a realistic database has rows in {table}"
    unchanged = {t: v for t, v in before.items() if t not in ERASED_INTO}
    assert {t: after[t] for t in unchanged} == unchanged
    # Every audit event of the backup is there unchanged; the replay adds its own after them.
    restored_audit = _rows(restored, "core_auditevent")
    assert set(audit_before) <= set(restored_audit)
    assert len(restored_audit) > len(audit_before)
    # Every case is there, with its anonymous facts.
    assert _case_keys(restored) == _case_keys(connection)


def _one(db, sql: str, *params):
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _case_keys(db) -> list[tuple]:
    return _one(
        db,
        "SELECT id, municipality_id, district_id, urgent, created_at "
        "FROM signalling_case ORDER BY id",
    )


def _check_erasures_stay(erased, restored) -> None:
    assert _one(restored, "SELECT id FROM core_resident WHERE id = %s", erased["resident"]) == []
    [(erased_at, resident)] = _one(
        restored,
        "SELECT personal_data_erased_at, resident_id FROM signalling_case WHERE id = %s",
        erased["case"],
    )
    assert erased_at is not None and resident is None
    names = _one(
        restored, "SELECT person_name FROM signalling_signal WHERE case_id = %s", erased["case"]
    )
    assert names and all(name == "" for (name,) in names)
    contact = _one(
        restored,
        "SELECT reporter_name, reporter_email, reporter_phone FROM signalling_signal WHERE id = %s",
        erased["signal"],
    )
    assert contact == [("", "", "")]
    [(round_erased_at,)] = _one(
        restored, "SELECT erased_at FROM visits_visitround WHERE id = %s", erased["round"]
    )
    assert round_erased_at is not None
    assert (
        _one(restored, "SELECT id FROM visits_visitaddress WHERE round_id = %s", erased["round"])
        == []
    )
    # Not everything was erased: residents nobody erased are still there, with their names.
    sql = "SELECT id, name FROM core_resident WHERE id <> %s ORDER BY id"
    kept = _one(connection, sql, erased["resident"])
    assert kept and set(kept) <= set(_one(restored, sql, erased["resident"]))


def _small_backup(tmp_path: Path) -> tuple[Path, list[Case]]:
    """Two residents with a case each, backed up; returns the backup and the cases."""
    cases = [
        file_signal(house_number=number, person_name=f"Bewoner {number}").case
        for number in ("21", "23")
    ]
    call_command("backup", "--dir", str(tmp_path / "backups"), verbosity=0)
    (backup,) = [p for p in (tmp_path / "backups").iterdir() if not p.name.endswith(".json")]
    return backup, cases


def _tables(db) -> list[str]:
    with db.cursor() as cursor:
        return db.introspection.table_names(cursor)


def test_restore_replays_the_journal_of_every_node(tmp_path):
    """Two web nodes, each with a journal of its own: one erasure in each after the backup.
    The restore replays both files; a line found in both counts once."""
    if connection.vendor == "postgresql":
        _need_pg_tools()
    backup, cases = _small_backup(tmp_path)
    coordinator = member(Role.COORDINATOR, zeist())
    node_journals = [tmp_path / "node1.jsonl", tmp_path / "node2.jsonl"]
    for case, node_journal in zip(cases, node_journals, strict=True):
        with override_settings(OMZIEN_ERASURE_JOURNAL=str(node_journal)):
            erase_resident(actor=coordinator, resident=case.resident, close_open_cases=True)
    # Node 2's file also holds a copy of node 1's lines (say, an earlier shared journal).
    with node_journals[1].open("a") as node2:
        node2.write(node_journals[0].read_text())
    url, settings, drop = _scratch_database(tmp_path)
    restored = _connect(settings)
    try:
        output = _restore_as_operator(
            backup,
            url,
            tmp_path / "configured-but-not-used.jsonl",
            *("--journal", str(node_journals[0]), "--journal", str(node_journals[1])),
        )
        sql = "SELECT id FROM core_resident WHERE id IN (%s, %s)"
        assert _one(restored, sql, cases[0].resident_id, cases[1].resident_id) == []
    finally:
        restored.close()
        drop()
    assert f"erasure journal {node_journals[0]}: 2 lines" in output
    assert f"erasure journal {node_journals[1]}: 4 lines" in output
    assert "erased again since the backup: resident_erased 2" in output
    assert "journal entries already erased: 0" in output  # the copied lines once only


def test_restore_without_its_journal_is_refused_unless_no_journal(tmp_path):
    if connection.vendor == "postgresql":
        _need_pg_tools()
    backup, _ = _small_backup(tmp_path)
    missing = tmp_path / "lost-journal.jsonl"
    url, settings, drop = _scratch_database(tmp_path)
    restored = _connect(settings)
    try:
        refusals = [
            _run_restore(backup, url, missing),  # the configured journal is missing
            _run_restore(backup, url, "", "--journal", str(missing)),
            _run_restore(backup, url, ""),  # no journal configured, none given
        ]
        for done in refusals:
            assert done.returncode != 0
            assert "Nothing was restored" in done.stderr
            assert "--no-journal" in done.stderr
        assert f"The erasure journal {missing} does not exist" in refusals[0].stderr
        assert "No erasure journal is configured" in refusals[2].stderr
        assert _tables(restored) == []
        output = _restore_as_operator(backup, url, missing, "--no-journal")
        assert _one(restored, "SELECT COUNT(*) FROM signalling_signal") == [(2,)]
    finally:
        restored.close()
        drop()
    assert "erasure journal: none replayed (--no-journal)" in output
