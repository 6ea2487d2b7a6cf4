"""A partner submits an initiative and the coordinator publishes it, in Chromium (issue 9):
the partner (a reporter account of a care organisation) fills in the form and sends it to the
coordinator; the coordinator finds it among those waiting, publishes it, and it is in the
municipality's public calendar feed."""

from __future__ import annotations

import icalendar
import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.socialmap.models import Initiative

pytestmark = pytest.mark.issue(9)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_a_partner_submits_an_initiative_and_the_coordinator_publishes_it(
    page, browser, site, sign_in
):
    sign_in(page, site, "partner")
    page.wait_for_url("**/g/zeist/")
    page.get_by_role("link", name="Sociale kaart").first.click()
    page.get_by_role("link", name="Nieuw initiatief").click()
    page.get_by_label("Naam", exact=True).fill("Samen zingen in Het Baken")
    page.get_by_label("Beschrijving").fill(
        "Elke week zingen we bekende liedjes. Iedereen mag meedoen."
    )
    page.get_by_label("Ontmoeting").check()
    page.get_by_label("Zinvol bezig zijn").check()
    page.get_by_label("Straat en huisnummer").fill("Kerkstraat 3")
    page.get_by_label("Postcode").fill("3701ab")
    page.get_by_role("textbox", name="Plaats (niet verplicht)").fill("Zeist")
    page.get_by_role("button", name="Opslaan").click()
    assert_accessible(page, "initiatief van de partner")
    made = Initiative.objects.get(name="Samen zingen in Het Baken")
    assert made.organisation.name == "Zorggroep Heuvelrand (demo)"
    assert made.latitude is not None  # the PC4 point of 3701
    page.get_by_label("Datum").fill("2027-01-12")
    page.get_by_label("Begintijd").fill("14:00")
    page.get_by_label("Herhalen (niet verplicht)").select_option("weekly")
    page.get_by_role("button", name="Bijeenkomst toevoegen").click()
    page.get_by_role("button", name="Indienen bij de kartrekker").click()
    assert "Ingediend" in page.get_by_test_id("initiative-status").inner_text()
    assert page.get_by_role("button", name="Publiceren").count() == 0  # only the coordinator

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    coordinator = context.new_page()
    try:
        sign_in(coordinator, site, "kartrekker")
        coordinator.wait_for_url("**/g/zeist/")
        coordinator.goto(f"{site}/g/zeist/sociale-kaart/?status=submitted")
        assert_accessible(coordinator, "sociale kaart: wacht op de kartrekker")
        coordinator.get_by_role("link", name="Samen zingen in Het Baken").click()
        coordinator.get_by_role("button", name="Publiceren").click()
        assert "Gepubliceerd" in coordinator.get_by_test_id("initiative-status").inner_text()
    finally:
        context.close()

    feed = page.request.get(f"{site}/activiteiten/zeist/agenda.ics")
    calendar = icalendar.Calendar.from_ical(feed.body())
    titles = {str(event.get("SUMMARY")) for event in calendar.walk("VEVENT")}
    assert "Samen zingen in Het Baken" in titles
