"""The benchmark from start to finish in Chromium (issue 12, browser journey): the programme
team opens this year's questionnaire through its own page, policy staff of the demo
municipality fill in answers of every pillar (each saves itself), correct an answer Omzien
filled in (a reason is asked first), submit, and see their radar chart with the same figures
in the table as the stored scores. Every page passes axe-core on a laptop and a phone, and the
phone needs no sideways scrolling."""

from __future__ import annotations

import datetime

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from omzien.benchmark.models import BenchmarkResponse, Questionnaire
from omzien.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.issue(12)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    current = Questionnaire.objects.order_by("-year").first()
    # The demo has answered every year already; this journey starts from an empty benchmark.
    current.responses.filter(municipality__slug="zeist").delete()
    current.opens_on = timezone.localdate() + datetime.timedelta(days=30)
    current.closes_on = current.opens_on + datetime.timedelta(days=30)
    current.results_on = current.closes_on + datetime.timedelta(days=30)
    current.save()
    return live_url, current


def log_in(page, base: str, username: str, lands_on: str) -> None:
    """The demo accounts here have no second factor; a code field would stop the journey."""
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("load")
    assert page.get_by_label("Code uit uw app").count() == 0, f"{username} asks a second factor"
    page.wait_for_url(lands_on)


def fits(page) -> bool:
    """No sideways scrolling: compared with the phone's width, not window.innerWidth (a mobile
    browser widens its layout viewport to a page that is too wide)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def check_on_phone(phone_page, url: str, label: str) -> None:
    phone_page.goto(url)
    phone_page.wait_for_load_state("load")
    assert fits(phone_page), f"{label}: sideways scrolling on a phone"
    assert_accessible(phone_page, f"{label} op een telefoon")


def open_the_window(page, base: str, year: int) -> None:
    log_in(page, base, "programma", "**/landelijk/")
    page.get_by_role("link", name="Benchmarkvragenlijsten").click()
    page.wait_for_url("**/landelijk/benchmark/")
    row = page.get_by_test_id("questionnaires").locator(f"tr[data-year='{year}']")
    assert "open" not in row.locator("th").inner_text()
    assert_accessible(page, "benchmarkvragenlijsten")
    row.get_by_role("link", name=f"Data van {year} wijzigen").click()
    today = timezone.localdate()
    # A results day before the closing day gets a Dutch message and nothing changes.
    page.get_by_label("Open vanaf").fill((today - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Open tot en met").fill((today + datetime.timedelta(days=14)).isoformat())
    page.get_by_label("Uitslag op").fill(today.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    assert "De uitslag moet na de sluitdatum komen." in page.content()
    assert_accessible(page, "data van de benchmark, met een fout")
    page.get_by_label("Uitslag op").fill((today + datetime.timedelta(days=21)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/landelijk/benchmark/")
    assert f"De data van {year} zijn opgeslagen." in page.content()
    assert "open" in row.locator("th").inner_text()


def answer(page, fieldset) -> None:
    """Give the question an answer through its own inputs; the fieldset saves on change."""
    code = fieldset.get_attribute("data-testid").removeprefix("question-")
    radios = fieldset.locator("input[type=radio]")
    boxes = fieldset.locator("input[type=checkbox]")
    if radios.count():
        radios.first.check()
    elif boxes.count():
        boxes.first.check()
    else:
        box = fieldset.locator("input[inputmode=decimal]")
        box.fill("3")
        box.press("Tab")
    page.get_by_test_id(f"saved-{code}").wait_for()


def fill_every_pillar(page) -> None:
    for pillar in range(1, 6):
        section = page.get_by_test_id(f"pillar-{pillar}")
        # A question without a pre-filled answer, the first of the pillar.
        open_question = section.locator("fieldset.omzien-question").filter(
            has_not=page.locator("[data-testid^=prefilled-]")
        )
        answer(page, open_question.first)
        assert page.get_by_test_id(f"pillar-progress-{pillar}").inner_text()


def correct_a_prefilled_answer(page) -> str:
    badge = page.locator("[data-testid^=prefilled-]").first
    code = badge.get_attribute("data-testid").removeprefix("prefilled-")
    fieldset = page.get_by_test_id(f"question-{code}")
    number = fieldset.locator("input[inputmode=decimal]")
    if number.count():
        number.fill(str(float(number.input_value().replace(",", ".") or 0) + 7).replace(".", ","))
        number.press("Tab")
    else:
        fieldset.locator("input:not(:checked):not([type=hidden]):not([type=text])").first.check()
    error = page.get_by_test_id(f"error-{code}")
    error.wait_for()
    assert error.inner_text()  # a reason is asked for, in Dutch
    page.get_by_test_id(f"reason-{code}").fill("Onze eigen telling is vollediger.")
    page.get_by_test_id(f"reason-{code}").press("Tab")
    page.get_by_test_id(f"saved-{code}").wait_for()
    assert "Gecorrigeerd. Reden: Onze eigen telling is vollediger." in (
        page.get_by_test_id(f"question-{code}").inner_text()
    )
    return code


def test_from_opening_the_window_to_the_radar_chart(page, phone_page, site):
    base, current = site
    open_the_window(page, base, current.year)

    page.context.clear_cookies()
    log_in(page, base, "beleid", "**/g/zeist/")
    page.goto(f"{base}/g/zeist/benchmark/")
    assert f"Benchmark {current.year}" in page.locator("h1").inner_text()
    fill_every_pillar(page)
    code = correct_a_prefilled_answer(page)
    assert_accessible(page, "benchmark invullen")

    page.get_by_test_id("submit-form").get_by_role("button").click()
    page.get_by_test_id("confirm-submit").click()
    page.get_by_test_id("submitted").wait_for()
    response = BenchmarkResponse.objects.get(municipality__slug="zeist", questionnaire=current)
    assert response.submitted_at is not None
    assert response.answers.get(question__code=code).correction_reason

    page.goto(f"{base}/g/zeist/benchmark/resultaten/?jaar={current.year}")
    radar = page.get_by_role("img", name="Radardiagram van de scores per pijler", exact=False)
    assert radar.evaluate("node => node.tagName") == "CANVAS"
    page.wait_for_function("() => window.Chart && Chart.getChart('benchmark-radar')")
    drawn = page.evaluate("() => Chart.getChart('benchmark-radar').data.datasets[0].data")
    stored = [response.scores[str(p)] for p in range(1, 6)]
    assert drawn == pytest.approx(stored)
    shown = page.get_by_test_id("own-score").all_inner_texts()
    assert shown == [f"{score:.1f}".replace(".", ",") for score in stored]
    assert_accessible(page, "benchmarkuitslag")

    phone_page.context.add_cookies(page.context.cookies())
    check_on_phone(phone_page, f"{base}/g/zeist/benchmark/", "benchmark")
    check_on_phone(phone_page, f"{base}/g/zeist/benchmark/resultaten/", "benchmarkuitslag")
    phone_page.context.clear_cookies()
    log_in(phone_page, base, "programma", "**/landelijk/")
    check_on_phone(phone_page, f"{base}/landelijk/benchmark/", "benchmarkvragenlijsten")
