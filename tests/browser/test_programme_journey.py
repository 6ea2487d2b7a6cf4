"""The programme team's round through the national pages of the demo in Chromium (issue 12,
browser journey): from ``/landelijk/`` by its links to the national monitoring overview, the
benchmark results of all municipalities, the support requests (one assigned, taken on and
closed through the pages), the approaches to curate (one published) and the national
partnerships. Every page passes axe-core; the monitoring overview also on a phone."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.monitoring.models import Approach, SupportRequest

pytestmark = pytest.mark.issue(12)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def back_to_the_national_page(page) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Landelijk overzicht"
    ).click()
    page.wait_for_url("**/landelijk/")


def fits(page) -> bool:
    """No sideways scrolling: compared with the phone's width, not window.innerWidth (a mobile
    browser widens its layout viewport to a page that is too wide)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def handle_a_support_request(page) -> None:
    page.get_by_role("link", name="Ondersteuningsvragen").first.click()
    page.wait_for_url("**/landelijk/ondersteuning/")
    assert_accessible(page, "ondersteuningsvragen")
    page.get_by_label("Stand").select_option("new")
    page.get_by_role("button", name="Tonen").click()
    row = page.get_by_test_id("support-queue").locator("tbody tr").first
    pk = int(row.get_attribute("data-pk"))
    row.get_by_role("link").click()
    page.get_by_label("Behandelaar").select_option(label="Paula Programmateam (demo)")
    page.get_by_role("button", name="Toewijzen").click()
    assert page.get_by_test_id("support-state").inner_text() == "Toegewezen"
    page.get_by_role("button", name="In behandeling nemen").click()
    assert page.get_by_test_id("support-state").inner_text() == "In behandeling"
    # Closing needs a note of what was done: a Dutch message first, the request stays open.
    page.get_by_role("button", name="Afronden").click()
    assert page.locator(".omzien-error-summary").is_visible()
    assert page.get_by_test_id("support-state").inner_text() == "In behandeling"
    assert_accessible(page, "ondersteuningsvraag afronden zonder toelichting")
    page.get_by_label("Toelichting").fill("Adviseur heeft twee keer met de gemeente gebeld.")
    page.get_by_role("button", name="Afronden").click()
    assert page.get_by_test_id("support-state").inner_text() == "Afgerond"
    assert_accessible(page, "afgeronde ondersteuningsvraag")
    assert SupportRequest.objects.get(pk=pk).state == "closed"
    page.get_by_role("link", name="Alle ondersteuningsvragen").click()
    page.get_by_label("Stand").select_option("closed")
    page.get_by_role("button", name="Tonen").click()
    assert page.get_by_test_id("support-queue").locator(f"tr[data-pk='{pk}']").count() == 1


def publish_an_approach(page) -> None:
    page.get_by_role("link", name="Aanpakken beoordelen").first.click()
    page.wait_for_url("**/landelijk/aanpakken/")
    assert_accessible(page, "aanpakken beoordelen")
    title = "Koffie in de supermarkt (kletskassa en koffiehoek)"
    page.get_by_test_id("curation-queue").get_by_role("link", name=title).click()
    assert_accessible(page, "een aanpak beoordelen")
    page.get_by_role("button", name="Publiceren").click()
    assert "Gepubliceerd" in page.get_by_test_id("approach-state").inner_text()
    assert Approach.objects.get(title=title).state == "published"
    page.get_by_role("link", name="Aanpakken beoordelen").first.click()
    assert page.get_by_test_id("curated").get_by_role("link", name=title).count() == 1


def test_the_programme_goes_through_its_national_pages(page, phone_page, sign_in, site):
    base = site
    sign_in(page, base, "programma")  # no second factor: straight to the national page
    page.wait_for_url("**/landelijk/")
    assert_accessible(page, "landelijk overzicht")

    page.get_by_role("link", name="Monitoring van het programma").first.click()
    page.wait_for_url("**/landelijk/monitoring/**")
    assert page.get_by_test_id("national-totals").locator("tbody tr").count() > 0
    assert page.get_by_test_id("national-municipalities").get_by_text("Zeist").count() == 1
    assert_accessible(page, "landelijke monitoring")
    back_to_the_national_page(page)

    page.get_by_role("link", name="Benchmark: uitslag van alle gemeenten").first.click()
    page.wait_for_url("**/landelijk/benchmark/resultaten/**")
    assert "Zeist" in page.get_by_test_id("national-results").inner_text()
    assert_accessible(page, "benchmarkuitslag van alle gemeenten")
    back_to_the_national_page(page)

    handle_a_support_request(page)
    back_to_the_national_page(page)
    publish_an_approach(page)
    back_to_the_national_page(page)

    page.get_by_role("link", name="Landelijke partnerschappen").first.click()
    page.wait_for_url("**/landelijk/partnerschappen/")
    assert page.get_by_test_id("partnerships").locator("tbody tr").count() > 0
    assert_accessible(page, "landelijke partnerschappen")

    phone_page.context.add_cookies(page.context.cookies())
    phone_page.goto(f"{base}/landelijk/")
    phone_page.get_by_role("link", name="Monitoring van het programma").first.click()
    phone_page.wait_for_url("**/landelijk/monitoring/**")
    assert fits(phone_page), "the monitoring overview scrolls sideways on a phone"
    assert_accessible(phone_page, "landelijke monitoring op een telefoon")
