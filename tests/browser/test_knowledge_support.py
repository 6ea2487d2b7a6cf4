"""Knowledge sharing and support requests of the demo in Chromium (issue 12, items 5 and 6):
policy staff find an approach of another municipality and ask the programme for support;
the programme team assigns the request. Every page passes axe-core."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

pytestmark = pytest.mark.issue(12)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_policy_staff_find_an_approach_and_ask_for_support(page, sign_in, site):
    sign_in(page, site, "beleid")
    page.wait_for_url("**/g/zeist/")
    page.get_by_role("link", name="Aanpakken").first.click()
    page.wait_for_url("**/g/zeist/aanpakken/")
    assert_accessible(page, "aanpakken")
    page.get_by_label("Soort eenzaamheid").select_option("emotional")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Maatjes na verlies van een partner").click()
    assert "De Bilt" in page.get_by_test_id("approach-facts").inner_text()
    assert_accessible(page, "een aanpak")

    page.get_by_role("link", name="Ondersteuning").first.click()
    page.wait_for_url("**/g/zeist/ondersteuning/")
    assert_accessible(page, "ondersteuning")
    page.get_by_role("link", name="Ondersteuning vragen").click()
    page.get_by_label("Een workshop of training").check()
    page.get_by_label("Uw vraag").fill("Een training over het gesprek aan de deur.")
    page.get_by_role("button", name="Vraag versturen").click()
    assert page.get_by_test_id("support-state").inner_text() == "Nieuw"
    assert_accessible(page, "een ondersteuningsvraag")


def test_the_programme_assigns_a_request(page, sign_in, site):
    sign_in(page, site, "programma")
    page.wait_for_url("**/landelijk/")
    page.get_by_role("link", name="Ondersteuningsvragen").first.click()
    page.wait_for_url("**/landelijk/ondersteuning/")
    assert_accessible(page, "ondersteuningsvragen")
    page.get_by_label("Stand").select_option("new")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_test_id("support-queue").get_by_role("link").first.click()
    page.get_by_label("Behandelaar").select_option(label="Paula Programmateam (demo)")
    page.get_by_role("button", name="Toewijzen").click()
    assert page.get_by_test_id("support-state").inner_text() == "Toegewezen"
    assert_accessible(page, "een ondersteuningsvraag, landelijk")
