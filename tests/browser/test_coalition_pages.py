"""The local coalition in Chromium (issue 12, browser journey): the coordinator of the demo
municipality (with the second factor) adds an organisation to the coalition; without a name
the form says so in Dutch and keeps the chosen sector; the new member is on the overview.
The pages pass axe-core on a laptop and on a phone, and the phone needs no sideways
scrolling."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.benchmark.models import CoalitionMember

pytestmark = pytest.mark.issue(12)

NAME = "Bibliotheek Zeist (proef)"


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def fits(page) -> bool:
    """No sideways scrolling: compared with the phone's width, not window.innerWidth (a mobile
    browser widens its layout viewport to a page that is too wide)."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def add_a_member(page) -> None:
    page.get_by_role("link", name="Organisatie toevoegen").click()
    page.wait_for_url("**/g/zeist/coalitie/nieuw/")
    assert_accessible(page, "coalitiepartner toevoegen")
    before = CoalitionMember.objects.count()
    page.get_by_label("Sector").select_option(label="Sport en cultuur")
    page.get_by_label("Lid sinds").fill("2026-03-01")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.locator(".omzien-error-summary")
    assert "Vul de naam van de organisatie in." in summary.inner_text()
    assert page.get_by_label("Sector").input_value() == "sport_cultuur"
    assert page.get_by_label("Lid sinds").input_value() == "2026-03-01"
    assert CoalitionMember.objects.count() == before
    assert_accessible(page, "coalitiepartner toevoegen, zonder naam")
    page.get_by_label("Naam van de organisatie").fill(NAME)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/g/zeist/coalitie/")


def test_the_coordinator_adds_a_coalition_member(page, phone_page, sign_in, site):
    base = site
    sign_in(page, base, "kartrekker")
    page.wait_for_url("**/g/zeist/")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    menu.get_by_role("link", name="Coalitie", exact=True).click()
    page.wait_for_url("**/g/zeist/coalitie/")
    assert_accessible(page, "coalitie")
    add_a_member(page)
    row = page.get_by_test_id("sector-sport_cultuur")
    assert NAME in row.inner_text()
    assert_accessible(page, "coalitie met een nieuwe partner")

    phone_page.context.add_cookies(page.context.cookies())
    for path, label in (("coalitie/", "coalitie"), ("coalitie/nieuw/", "partner toevoegen")):
        phone_page.goto(f"{base}/g/zeist/{path}")
        phone_page.wait_for_load_state("load")
        assert fits(phone_page), f"{label}: sideways scrolling on a phone"
        assert_accessible(phone_page, f"{label} op een telefoon")
    phone_page.goto(f"{base}/g/zeist/coalitie/")
    assert NAME in phone_page.get_by_test_id("sector-sport_cultuur").inner_text()
