"""On a phone (390 px): the audit log with its filters and the resident's edit form fit the
screen without horizontal scrolling and are accessible (issue 8, items 9 and 10)."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.issue(8)


@pytest.fixture
def demo_site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    return live_url


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_audit_log_fits_a_phone(phone_page, demo_site, sign_in):
    sign_in(phone_page, demo_site, "beheerder")
    phone_page.wait_for_url("**/g/zeist/")
    phone_page.goto(f"{demo_site}/g/zeist/beheer/audit/")
    assert phone_page.get_by_role("heading", level=1).inner_text() == "Auditlog"
    assert fits(phone_page)
    assert_accessible(phone_page, "auditlog op een telefoon")
    phone_page.get_by_label("Handeling").select_option(label="Ingelogd")
    phone_page.get_by_role("button", name="Zoeken").click()
    phone_page.wait_for_url("**handeling=login**")
    phone_page.wait_for_load_state("load")
    assert fits(phone_page)


def test_the_resident_form_fits_a_phone(phone_page, demo_site, sign_in):
    sign_in(phone_page, demo_site, "kartrekker")
    phone_page.wait_for_url("**/g/zeist/")
    phone_page.goto(f"{demo_site}/g/zeist/inwoners/")
    phone_page.get_by_role("table").get_by_role("link").first.click()
    phone_page.get_by_role("link", name="Gegevens aanvullen of wijzigen").click()
    assert fits(phone_page)
    assert_accessible(phone_page, "inwoner wijzigen op een telefoon")
    phone_page.get_by_label("Voorkeurstaal").fill("Turks")
    phone_page.get_by_role("button", name="Opslaan").click()
    expect(phone_page.get_by_text("Eerdere wijzigingen")).to_be_visible()
    phone_page.wait_for_load_state("load")
    assert fits(phone_page)
    assert_accessible(phone_page, "inwoner met wijzigingen op een telefoon")
