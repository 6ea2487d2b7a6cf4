"""A resident on a phone finds an activity near postcode 3701 and puts it in a calendar
(issue 9); the finder, an initiative page and "Voel je je eenzaam?" pass axe-core."""

from __future__ import annotations

import datetime as dt
import importlib
import re

import icalendar
import pytest
from axe import assert_accessible

from omzien.core.models import HelpLine, Municipality, PostcodeArea
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, member
from omzien.socialmap import agenda, services
from omzien.socialmap.choices import Status
from omzien.socialmap.tests.factories import initiative

pytestmark = pytest.mark.issue(9)


@pytest.fixture
def site(transactional_db, live_url):
    # A transactional test empties every table: put back the national lines of core/0007.
    for line in importlib.import_module("omzien.core.migrations.0007_helplines").LINES:
        HelpLine.objects.get_or_create(name=line["name"], defaults=line)
    zeist = Municipality.objects.get(code="GM0355")
    organisation = OrganisationFactory(municipality=zeist, name="Buurtwerk Zeist")
    coordinator = member(Role.COORDINATOR, zeist)
    for name, pc4 in (("Wandelgroep Slotlaan", "3701"), ("Koffie in Den Dolder", "3734")):
        area = PostcodeArea.objects.filter(pc4=pc4).first()
        made = initiative(organisation, name=name, postcode=f"{pc4} AB",
                          status=Status.PUBLISHED, latitude=area and area.latitude,
                          longitude=area and area.longitude, wheelchair=True)  # fmt: skip
        start = dt.datetime.now(agenda.TZ).replace(hour=10, minute=0, second=0, microsecond=0)
        services.add_event(actor=coordinator, initiative=made, rrule="FREQ=WEEKLY",
                           starts_at=start + dt.timedelta(days=1))  # fmt: skip
    return live_url


def test_a_resident_finds_an_activity_near_3701_and_adds_it_to_a_calendar(phone_page, site):
    page = phone_page
    page.goto(f"{site}/activiteiten/zeist/")
    assert_accessible(page, "finder")
    page.get_by_label("Jouw postcode").fill("3701")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.wait_for_load_state()
    first = page.locator(".omzien-result h3 a").first
    assert first.inner_text() == "Wandelgroep Slotlaan"
    assert re.search(r"km|postcodegebied", page.locator("[data-testid=km]").first.inner_text())
    page.get_by_text("Bekijk deze activiteiten op de kaart").click()
    page.wait_for_selector(".leaflet-container")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # The map speaks Dutch too: its buttons, and the popup's close button.
    assert page.get_by_role("button", name="Inzoomen").count() == 1
    assert page.get_by_role("button", name="Uitzoomen").count() == 1
    page.locator("path.omzien-finder-map__point").first.dispatch_event("click")
    page.wait_for_selector(".leaflet-popup-close-button")
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Sluiten"
    assert "Zoom" not in page.locator("#finder-map").inner_html()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Wandelgroep Slotlaan"
    assert_accessible(page, "initiative page")
    href = page.get_by_role("link", name="Zet in je agenda").get_attribute("href")
    feed = page.request.get(f"{site}{href}")
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.body())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Wandelgroep Slotlaan"]
    assert not page.context.cookies()


def test_the_lonely_page_is_accessible_and_leads_to_the_finder(phone_page, site):
    page = phone_page
    page.goto(f"{site}/activiteiten/zeist/voel-je-je-eenzaam/")
    assert "De Luisterlijn" in page.content()
    assert_accessible(page, "voel je je eenzaam")
    page.get_by_label("Jouw postcode").fill("3701")
    page.get_by_role("button", name="Zoek activiteiten dichtbij").click()
    page.wait_for_load_state()
    assert "/activiteiten/zeist/?postcode=3701" in page.url
    assert page.locator(".omzien-result").count() >= 1
