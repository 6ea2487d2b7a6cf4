"""The reporter's side in a real browser on a phone-sized screen (issue 4): the public
form in three steps with a receipt code, the status page, the 112/113 message on crisis
text, and a logged-in reporter's form and list. axe-core clean on every page."""

from __future__ import annotations

import re

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.signalling.models import Channel, Signal

pytestmark = pytest.mark.issue(4)


@pytest.fixture
def site(transactional_db, live_url):
    # The reference data (Zeist) is loaded for every test (conftest.py); Zeist's signalling
    # point is open (issue 8: a municipality that is not live takes no signals).
    from omzien.signalling.tests.factories import go_live

    go_live()
    cache.clear()  # rate-limit counters of earlier tests
    return live_url


def fill_step_one(page, postcode="3701 AB", number="12"):
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Huisnummer").fill(number)


def test_anyone_files_a_signal_on_a_phone_and_sees_its_status(phone_page, site):
    page = phone_page
    page.goto(f"{site}/melden/zeist/")
    assert page.get_by_role("heading", level=1).inner_text() == "Over wie maakt u zich zorgen?"
    assert_accessible(page, "stap 1")

    # A mistake first: the error summary links to the field, and nothing typed is lost.
    page.get_by_label("Postcode").fill("37")
    page.get_by_label("Naam van de persoon").fill("Mevrouw Bakker")
    page.get_by_role("button", name="Volgende stap").click()
    summary = page.get_by_role("alert")
    assert "Vul een postcode in" in summary.inner_text()
    assert page.get_by_label("Naam van de persoon").input_value() == "Mevrouw Bakker"
    assert_accessible(page, "stap 1 met fouten")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_postcode"

    fill_step_one(page)
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**/melden/zeist/?stap=2")
    assert_accessible(page, "stap 2")
    page.get_by_label("De gordijnen zijn al dagen dicht").check()
    page.get_by_label("De brievenbus puilt uit").check()
    page.get_by_label("Vertel wat u ziet of hoort").fill("Ik zie haar al twee weken niet.")
    page.get_by_role("group", name="Weet de persoon dat u dit meldt?").get_by_label(
        "Weet ik niet"
    ).check()
    page.get_by_role("group", name="Hoe kent u deze persoon?").get_by_label("Buur").check()
    page.get_by_role("button", name="Volgende stap").click()

    page.wait_for_url("**/melden/zeist/?stap=3")
    assert_accessible(page, "stap 3")
    assert "3701 AB 12" in page.get_by_test_id("summary-address").inner_text()
    # Going back and forth keeps everything.
    page.get_by_role("button", name="Vorige stap").click()
    page.wait_for_url("**/melden/zeist/?stap=2")
    assert page.get_by_label("De brievenbus puilt uit").is_checked()
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**/melden/zeist/?stap=3")
    page.get_by_role("button", name="Melding versturen").click()

    page.wait_for_url("**/melden/zeist/ontvangen/")
    assert_accessible(page, "ontvangen")
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert Signal.objects.get(receipt_code=code).channel == Channel.PUBLIC_FORM
    assert page.get_by_test_id("crisis").count() == 0

    # The status page through its form, as someone who wrote the code down would.
    page.goto(f"{site}/status/")
    assert_accessible(page, "status opzoeken")
    page.get_by_label("Uw meldcode").fill(code.lower())
    page.get_by_role("button", name="Status bekijken").click()
    page.wait_for_url(f"**/status/{code}/")
    assert page.get_by_test_id("status").inner_text() == "Ontvangen"
    assert_accessible(page, "status")


def test_crisis_text_shows_112_and_113_before_and_after_sending(phone_page, site):
    page = phone_page
    page.goto(f"{site}/melden/zeist/")
    fill_step_one(page, number="44")
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**?stap=2")
    page.get_by_label("Vertel wat u ziet of hoort").fill("Hij zegt dat hij niet meer wil leven.")
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**?stap=3")

    alert = page.get_by_test_id("crisis")
    assert alert.get_attribute("role") == "alert"
    assert "112" in alert.inner_text() and "0800-0113" in alert.inner_text()
    assert alert.is_visible()
    assert_accessible(page, "stap 3 met crisis")

    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/ontvangen/")
    alert = page.get_by_test_id("crisis")
    assert "112" in alert.inner_text() and "113" in alert.inner_text()
    box = alert.bounding_box()
    assert box is not None and box["y"] < 844  # in view at once on a phone
    assert_accessible(page, "ontvangen met crisis")
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert Signal.objects.get(receipt_code=code).urgent


def test_a_logged_in_reporter_files_and_finds_the_signal_in_their_list(phone_page, site, sign_in):
    call_command("load_demo", verbosity=0)
    from omzien.signalling.extensions import register

    register()  # done by SignallingConfig.ready(); idempotent
    page = phone_page
    sign_in(page, site, "signaleerder")
    page.wait_for_url("**/g/zeist/")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Zorgen melden"
    ).click()
    page.wait_for_url("**/g/zeist/melden/")
    assert_accessible(page, "melden als signaleerder, stap 1")
    fill_step_one(page, postcode="3705 AB", number="3")
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**?stap=2")
    page.get_by_label("Wordt niet meer buiten gezien").check()
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_url("**?stap=3")
    assert page.get_by_label("Uw e-mailadres").input_value()  # pre-filled from the account
    assert_accessible(page, "melden als signaleerder, stap 3")
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/g/zeist/melden/ontvangen/")
    code = page.get_by_test_id("receipt-code").inner_text().strip()

    page.get_by_role("link", name="Naar mijn meldingen").click()
    page.wait_for_url("**/g/zeist/mijn-meldingen/")
    table = page.get_by_test_id("reporter-signals")
    assert code in table.inner_text() and "Ontvangen" in table.inner_text()
    assert "3705" not in page.content()
    assert_accessible(page, "mijn meldingen")
    signal = Signal.objects.get(receipt_code=code)
    assert signal.channel == Channel.REPORTER and signal.reporter.username == "signaleerder"
