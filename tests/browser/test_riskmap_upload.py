"""The programme team uploads a RIVM file for the risk map in Chromium (issue 10, item 1): the
form, its error, the progress bar that htmx refreshes until the worker is done, and the report
pass axe-core."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.riskmap.models import AreaFigure, FigureImportJob, Source
from omzien.riskmap.uploads import jobs

pytestmark = pytest.mark.issue(10)

PASSWORD = "Een-lang-wachtwoord-voor-de-upload-2026"
RIVM = (
    Path(__file__).resolve().parents[2]
    / "src/omzien/riskmap/tests/fixtures/rivm_50120NED_fixture_typeddataset.csv"
)


@pytest.fixture
def programme_page(page, transactional_db, live_url, sign_in):
    cache.clear()
    user = member(Role.PROGRAMME, email="programma@vws.example")
    user.set_password(PASSWORD)
    user.save()
    sign_in(page, live_url, "programma@vws.example", PASSWORD)
    page.wait_for_url("**/landelijk/")
    page.goto(f"{live_url}/landelijk/risicokaart/")
    page.get_by_role("link", name="Cijfers van RIVM, GGD of CBS inlezen").click()
    return page


def test_the_programme_uploads_a_rivm_file_and_sees_it_through(programme_page, monkeypatch):
    page = programme_page
    assert_accessible(page, "cijfers inlezen")
    page.get_by_role("button", name="Bestand inlezen").click()  # nothing chosen
    page.get_by_text("Kies de bron van het bestand.").first.wait_for()
    assert_accessible(page, "cijfers inlezen met fouten")

    monkeypatch.setattr(jobs, "IN_REQUEST_BYTES", 10)
    page.get_by_label("RIVM Gezondheid per wijk en buurt").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(RIVM))
    page.get_by_role("button", name="Bestand inlezen").click()
    page.locator("progress#import-progress").wait_for()
    assert_accessible(page, "upload wacht op verwerking")
    assert FigureImportJob.objects.get().state == FigureImportJob.State.WAITING
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.get_by_test_id("import-result").first.wait_for()  # htmx asked again, swapped it in
    assert page.get_by_role("status").filter(has_text="Klaar").count() == 1
    assert "geheim of onbekend" in page.get_by_test_id("import-result").inner_text()
    assert_accessible(page, "upload klaar")
    assert AreaFigure.objects.filter(source=Source.RIVM, year=2022).exists()


def test_a_refused_file_lists_its_problems_and_the_way_back(programme_page):
    page = programme_page
    kwb = RIVM.parent / "cbs_kwb_2023_fixture_statline_export.csv"
    page.get_by_label("CBS Kerncijfers wijken en buurten").check()
    page.get_by_label("Bestand", exact=True).set_input_files(str(kwb))
    page.get_by_role("button", name="Bestand inlezen").click()
    problems = page.get_by_test_id("import-problems")
    problems.wait_for()
    assert "kolom Perioden ontbreekt: geef het jaar op" in problems.inner_text()
    assert_accessible(page, "upload geweigerd")
    page.get_by_role("link", name="Een bestand inlezen").click()
    assert page.get_by_label("CBS Kerncijfers wijken en buurten").is_checked()
    assert not AreaFigure.objects.exists()
