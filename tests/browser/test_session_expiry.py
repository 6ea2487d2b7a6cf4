"""The session-expiry journey in a real browser (issue 8, item 5): a caseworker types a note,
the session expires, the click goes to the login page ("uw sessie is verlopen"), and after
logging in they are back on the case page with the note filled in again; and the warning a
minute before the idle timeout, with "Ingelogd blijven"."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from omzien.signalling.cases.workflow import CaseState
from omzien.signalling.models import Case, CaseEvent

pytestmark = pytest.mark.issue(8)

NOTE = "Buurvrouw zegt dat mevrouw overdag naar haar dochter gaat."


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def open_note(page):
    action = page.get_by_test_id("action-note")
    if action.get_attribute("open") is None:
        action.locator("summary").click()
    return action


def test_an_expired_session_loses_no_typed_note(page, site, sign_in):
    case = (
        Case.objects.filter(
            caseworker__username="welzijnswerker", state=CaseState.CONTACTING
        ).first()
        or Case.objects.filter(caseworker__username="welzijnswerker")
        .exclude(state=CaseState.CLOSED)
        .first()
    )
    url = f"{site}/g/zeist/meldingen/{case.pk}/"
    sign_in(page, site, "welzijnswerker")
    page.wait_for_url("**/g/zeist/")
    page.goto(url)
    open_note(page).get_by_role("textbox").fill(NOTE)

    # Thirty minutes without a click: the session expires on the server.
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    open_note(page).get_by_role("button", name="Vastleggen").click()

    page.wait_for_url("**/account/inloggen/?next=*")
    assert page.get_by_test_id("session-expired").is_visible()
    assert_accessible(page, "inloggen na verlopen sessie")
    # The same minute's code may not be used twice (replay protection): sign_in forgets the
    # last used code, so a new one is accepted.
    sign_in.here(page, "welzijnswerker")

    page.wait_for_url(url)  # back on the case page, not on the POST-only URL
    assert page.get_by_test_id("kept-input").is_visible()
    textbox = open_note(page).get_by_role("textbox")
    assert textbox.input_value() == NOTE
    assert_accessible(page, "traject met teruggezette tekst")
    with page.expect_response(lambda r: "/gesprek/" in r.url and r.request.method == "POST"):
        open_note(page).get_by_role("button", name="Vastleggen").click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert CaseEvent.objects.filter(case=case, text=NOTE).count() == 1


def test_a_minute_before_the_idle_timeout_the_page_warns(page, site, sign_in):
    page.clock.install()
    sign_in(page, site, "welzijnswerker")
    page.wait_for_url("**/g/zeist/")
    warning = page.locator("#omzien-idle-warning")
    assert warning.is_hidden()
    idle = int(page.locator("meta[name='omzien-idle-seconds']").get_attribute("content"))
    page.clock.fast_forward((idle - 59) * 1000)
    warning.wait_for(state="visible")
    assert "Over een minuut wordt u uitgelogd" in warning.inner_text()
    assert_accessible(page, "waarschuwing voor uitloggen")
    with page.expect_response(lambda r: "/account/actief/" in r.url):
        warning.get_by_role("button", name="Ingelogd blijven").click()
    warning.wait_for(state="hidden")
