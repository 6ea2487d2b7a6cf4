"""The whole signalling point in real browsers (issue 4): a reporter files a signal on a
phone; the coordinator finds it and assigns it; the caseworker logs an attempt, records
consent and an assessment and closes the case; the reporter's code then shows "afgerond".
Every page on the way is checked with axe-core."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.signalling.models import Case, CaseEvent

pytestmark = pytest.mark.issue(4)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)  # the reference data is loaded (conftest.py)
    cache.clear()
    return live_url


SETTLED = "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"


def submit(page, action, button: str, path: str) -> None:
    """Click an htmx action's button and wait until its answer has been swapped in."""
    with page.expect_response(lambda r: path in r.url and r.request.method == "POST"):
        action.get_by_role("button", name=button).click()
    page.wait_for_function(SETTLED)


def open_action(page, name: str):
    action = page.get_by_test_id(f"action-{name}")
    if action.get_attribute("open") is None:
        action.locator("summary").click()
    return action


def test_signal_from_phone_to_closed_case(phone_page, page, site, sign_in):
    # 1. A neighbour files a signal on a phone and gets a code.
    phone = phone_page
    phone.goto(f"{site}/melden/zeist/")
    phone.get_by_label("Postcode").fill("3701 AB")
    phone.get_by_label("Huisnummer").fill("7")
    phone.get_by_role("button", name="Volgende stap").click()
    phone.wait_for_url("**?stap=2")
    phone.get_by_label("De gordijnen zijn al dagen dicht").check()
    phone.get_by_label("Vertel wat u ziet of hoort").fill("Ik zie mijn buurman niet meer.")
    phone.get_by_role("button", name="Volgende stap").click()
    phone.wait_for_url("**?stap=3")
    phone.get_by_role("button", name="Melding versturen").click()
    phone.wait_for_url("**/ontvangen/")
    code = phone.get_by_test_id("receipt-code").inner_text().strip()

    # 2. The coordinator finds it by its code and assigns it to the caseworker.
    sign_in(page, site, "kartrekker")
    page.wait_for_url("**/g/zeist/")
    page.goto(f"{site}/g/zeist/meldingen/")
    page.get_by_label("Zoek op meldcode, postcode of naam").fill(code)
    page.get_by_role("button", name="Zoeken").click()
    assert_accessible(page, "wachtrij met zoekopdracht")
    page.get_by_role("link", name=code).first.click()
    page.wait_for_url("**/g/zeist/meldingen/*/")
    assert_accessible(page, "traject (nieuw)")
    assign = open_action(page, "assign")
    assign.get_by_label("Welzijnswerker").select_option(label="Wim Welzijnswerker (demo)")
    submit(page, assign, "Toewijzen", "/toewijzen/")
    case = Case.objects.get(signals__receipt_code=code)
    assert case.caseworker.username == "welzijnswerker"

    # 3. The caseworker logs an attempt, records consent and an assessment, and closes.
    page.context.clear_cookies()
    sign_in(page, site, "welzijnswerker")
    page.wait_for_url("**/g/zeist/")
    page.goto(f"{site}/g/zeist/meldingen/{case.pk}/")
    attempt = open_action(page, "attempt")
    attempt.get_by_role("group", name="Hoe heeft u contact gezocht?").get_by_label(
        "Huisbezoek"
    ).check()
    attempt.get_by_role("group", name="Heeft u de persoon gesproken?").get_by_label("Ja").check()
    submit(page, attempt, "Poging vastleggen", "/contactpoging/")
    consent = open_action(page, "consent")
    consent.get_by_label("Waarvoor geeft de persoon toestemming?").fill("Verdere ondersteuning")
    consent.get_by_role("group", name="Hoe is de toestemming gegeven?").get_by_label(
        "Mondeling"
    ).check()
    submit(page, consent, "Toestemming vastleggen", "/toestemming/")
    page.get_by_test_id("action-assessment").wait_for()
    assert_accessible(page, "traject na toestemming")
    assert CaseEvent.objects.filter(case=case, kind="consent").exists()

    page.get_by_test_id("action-assessment").click()
    for index, question in enumerate(page.locator("fieldset.omzien-question").all()):
        positive = index + 1 in (1, 4, 7, 8, 11)
        question.get_by_text("ja" if positive else "nee", exact=True).click()
    page.get_by_role("button", name="Meting opslaan").click()
    page.wait_for_url(f"**/g/zeist/meldingen/{case.pk}/")
    assert CaseEvent.objects.filter(case=case, kind="assessment").exists()

    close = open_action(page, "close")
    close.get_by_role("group", name="Uitkomst").get_by_label("Ondersteund").check()
    submit(page, close, "Afsluiten", "/afsluiten/")
    page.get_by_test_id("action-reopen").wait_for()
    assert_accessible(page, "traject afgesloten")
    case.refresh_from_db()
    assert case.state == "closed" and case.outcome == "supported"

    # 4. The reporter's code now shows "afgerond", and nothing of the follow-up.
    phone.goto(f"{site}/status/{code}/")
    assert phone.get_by_test_id("status").inner_text() == "Afgerond"
    assert "Verdere ondersteuning" not in phone.content()
    assert_accessible(phone, "status afgerond")
