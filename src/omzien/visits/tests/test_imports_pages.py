"""The import pages (issue 11, item 2): the example files import cleanly, Excel reads like
CSV, a large file runs as a task with a progress bar, and only the municipality's coordinator
opens the pages."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.visits.imports import forms, jobs
from omzien.visits.models import AddressImport, VisitAddress
from omzien.visits.tests.factories import volunteer
from omzien.visits.tests.imports_helpers import (
    EXAMPLES,
    HEADER,
    csv_of,
    row,
    upload,
    zeist,
    zeist_round,
)

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]
Done = AddressImport.State.DONE


@pytest.fixture
def coordinator(client):
    user = member(Role.COORDINATOR, zeist())
    login_verified(client, user)
    return user


def test_the_example_csv_imports_with_districts_from_postcodes(client, coordinator):
    round = zeist_round()
    job = upload(client, round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes(),
                 name="huisbezoek-adressen-voorbeeld.csv")  # fmt: skip
    assert job.state == Done, job.problems
    assert job.summary["created"] == 20 and job.summary["rows"] == 20
    assert job.checked == job.total == 20
    districts = dict(VisitAddress.objects.values_list("surname", "district__code"))
    assert districts["Klaassen"] == "WK035505"  # Den Dolder
    assert districts["Bosman"] == "WK035504"
    assert not bytes(AddressImport.objects.get(pk=job.pk).upload)
    round_page = client.get(f"/g/zeist/huisbezoeken/{round.pk}/").content.decode()
    assert "huisbezoek-adressen-voorbeeld.csv" in round_page
    assert f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/" in round_page


def test_the_example_excel_file_imports_the_same_as_its_csv(client, coordinator):
    csv_round, xlsx_round = zeist_round(), zeist_round(name="Excel")
    upload(client, csv_round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes())
    job = upload(client, xlsx_round, (EXAMPLES / "huisbezoek-adressen-voorbeeld.xlsx").read_bytes(),
                 name="adressen.xlsx")  # fmt: skip
    assert job.state == Done, job.problems

    def rows(round):
        return sorted(
            VisitAddress.objects.filter(round=round).values_list(
                "register_key", "surname", "date_of_birth", "house_number", "addition", "district"
            )
        )

    assert rows(csv_round) == rows(xlsx_round) and len(rows(csv_round)) == 20


def test_an_excel_file_with_text_dates_and_a_bad_cell(client, coordinator):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(["A.", "", "", "Vos", dt.datetime(1940, 5, 1), "Slotlaan", 5, "", "", "3701 GA",
                  "Zeist", ""])  # fmt: skip
    sheet.append(["B.", "", "", "Kok", "1-5-1940", "Slotlaan", 6, "", "", "3701 GA", "Zeist", ""])
    sheet.append(["C.", "", "", "Smit", "mei 1940", "Slotlaan", 7, "", "", "3701 GA", "Zeist", ""])
    out = io.BytesIO()
    book.save(out)
    job = upload(client, zeist_round(), out.getvalue(), name="adressen.xlsx")
    assert [(p["line"], p["column"]) for p in job.problems] == [(4, "geboortedatum")]


def test_a_comma_separated_file_without_bom(client, coordinator):
    content = (HEADER.replace(";", ",") + "\n" + row().replace(";", ",") + "\n").encode()
    assert upload(client, zeist_round(), content).state == Done


def test_a_large_file_runs_as_a_task_and_the_page_shows_its_progress(
    client, coordinator, monkeypatch
):
    monkeypatch.setattr(jobs, "IN_REQUEST_ROWS", 2)
    monkeypatch.setattr(jobs, "PROGRESS_EVERY", 5)
    seen = []
    real_update = jobs.AddressImport.objects.filter

    def spy(*args, **kwargs):
        found = real_update(*args, **kwargs)
        original = found.update

        def update(**values):
            if "checked" in values:
                seen.append((values["checked"], values.get("state")))
            return original(**values)

        found.update = update
        return found

    example = (EXAMPLES / "huisbezoek-adressen-voorbeeld.csv").read_bytes()
    job = upload(client, zeist_round(), example)
    assert job.state == AddressImport.State.WAITING and job.total == 20
    assert not VisitAddress.objects.exists()
    page = client.get(f"/g/zeist/huisbezoek-imports/{job.pk}/").content.decode()
    assert "<progress" in page and 'aria-live="polite"' in page
    assert "ongeveer 20 regels wacht op verwerking" in page
    partial = client.get(f"/g/zeist/huisbezoek-imports/{job.pk}/?gezien=waiting",
                         headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert 'hx-trigger="every 1s"' in partial and "hx-swap-oob" not in partial
    monkeypatch.setattr(jobs.AddressImport.objects, "filter", spy)
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == Done and VisitAddress.objects.count() == 20
    assert [n for n, state in seen] == [5, 10, 15, 20, 20]
    assert seen[-1][1] == AddressImport.State.SAVING
    assert job.checked == job.total == 20 and not bytes(job.upload)
    partial = client.get(f"/g/zeist/huisbezoek-imports/{job.pk}/?gezien=waiting",
                         headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert "hx-trigger" not in partial and "hx-swap-oob" in partial
    assert 'data-testid="import-created">20<' in partial


def test_a_job_runs_once_however_often_it_is_started(client, coordinator):
    job = upload(client, zeist_round(), csv_of(row()))
    assert jobs.run_import(job.pk) == Done
    assert VisitAddress.objects.count() == 1


def test_the_template_downloads_with_the_documented_columns(client, coordinator):
    answer = client.get("/g/zeist/huisbezoeken/adressen-sjabloon.csv")
    assert answer.status_code == 200
    assert answer.content.decode("utf-8-sig").strip() == HEADER
    page = client.get(f"/g/zeist/huisbezoeken/{zeist_round().pk}/adressen-inlezen/")
    assert 'data-testid="template-link"' in page.content.decode()


def test_a_file_too_large_or_of_another_kind_is_refused_on_the_form(
    client, coordinator, monkeypatch
):
    round = zeist_round()
    monkeypatch.setattr(forms, "MAX_MB", 0)
    answer = client.post(
        f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/",
        {"kind": "addresses", "outside": "overslaan", "file": SimpleUploadedFile("a.csv", b"x")},
    )
    assert answer.status_code == 422
    assert "Dit bestand is groter dan 0 MB." in answer.content.decode()
    monkeypatch.setattr(forms, "MAX_MB", 300)
    upload(client, round, b"%PDF-1.4", name="adressen.pdf", expect=422)
    upload(client, round, b"PK\x03\x04 rubbish", name="adressen.xlsx", expect=422)
    assert not AddressImport.objects.exists()


def test_a_closed_round_takes_no_import(client, coordinator):
    round = zeist_round(status="closed")
    page = client.get(f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/")
    assert page.status_code == 200
    assert "Deze ronde is gesloten" in page.content.decode()
    upload(client, round, csv_of(row()), expect=422)
    assert not AddressImport.objects.exists()


def test_only_the_coordinator_of_the_municipality_opens_the_pages(client):
    round = zeist_round()
    login_verified(client, member(Role.COORDINATOR, zeist()))
    job = upload(client, round, csv_of(row()))
    other = Municipality.objects.get(code="GM0310")  # De Bilt
    pages = [f"/g/zeist/huisbezoeken/{round.pk}/adressen-inlezen/",
             f"/g/zeist/huisbezoek-imports/{job.pk}/",
             "/g/zeist/huisbezoeken/adressen-sjabloon.csv"]  # fmt: skip
    client.logout()
    login_verified(client, member(Role.COORDINATOR, other))
    for url in pages:
        assert client.get(url).status_code in (403, 404), url
    for url in pages[:2]:
        own = url.replace("/g/zeist/", f"/g/{other.slug}/")
        assert client.get(own).status_code == 404, own
    client.logout()
    login_verified(client, volunteer(zeist()).user)
    for url in pages:
        assert client.get(url).status_code == 403, url
    assert client.post(pages[0], {"kind": "addresses"}).status_code == 403
    client.logout()
    login_verified(client, member(Role.POLICY, zeist()))
    assert client.get(pages[1]).status_code == 403
    assert VisitAddress.objects.count() == 1
