"""The coordinator makes a round of home visits (issue 11, item 1), in Chromium at phone
width, with axe-core on the list and the form (with its errors)."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.visits.models import VisitRound

pytestmark = pytest.mark.issue(11)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_the_coordinator_makes_a_round_and_a_mistake_keeps_what_was_typed(page, site, sign_in):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, site, "kartrekker")
    page.goto(f"{site}/g/zeist/huisbezoeken/")
    assert "Huisbezoeken 75+" in page.get_by_test_id("rounds").inner_text()  # the demo round
    assert_accessible(page, "rondes")
    page.get_by_role("link", name="Nieuwe ronde").click()
    page.get_by_label("Naam").fill("Huisbezoeken 75+ voorjaar")
    page.get_by_label("Eerste bezoekdag").fill("2027-06-30")
    page.get_by_label("Laatste bezoekdag").fill("2027-03-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De laatste bezoekdag ligt voor de eerste." in page.content()
    assert page.get_by_label("Naam").input_value() == "Huisbezoeken 75+ voorjaar"
    assert_accessible(page, "ronde met fouten")
    page.get_by_label("Laatste bezoekdag").fill("2027-09-30")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "Controleer" not in page.content(), page.locator(".omzien-error-summary").inner_text()
    made = VisitRound.objects.get(name="Huisbezoeken 75+ voorjaar")
    assert made.status == VisitRound.Status.PREPARING
    assert page.get_by_test_id("round-facts").is_visible()
    page.get_by_role("button", name="Ronde starten").click()
    page.wait_for_load_state()
    made.refresh_from_db()
    assert made.status == VisitRound.Status.RUNNING
    assert_accessible(page, "ronde")
