"""A volunteer records a home visit on a phone (issue 11, item 5), in Chromium at 390x844:
she logs in, opens her list and an address, records the visit with the six statements and
"hulp nodig" with consent; a caseworker of the district's team finds the new case in the
queue. On a weak connection the visit waits on the phone and is stored once when the
connection is back. axe-core finds nothing serious on the list and the form."""

from __future__ import annotations

import json

import pytest
from axe import assert_accessible
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.assessment.scales import INSTRUMENTS
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    TEST_PASSWORD,
    login_verified,
    make_small_municipality,
    member,
)
from omzien.core.totp import current_code
from omzien.signalling.models import Signal
from omzien.visits.models import VisitAttempt, VisitReport
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = pytest.mark.issue(11)

#: The lonely answer per item of the 6-item scale: "ja" to the negative, "nee" to the positive.
LONELY = {item.text: ("nee" if item.positive else "ja") for item in INSTRUMENTS["djg6"].items}
WAITING_KEY = "omzien.visits.waiting"


@pytest.fixture
def world(transactional_db, live_url):
    cache.clear()
    small = make_small_municipality()
    town = small.municipality
    running = visit_round(town)
    door = volunteer(town)
    door.user.username = "vera"
    door.user.set_password(TEST_PASSWORD)
    door.user.save()
    TOTPDevice.objects.create(user=door.user, name="telefoon", confirmed=True)
    home = address(running, volunteer=door, district=small.districts[1], postcode="9920AB",
                   street="Brinkweg", house_number=7, initials="T.", surname="Bakker")  # fmt: skip
    caseworker = member(Role.CASEWORKER, town, team=small.teams[1])
    return live_url, town, door, home, caseworker


def _url(name, town, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": town.slug, **kwargs})


def _log_in_with_cookie(page, site: str, user) -> None:
    client = Client()
    login_verified(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])


def _log_in(page, site: str, user) -> None:
    page.goto(f"{site}/account/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(user.username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    page.get_by_label("Code uit uw app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()


def _choose(page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_a_volunteer_records_a_visit_and_the_team_finds_the_case(phone_page, page, world):
    site, town, door, home, caseworker = world
    phone = phone_page
    _log_in(phone, site, door.user)
    phone.goto(site + _url("my_addresses", town))
    assert "Brinkweg 7" in phone.get_by_test_id("my-addresses").inner_text()
    assert_accessible(phone, "mijn huisbezoeken")

    phone.get_by_role("link", name="Brinkweg 7").click()
    phone.wait_for_url(f"**{_url('visit_form', town, pk=home.pk)}")
    phone.get_by_text("Gespreksleidraad").click()
    assert phone.get_by_test_id("door-guide").get_by_text("Stel uzelf voor").is_visible()
    _choose(phone, "Hoe ging het?", "Bezocht")
    assert_accessible(phone, "bezoekformulier")
    _choose(phone, "Heeft iemand om mee te praten", "Nee")
    _choose(phone, "Wil meer contact met anderen", "Ja")
    phone.get_by_role("group", name="Zou graag willen").get_by_label("Ontmoeting").check()
    _choose(phone, "Welk rapportcijfer geeft de inwoner het eigen leven?", "6")
    for statement, answer in LONELY.items():
        _choose(phone, statement, answer)
    _choose(phone, "Wat wil de inwoner nu?", "Hulp nodig: naar een welzijnswerker")
    _choose(phone, "Mag een welzijnswerker contact opnemen?", "Ja")
    phone.get_by_label("Telefoonnummer om terug te bellen").fill("06 1234 5678")
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone ({width}px)"
    phone.get_by_role("button", name="Bezoek opslaan").click()
    phone.wait_for_url(f"**{_url('my_addresses', town)}")
    assert "doorgegeven aan een welzijnswerker" in phone.content()

    report = VisitReport.objects.get(attempt__address=home)
    assert report.scale_total == 6 and report.is_lonely is True
    signal = Signal.objects.get(pk=report.signal_id)
    assert signal.case.team.name == "Team Midden"

    _log_in_with_cookie(page, site, caseworker)
    page.goto(f"{site}/g/{town.slug}/meldingen/")
    queue = page.get_by_test_id("queue").inner_text()
    assert "T. Bakker" in queue and signal.receipt_code in queue


def _waiting(page) -> list:
    return json.loads(page.evaluate(f"() => localStorage.getItem('{WAITING_KEY}') || '[]'"))


def test_a_visit_typed_offline_waits_on_the_phone_and_is_stored_once(phone_page, world):
    site, town, door, home, _caseworker = world
    phone = phone_page
    _log_in_with_cookie(phone, site, door.user)
    phone.goto(site + _url("visit_form", town, pk=home.pk))
    _choose(phone, "Hoe ging het?", "Niet thuis")

    phone.context.set_offline(True)
    phone.get_by_role("button", name="Bezoek opslaan").click()
    status = phone.locator("[data-door-status]")
    status.wait_for()
    assert status.inner_text() == (
        "Bewaard op dit toestel. Wordt verstuurd zodra er weer verbinding is."
    )
    assert len(_waiting(phone)) == 1 and not VisitAttempt.objects.exists()

    # Back online, but the server cannot be reached yet: the visit keeps waiting.
    form_route = f"**{_url('visit_form', town, pk=home.pk)}"
    phone.route(form_route, lambda route: route.abort())
    phone.context.set_offline(False)
    phone.goto(site + _url("my_addresses", town))
    pending = phone.get_by_test_id("door-pending")
    pending.wait_for()
    assert pending.inner_text().startswith("1 bezoek wacht op dit toestel")
    assert not VisitAttempt.objects.exists()

    # The connection is back: the next page load sends it.
    stored = _waiting(phone)
    phone.unroute(form_route)
    phone.reload()
    phone.wait_for_function(f"() => (localStorage.getItem('{WAITING_KEY}') || '[]') === '[]'")
    assert VisitAttempt.objects.filter(address=home).count() == 1

    # The same visit sent again (the `online` event, a second tab) changes nothing.
    phone.evaluate(
        "(stored) => { localStorage.setItem('omzien.visits.waiting', JSON.stringify(stored));"
        " window.dispatchEvent(new Event('online')); }",
        stored,
    )
    phone.wait_for_function(f"() => (localStorage.getItem('{WAITING_KEY}') || '[]') === '[]'")
    attempt = VisitAttempt.objects.get(address=home)
    assert attempt.outcome == "not_home" and str(attempt.client_id) == stored[0]["client_id"]
    home.refresh_from_db()
    assert home.attempts == 1


def test_the_form_works_without_javascript(browser, world):
    site, town, door, home, _caseworker = world
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="nl-NL", java_script_enabled=False
    )
    try:
        phone = context.new_page()
        _log_in_with_cookie(phone, site, door.user)
        phone.goto(site + _url("visit_form", town, pk=home.pk))
        _choose(phone, "Hoe ging het?", "Bezocht")
        phone.get_by_role("button", name="Bezoek opslaan").click()
        assert "Kies wat de inwoner nu wil." in phone.get_by_role("alert").inner_text()
        assert phone.get_by_role("group", name="Hoe ging het?").get_by_label("Bezocht").is_checked()
        _choose(phone, "Wat wil de inwoner nu?", "Nog een gesprek")
        phone.get_by_role("button", name="Bezoek opslaan").click()
        phone.wait_for_url(f"**{_url('my_addresses', town)}")
        assert "Het bezoek is opgeslagen." in phone.content()
    finally:
        context.close()
    assert VisitReport.objects.get(attempt__address=home).follow_up == "conversation"
