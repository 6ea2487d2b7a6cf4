"""Importing the catalogue from CSV and Excel (issue 9, item 2): the documented template and
its example file import cleanly, a bad file changes nothing and names every bad row, the same
file twice changes nothing the second time, and a large file runs as a task with a progress
bar. Only the coordinator imports and exports."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from omzien.core.models import AuditEvent, Municipality, Organisation
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.socialmap import agenda
from omzien.socialmap.choices import Status
from omzien.socialmap.imports import jobs
from omzien.socialmap.models import Event, ImportJob, Initiative, InitiativeVersion

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]

EXAMPLES = Path(__file__).resolve().parents[4] / "docs" / "examples"
HEADER = "nummer;naam;organisatie;beschrijving;soorten;postcode;eerste_datum;tijd;herhaling"
GOOD = "A1;Koffie;Buurtwerk;Koffie en een praatje.;meeting;3701 AB;05-01-2027;10:00;wekelijks"


def zeist() -> Municipality:
    return Municipality.objects.get(code="GM0355")


@pytest.fixture
def coordinator(client):
    user = member(Role.COORDINATOR, zeist())
    login_verified(client, user)
    return user


def upload(client, name: str, content: bytes, status: str = "concept"):
    answer = client.post(
        "/g/zeist/sociale-kaart/import/",
        {"file": SimpleUploadedFile(name, content), "status": status},
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return ImportJob.objects.get(pk=answer["Location"].rstrip("/").split("/")[-1])


def footprint() -> tuple[int, int, int, int]:
    """What a change would leave behind: initiatives, versions, events, audit events."""
    return (Initiative.objects.count(), InitiativeVersion.objects.count(),
            Event.objects.count(),
            AuditEvent.objects.filter(action__startswith="initiative_").count())  # fmt: skip


def test_the_example_file_imports_cleanly_and_says_which_organisations_it_made(client, coordinator):
    content = (EXAMPLES / "sociale-kaart-voorbeeld.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # as Excel saves it: UTF-8 with a BOM
    job = upload(client, "sociale-kaart-voorbeeld.csv", content)
    assert job.state == ImportJob.State.DONE, job.problems
    assert job.summary["created"] == 6
    assert "Welzijn Zeist" in job.summary["organisations"]
    assert Organisation.objects.filter(municipality=zeist(), name="Welzijn Zeist").exists()
    coffee = Initiative.objects.get(reference="ZK-001")
    assert coffee.status == Status.PUBLISHED and coffee.wheelchair and coffee.hearing_loop
    assert (coffee.capacity, coffee.places_left, coffee.postcode) == (30, 12, "3701 AB")
    assert coffee.latitude is not None
    event = coffee.events.get()
    assert event.starts_at == dt.datetime(2027, 1, 5, 10, tzinfo=agenda.TZ)
    assert event.rrule.startswith("FREQ=WEEKLY;UNTIL=2027062")
    buddy = Initiative.objects.get(reference="ZK-002")
    assert buddy.status == Status.DRAFT and buddy.target_groups == ["widowhood", "moved"]
    assert buddy.languages == ["Nederlands", "Engels"] and buddy.where == "at_home"
    course = Initiative.objects.get(reference="ZK-004")
    assert not course.free and course.kinds == ["social_skills", "realistic_expectations"]
    # Each initiative went through the services: a version and an audit event.
    # made, published, its meetings added (a change of the meetings is a new version)
    assert InitiativeVersion.objects.filter(initiative=coffee).count() == 3
    assert AuditEvent.objects.filter(action="catalogue_imported").count() == 1
    page = client.get(f"/g/zeist/sociale-kaart/import/{job.pk}/").content.decode()
    assert "6 nieuw" in page and "Welzijn Zeist" in page


def test_the_same_csv_twice_changes_nothing_the_second_time(client, coordinator):
    content = (EXAMPLES / "sociale-kaart-voorbeeld.csv").read_bytes()
    upload(client, "voorbeeld.csv", content)
    before = footprint()
    again = upload(client, "voorbeeld.csv", content)
    assert again.state == ImportJob.State.DONE
    assert again.summary == {"created": 0, "changed": 0, "unchanged": 6, "organisations": []}
    assert footprint() == before


def test_a_changed_row_updates_its_initiative_and_never_duplicates(client, coordinator):
    upload(client, "a.csv", f"{HEADER}\n{GOOD}\n".encode())
    made = Initiative.objects.get()
    before = made.version
    changed = upload(client, "a.csv", f"{HEADER}\n{GOOD.replace('Koffie;', 'Koffie!;')}\n".encode())
    assert changed.summary["changed"] == 1 and Initiative.objects.count() == 1
    made.refresh_from_db()
    assert made.name == "Koffie!" and made.version == before + 1 and made.events.count() == 1


def test_a_file_with_bad_rows_changes_nothing_and_reports_each_row(client, coordinator):
    rows = [
        HEADER,
        GOOD,  # line 2: good, but the file is refused as a whole
        "A2;;Buurtwerk;Zonder naam.;meeting;3701 AB;;;",
        "A3;Wandelen;Buurtwerk;Onbekende postcode.;meeting;9999 ZZ;;;",
        "A4;Knutselen;Buurtwerk;Onbekende soort.;knutselen;3701 AB;;;",
        "A5;Bingo;Buurtwerk;Datum die niet bestaat.;meeting;3701 AB;31-02-2027;10:00;",
        "A6;Zingen;Buurtwerk;Herhaling die niet klopt.;meeting;3701 AB;05-01-2027;10:00;FREQ=SOMS",
    ]
    before = footprint()
    job = upload(client, "fout.csv", "\n".join(rows).encode())
    assert job.state == ImportJob.State.REFUSED
    assert [(p["line"], p["column"]) for p in job.problems] == [
        (3, "naam"), (4, "postcode"), (5, "soorten"), (6, "eerste_datum"), (7, "herhaling")
    ]  # fmt: skip
    assert footprint() == before
    assert not Organisation.objects.filter(name="Buurtwerk").exists()
    page = client.get(f"/g/zeist/sociale-kaart/import/{job.pk}/").content.decode()
    for reason in ("Vul de naam van het initiatief in.", "Deze postcode kennen we niet.",
                   "Onbekende soort: knutselen", "Deze datum bestaat niet",
                   "Deze herhaling begrijpen we niet"):  # fmt: skip
        assert reason in page
    assert "Er is niets veranderd" in page


def test_an_unknown_column_or_a_missing_one_is_reported_on_line_one(client, coordinator):
    job = upload(client, "x.csv", b"naam;kleur\nKoffie;rood\n")
    assert {(p["line"], p["column"]) for p in job.problems} == {(1, "kleur"), (1, "organisatie")}
    assert not Initiative.objects.exists()


def test_an_excel_file_imports_the_same_as_its_csv(client, coordinator):
    job = upload(client, "voorbeeld.xlsx", (EXAMPLES / "sociale-kaart-voorbeeld.xlsx").read_bytes())
    assert job.state == ImportJob.State.DONE, job.problems
    assert job.summary["created"] == 6
    assert Initiative.objects.get(reference="ZK-003").events.get().starts_at == dt.datetime(
        2027, 1, 7, 14, tzinfo=agenda.TZ
    )
    # The Excel cells (dates, times, numbers) read as the CSV's text: nothing to update.
    before = footprint()
    csv_job = upload(
        client, "voorbeeld.csv", (EXAMPLES / "sociale-kaart-voorbeeld.csv").read_bytes()
    )
    assert csv_job.summary["unchanged"] == 6 and footprint() == before


def test_an_excel_file_built_by_hand_with_real_date_cells(client, coordinator):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Naam", "Organisatie", "Beschrijving", "Soorten", "Postcode", "Eerste datum",
                  "Tijd", "Plaatsen"])  # fmt: skip
    sheet.append(["Koffie", "Buurtwerk", "Koffie.", "ontmoeting", "3701ab",
                  dt.datetime(2027, 2, 1), dt.time(9, 30), 20])  # fmt: skip
    data = io.BytesIO()
    book.save(data)
    job = upload(client, "kaart.xlsx", data.getvalue())
    assert job.state == ImportJob.State.DONE, job.problems
    made = Initiative.objects.get()
    assert made.kinds == ["meeting"] and made.capacity == 20 and made.postcode == "3701 AB"
    assert made.events.get().starts_at == dt.datetime(2027, 2, 1, 9, 30, tzinfo=agenda.TZ)


def test_a_comma_separated_file_without_bom_and_the_publish_choice(client, coordinator):
    content = (
        b"naam,organisatie,beschrijving,soorten,postcode\n"
        b"Koffie,Buurtwerk,Koffie.,meeting,3701 AB\n"
    )
    job = upload(client, "komma.csv", content, status="publiceren")
    assert job.state == ImportJob.State.DONE, job.problems
    assert Initiative.objects.get().status == Status.PUBLISHED


def test_a_published_initiative_cannot_go_back_to_draft_by_import(client, coordinator):
    upload(client, "a.csv", f"{HEADER};status\n{GOOD};gepubliceerd\n".encode())
    job = upload(client, "a.csv", f"{HEADER};status\n{GOOD};concept\n".encode())
    assert job.state == ImportJob.State.REFUSED
    assert job.problems[0]["column"] == "status" and "gearchiveerd" in job.problems[0]["message"]
    assert Initiative.objects.get().status == Status.PUBLISHED


def test_a_large_file_runs_as_a_task_and_the_page_shows_its_progress(
    client, coordinator, monkeypatch
):
    monkeypatch.setattr(jobs, "IN_REQUEST_ROWS", 2)
    job = upload(client, "groot.csv", (EXAMPLES / "sociale-kaart-voorbeeld.csv").read_bytes())
    assert job.state == ImportJob.State.WAITING and not Initiative.objects.exists()
    page = client.get(f"/g/zeist/sociale-kaart/import/{job.pk}/").content.decode()
    assert "<progress" in page and 'aria-live="polite"' in page
    partial = client.get(f"/g/zeist/sociale-kaart/import/{job.pk}/?gezien=waiting",
                         headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert 'hx-trigger="every 1s"' in partial and "hx-swap-oob" not in partial
    # The worker drops "old" connections between tasks; inside the test's transaction that
    # would close the test's own connection on PostgreSQL.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and Initiative.objects.count() == 6
    partial = client.get(f"/g/zeist/sociale-kaart/import/{job.pk}/?gezien=waiting",
                         headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert "hx-trigger" not in partial and "hx-swap-oob" in partial and "6 nieuw" in partial


def test_a_job_runs_once_however_often_it_is_started(client, coordinator):
    job = upload(client, "a.csv", f"{HEADER}\n{GOOD}\n".encode())
    assert jobs.run_import(job.pk) == ImportJob.State.DONE
    assert Initiative.objects.count() == 1


def test_only_the_coordinator_imports_and_exports(client):
    municipality = zeist()
    partner = member(Role.REPORTER, municipality)
    partner.memberships.update(organisation=OrganisationFactory(municipality=municipality))
    for user in (member(Role.CASEWORKER, municipality), partner):
        login_verified(client, user)
        for url in ("/g/zeist/sociale-kaart/import/", "/g/zeist/sociale-kaart/export.json",
                    "/g/zeist/sociale-kaart/import/sjabloon.csv"):  # fmt: skip
            assert client.get(url).status_code == 403, url
        assert "importeren" not in client.get("/g/zeist/sociale-kaart/").content.decode()


def test_the_list_links_to_import_and_export_and_the_template_downloads(client, coordinator):
    page = client.get("/g/zeist/sociale-kaart/").content.decode()
    assert "/g/zeist/sociale-kaart/import/" in page and "/g/zeist/sociale-kaart/export.json" in page
    template = client.get("/g/zeist/sociale-kaart/import/sjabloon.csv")
    assert template.content == (EXAMPLES / "sociale-kaart-sjabloon.csv").read_bytes()


def test_a_file_that_is_not_a_table_is_refused_on_the_form(client, coordinator):
    answer = client.post("/g/zeist/sociale-kaart/import/",
                         {"file": SimpleUploadedFile("kaart.xlsx", b"geen excel"),
                          "status": "concept"})  # fmt: skip
    assert answer.status_code == 422
    assert "Dit is geen leesbaar Excel-bestand" in answer.content.decode()
    answer = client.post("/g/zeist/sociale-kaart/import/",
                         {"file": SimpleUploadedFile("kaart.pdf", b"%PDF"),
                          "status": "concept"})  # fmt: skip
    assert answer.status_code == 422 and not ImportJob.objects.exists()
