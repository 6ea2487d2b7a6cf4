"""Policy staff fill in the benchmark in Chromium (issue 12, item 1): an answer saves itself
on change (htmx) and comes back with "Opgeslagen", a wrong number shows a Dutch message, the
answer is still there after a reload, and the page passes axe-core."""

from __future__ import annotations

import datetime

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from omzien.benchmark.models import Answer, Questionnaire
from omzien.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.issue(12)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    today = timezone.localdate()
    current = Questionnaire.objects.order_by("-year").first()
    # Open the latest questionnaire today, whatever the real date is.
    current.opens_on = today - datetime.timedelta(days=1)
    current.closes_on = today + datetime.timedelta(days=10)
    current.results_on = today + datetime.timedelta(days=20)
    current.save()
    # Start from an empty benchmark (other demo parts may have answered it already).
    current.responses.filter(municipality__slug="zeist").delete()
    return live_url, current


def test_policy_staff_fill_in_the_benchmark_as_they_go(page, site):
    live_url, current = site
    page.goto(f"{live_url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill("beleid")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/g/zeist/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Benchmark", exact=True
    ).click()
    assert f"Benchmark {current.year}" in page.locator("h1").inner_text()

    before = int(page.get_by_test_id("progress").inner_text().split()[0])
    alderman = page.get_by_test_id("question-commitment.alderman")
    alderman.get_by_label("Ja").check()
    page.get_by_test_id("saved-commitment.alderman").wait_for()

    budget = page.get_by_test_id("question-commitment.budget_per_resident")
    budget.get_by_role("textbox").fill("veel")
    budget.get_by_role("textbox").press("Tab")
    page.get_by_test_id("error-commitment.budget_per_resident").wait_for()
    assert (
        "Vul een getal in"
        in page.get_by_test_id("error-commitment.budget_per_resident").inner_text()
    )
    budget = page.get_by_test_id("question-commitment.budget_per_resident")
    budget.get_by_role("textbox").fill("1,5")
    budget.get_by_role("textbox").press("Tab")
    page.get_by_test_id("saved-commitment.budget_per_resident").wait_for()
    # The progress lines follow without a reload (htmx out of band).
    assert page.get_by_test_id("progress").inner_text().startswith(f"{before + 2} van 28")
    assert "2 van 5" in page.get_by_test_id("pillar-progress-1").inner_text()
    assert_accessible(page, "benchmark invullen")

    page.reload()
    assert page.get_by_test_id("question-commitment.alderman").get_by_label("Ja").is_checked()
    assert (
        "Laatst gewijzigd door" in page.get_by_test_id("question-commitment.alderman").inner_text()
    )
    values = dict(
        Answer.objects.filter(response__questionnaire=current).values_list(
            "question__code", "value"
        )
    )
    assert values["commitment.alderman"] is True
    assert values["commitment.budget_per_resident"] == 1.5
