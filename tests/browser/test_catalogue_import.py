"""The coordinator imports the social map from the example file, in Chromium (issue 9, item
2): the upload page and the report pass axe-core; a large file shows a progress bar that
htmx refreshes until the worker is done."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.socialmap.imports import jobs
from omzien.socialmap.models import ImportJob, Initiative

pytestmark = pytest.mark.issue(9)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "sociale-kaart-voorbeeld.csv"


@pytest.fixture
def coordinator_page(page, transactional_db, live_url, sign_in):
    call_command("load_demo", verbosity=0)
    cache.clear()
    sign_in(page, live_url, "kartrekker")
    page.wait_for_url("**/g/zeist/")
    page.goto(f"{live_url}/g/zeist/sociale-kaart/")
    page.get_by_role("link", name="Sociale kaart importeren (Excel, CSV of HSDS)").click()
    return page


def test_the_coordinator_imports_the_example_file(coordinator_page):
    page = coordinator_page
    assert_accessible(page, "sociale kaart importeren")
    page.get_by_label("Bestand").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Bestand inlezen").click()
    page.get_by_text("Klaar: 6 nieuw").wait_for()
    assert_accessible(page, "import klaar")
    assert Initiative.objects.filter(reference__startswith="ZK-").count() == 6


def test_a_large_file_shows_its_progress_until_it_is_done(coordinator_page, monkeypatch):
    page = coordinator_page
    monkeypatch.setattr(jobs, "IN_REQUEST_ROWS", 2)
    page.get_by_label("Bestand").set_input_files(str(EXAMPLE))
    page.get_by_role("button", name="Bestand inlezen").click()
    page.locator("progress#import-progress").wait_for()
    assert_accessible(page, "import wacht op verwerking")
    assert ImportJob.objects.get().state == ImportJob.State.WAITING
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.get_by_text("Klaar: 6 nieuw").wait_for()  # htmx asked again and swapped the report in
    assert page.get_by_role("status").filter(has_text="Klaar").count() == 1
