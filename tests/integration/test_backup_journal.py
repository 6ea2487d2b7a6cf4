"""The erasure journal and the guards of ``manage.py restore`` (issue 13, item 4;
docs/backups.md). The full backup-and-restore journey is in test_backup_restore.py."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from omzien.core.models import Resident
from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling.privacy.rights import erase_resident
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = pytest.mark.issue(13)

PERSONAL = ("Mevrouw Journaaltest", "Dorpsstraat", "journaal@example.org", "3701")


@pytest.fixture
def coordinator_zeist(db):
    return member(Role.COORDINATOR, zeist())


def _resident_with_case(coordinator):
    result = file_signal(house_number="12", person_name=PERSONAL[0], reporter_email=PERSONAL[2])
    return result.case


@pytest.mark.django_db(transaction=True)
def test_an_erasure_on_request_is_journalled_with_ids_only(tmp_path, coordinator_zeist):
    journal = tmp_path / "journal.jsonl"
    case = _resident_with_case(coordinator_zeist)
    assert case.resident_id is not None
    with override_settings(OMZIEN_ERASURE_JOURNAL=str(journal)):
        erase_resident(actor=coordinator_zeist, resident=case.resident, close_open_cases=True)
    lines = [json.loads(line) for line in journal.read_text().splitlines()]
    assert [(e["kind"], e["model"], e["id"]) for e in lines] == [
        ("case_personal_data_erased", "signalling.case", case.pk),
        ("resident_erased", "core.resident", case.resident_id),
    ]
    assert all(set(e) == {"time", "kind", "model", "id", "reason"} for e in lines)
    text = journal.read_text()
    assert not any(value in text for value in PERSONAL)


@pytest.mark.django_db(transaction=True)
def test_an_erasure_that_rolls_back_is_not_journalled(tmp_path, coordinator_zeist):
    from django.db import transaction

    journal = tmp_path / "journal.jsonl"
    case = _resident_with_case(coordinator_zeist)
    with (
        override_settings(OMZIEN_ERASURE_JOURNAL=str(journal)),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        erase_resident(actor=coordinator_zeist, resident=case.resident, close_open_cases=True)
        raise RuntimeError("something after the erasure fails")
    assert Resident.objects.filter(pk=case.resident_id).exists()
    assert not journal.exists()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    if connection.vendor == "postgresql" and shutil.which("pg_dump") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pg_dump not installed (Debian: postgresql-client)")
        pytest.skip("pg_dump not installed")
    file_signal(house_number="14", person_name=PERSONAL[0])
    call_command("backup", "--dir", str(tmp_path), verbosity=0)
    (backup,) = [p for p in tmp_path.iterdir() if not p.name.endswith(".json")]
    manifest = (tmp_path / f"{backup.name}.manifest.json").read_text()
    assert not any(value in manifest for value in PERSONAL)
    assert json.loads(manifest)["tables"]["signalling_signal"] == 1
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup))
    # A changed backup file no longer matches its manifest.
    with backup.open("ab") as data:
        data.write(b"x")
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("restore", str(backup), "--force")


@pytest.mark.django_db
def test_backup_refuses_a_pg_dump_older_than_the_server(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump is for PostgreSQL")
    old = tmp_path / "bin" / "pg_dump"
    old.parent.mkdir()
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", f"{old.parent}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(CommandError, match="pg_dump is version 9, the server"):
        call_command("backup", "--dir", str(tmp_path / "out"), verbosity=0)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
