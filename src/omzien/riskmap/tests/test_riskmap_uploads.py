"""Uploading figures in the browser (issue 10, item 1): a coordinator uploads the
municipality's own survey per district and sees what was loaded, unknown and refused; a bad
file changes nothing and names file, line and column; the programme team uploads the public
files (RIVM, GGD, CBS); a large file runs as a task whose progress bar moves with the rows
checked; only the roles with the upload permissions reach the pages."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, UserFactory, login_verified, member
from omzien.riskmap.importers import report
from omzien.riskmap.models import AreaFigure, FigureImportJob, ImportRun, Source
from omzien.riskmap.tests.test_riskmap_importers import _survey_output
from omzien.riskmap.uploads import jobs, views

pytestmark = [pytest.mark.issue(10), pytest.mark.django_db]

FIXTURES = Path(__file__).parent / "fixtures"
RIVM_JSON = FIXTURES / "rivm_50120NED_fixture_typeddataset.json"
RIVM_CSV = FIXTURES / "rivm_50120NED_fixture_typeddataset.csv"
PUBLIC = "/landelijk/risicokaart/inlezen/"
State = FigureImportJob.State


def text(response) -> str:
    """The page's text without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def survey_url(municipality) -> str:
    return f"/g/{municipality.slug}/risicokaart/inlezen/"


def footprint() -> tuple[int, int]:
    return AreaFigure.objects.count(), ImportRun.objects.count()


@pytest.fixture
def proefdorp(small_municipality):
    return small_municipality


@pytest.fixture
def programme(client):
    login_verified(client, member(Role.PROGRAMME))
    return client


def upload_survey(client, municipality, data: bytes, year="2025", name="per_wijk.csv"):
    return client.post(
        survey_url(municipality), {"year": year, "file": SimpleUploadedFile(name, data)}
    )


def job_of(response) -> FigureImportJob:
    assert response.status_code == 302, response.content.decode()[:3000]
    return FigureImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def test_a_coordinator_uploads_the_own_survey_and_sees_the_report(client_as, proefdorp, tmp_path):
    municipality = proefdorp.municipality
    client = client_as(Role.COORDINATOR, municipality)
    page = client.get(f"/g/{municipality.slug}/risicokaart/")
    assert survey_url(municipality) in page.content.decode()  # the map links to the upload

    job = job_of(upload_survey(client, municipality, _survey_output(tmp_path, proefdorp.districts)))
    assert job.state == State.DONE and not job.content  # the file is not kept
    own = AreaFigure.objects.filter(source=Source.OWN_SURVEY, municipality=municipality)
    assert own.count() == 12 and set(own.values_list("year", flat=True)) == {2025}
    run = ImportRun.objects.get(pk__in=job.runs)
    assert run.created_by == client.user and run.municipality == municipality

    shown = text(client.get(f"/g/{municipality.slug}/risicokaart/inlezen/{job.pk}/"))
    assert "Eigen onderzoek van de gemeente 2025" in shown
    assert f"{run.loaded} cijfers geladen" in shown
    # Zuid (4 respondents) is suppressed: unknown, by name, never 0.
    assert f"{run.skipped} cijfers geheim of onbekend (niet als 0 opgeslagen)" in shown
    assert "Zuid (WK990103) eenzaam – geheim of onbekend" in shown
    assert "0 regels geweigerd" in shown
    assert AuditEvent.objects.filter(
        action="riskmap_figures_imported", municipality=municipality, actor=client.user
    ).exists()
    # The form page lists the import in the history of this municipality.
    history = client.get(survey_url(municipality)).content.decode()
    assert 'data-testid="import-history"' in history and "per_wijk.csv" in history


def test_a_bad_survey_changes_nothing_and_names_line_and_column(client_as, proefdorp, tmp_path):
    municipality = proefdorp.municipality
    client = client_as(Role.COORDINATOR, municipality)
    good = _survey_output(tmp_path, proefdorp.districts)
    job_of(upload_survey(client, municipality, good))
    before = footprint()
    lines = good.decode().splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("eenzaam_pct")] = "veel"
    bad = "\n".join([lines[0], ",".join(cells), *lines[2:]]).encode()

    job = job_of(upload_survey(client, municipality, bad, year="2025", name="fout.csv"))
    assert job.state == State.REFUSED
    assert footprint() == before
    assert AuditEvent.objects.filter(action="riskmap_import_refused").count() == 1
    shown = text(client.get(f"/g/{municipality.slug}/risicokaart/inlezen/{job.pk}/"))
    assert "Er is niets veranderd" in shown
    assert "fout.csv 2 eenzaam_pct 'veel' is geen getal" in shown


def test_the_survey_pages_are_only_for_the_coordinator_of_the_municipality(
    client, proefdorp, tmp_path
):
    municipality = proefdorp.municipality
    coordinator = member(Role.COORDINATOR, municipality)
    login_verified(client, coordinator)
    job = job_of(upload_survey(client, municipality, _survey_output(tmp_path, proefdorp.districts)))
    pages = (survey_url(municipality), f"{survey_url(municipality)}{job.pk}/")
    # Another municipality's coordinator: the municipality does not exist for them.
    login_verified(client, member(Role.COORDINATOR, MunicipalityFactory()))
    for url in pages:
        assert client.get(url).status_code == 404, url
    for role in (Role.CASEWORKER, Role.POLICY, Role.ADMIN, Role.PROGRAMME):
        login_verified(client, member(role, municipality))
        for url in pages:
            assert client.get(url).status_code == 403, (role, url)
        assert client.post(pages[0], {"year": "2025"}).status_code == 403
    # Policy may see the map, without the upload link; nor the national upload.
    login_verified(client, member(Role.POLICY, municipality))
    assert survey_url(municipality) not in client.get(f"/g/{municipality.slug}/risicokaart/")
    login_verified(client, coordinator)
    assert client.get(PUBLIC).status_code == 403
    assert client.get(f"{PUBLIC}{job.pk}/").status_code == 403


def test_the_programme_uploads_a_rivm_file_and_the_figures_appear(programme):
    assert PUBLIC in programme.get("/landelijk/risicokaart/").content.decode()
    answer = programme.post(
        PUBLIC, {"source": "rivm", "year": "", "file": SimpleUploadedFile(
            RIVM_JSON.name, RIVM_JSON.read_bytes())},
    )  # fmt: skip
    job = job_of(answer)
    assert job.state == State.DONE and job.municipality is None
    noord = AreaFigure.objects.get(
        source=Source.RIVM, year=2022, area_code="WK990101", indicator="eenzaam", age_group="20300"
    )
    assert noord.municipality is None and noord.value == 46.3
    zuid = AreaFigure.objects.get(source=Source.RIVM, area_code="WK990103",
                                  indicator="ernstig_eenzaam", age_group="20300")  # fmt: skip
    assert zuid.suppressed and zuid.value is None
    shown = text(programme.get(f"{PUBLIC}{job.pk}/"))
    assert "RIVM Gezondheid per wijk en buurt 2022" in shown
    assert "WK990103 ernstig_eenzaam 20300 geheim of onbekend" in shown
    assert "RIVM Gezondheid per wijk en buurt" in text(programme.get(PUBLIC))  # history


def test_a_superuser_may_upload_public_files_and_a_caseworker_may_not(client, proefdorp):
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    assert client.get(PUBLIC).status_code == 200
    job = job_of(client.post(PUBLIC, {"source": "rivm", "file": SimpleUploadedFile(
        RIVM_CSV.name, RIVM_CSV.read_bytes())}))  # fmt: skip
    assert job.state == State.DONE
    # Operators see the uploads read only in the Django admin.
    jobs_admin = "/systeembeheer/riskmap/figureimportjob/"
    assert RIVM_CSV.name in client.get(jobs_admin).content.decode()
    assert client.get(f"{jobs_admin}{job.pk}/change/").status_code == 200
    login_verified(client, member(Role.CASEWORKER, proefdorp.municipality))
    assert client.get(PUBLIC).status_code == 403
    assert client.post(PUBLIC, {"source": "rivm"}).status_code == 403


def test_the_form_keeps_source_and_year_and_refuses_a_large_file(programme, monkeypatch):
    answer = programme.post(PUBLIC, {"source": "cbs_kwb", "year": "2023"})
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "Kies een bestand." in page
    assert re.search(r'value="cbs_kwb"[^>]*checked', page)
    assert 'value="2023"' in page
    monkeypatch.setattr(views, "MAX_BYTES", 10)
    big = SimpleUploadedFile("groot.csv", b"x" * 11)
    answer = programme.post(PUBLIC, {"source": "rivm", "year": "", "file": big})
    assert answer.status_code == 422
    assert "Dit bestand is groter dan" in text(answer)
    assert re.search(r'value="rivm"[^>]*checked', answer.content.decode())
    assert not FigureImportJob.objects.exists()


def test_a_file_without_periods_needs_a_year_and_the_way_back_keeps_the_choice(programme):
    data = (FIXTURES / "cbs_kwb_2023_fixture_statline_export.csv").read_bytes()
    answer = programme.post(PUBLIC, {"source": "cbs_kwb", "year": "",
                                     "file": SimpleUploadedFile("kwb.csv", data)})  # fmt: skip
    job = job_of(answer)
    assert job.state == State.REFUSED and not AreaFigure.objects.exists()
    page = programme.get(f"{PUBLIC}{job.pk}/")
    assert "kolom Perioden ontbreekt: geef het jaar op" in text(page)
    assert f"{PUBLIC}?jaar=&amp;bron=cbs_kwb" in page.content.decode()
    again = programme.get(f"{PUBLIC}?jaar=2023&bron=cbs_kwb").content.decode()
    assert re.search(r'value="cbs_kwb"[^>]*checked', again) and 'value="2023"' in again


def test_a_large_file_runs_as_a_task_and_its_progress_moves(programme, monkeypatch):
    monkeypatch.setattr(jobs, "IN_REQUEST_BYTES", 10)
    monkeypatch.setattr(report, "PROGRESS_EVERY", 5)
    job = job_of(programme.post(PUBLIC, {"source": "rivm", "file": SimpleUploadedFile(
        RIVM_CSV.name, RIVM_CSV.read_bytes())}))  # fmt: skip
    assert job.state == State.WAITING and not AreaFigure.objects.exists()
    page = programme.get(f"{PUBLIC}{job.pk}/").content.decode()
    assert "<progress" in page and 'aria-live="polite"' in page

    seen = []
    parse = jobs.parse_file

    def watched(*args, progress, **kwargs):
        def spy(done, total):
            progress(done, total)
            stored = FigureImportJob.objects.get(pk=job.pk)
            partial = programme.get(f"{PUBLIC}{job.pk}/?gezien=checking",
                                    headers={"HX-Request": "true"}).content.decode()  # fmt: skip
            seen.append((stored.checked, stored.total, partial))

        return parse(*args, progress=spy, **kwargs)

    monkeypatch.setattr(jobs, "parse_file", watched)
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    job.refresh_from_db()
    assert job.state == State.DONE and AreaFigure.objects.filter(source=Source.RIVM).exists()
    counts = [(checked, total) for checked, total, _partial in seen]
    assert counts == [(0, 24), (5, 24), (10, 24), (15, 24), (20, 24), (24, 24)]
    partial = seen[2][2]
    assert "10 van 24 regels gecontroleerd" in unescape(partial)
    assert 'max="24" value="10"' in partial and 'hx-trigger="every 1s"' in partial
    done = programme.get(f"{PUBLIC}{job.pk}/?gezien=checking",
                         headers={"HX-Request": "true"}).content.decode()  # fmt: skip
    assert "hx-trigger" not in done and "hx-swap-oob" in done and "cijfers geladen" in done


def test_a_job_runs_once_however_often_it_is_started(programme):
    job = job_of(programme.post(PUBLIC, {"source": "rivm", "file": SimpleUploadedFile(
        RIVM_CSV.name, RIVM_CSV.read_bytes())}))  # fmt: skip
    before = footprint()
    assert jobs.run_upload(job.pk) == State.DONE
    assert footprint() == before
