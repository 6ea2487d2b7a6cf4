"""Every demo role logs in with its second factor, lands on its start page, and every page
it reaches is free of serious or critical accessibility violations (issue 2)."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.management import call_command

from omzien.core.demo import DEMO_ACCOUNTS
from omzien.core.roles import PERSONAL_DATA_ROLES

pytestmark = pytest.mark.issue(2)

#: What each demo account should see on its start page (a card only that role gets).
START_CARD = {
    "signaleerder": "card-signals",
    "partner": "card-signals",
    "welzijnswerker": "card-residents",
    "kartrekker": "card-settings",
    "vrijwilliger": "card-visits",
    "beleid": "card-figures",
    "beheerder": "card-audit",
    "regio": "card-residents",
}


@pytest.fixture
def demo_site(transactional_db, live_url):
    """The demo, in the live server's database (the reference data is loaded: conftest.py)."""
    call_command("load_demo", verbosity=0)
    return live_url


def test_each_demo_role_logs_in_and_every_page_is_accessible(page, demo_site, sign_in):
    base = demo_site
    seen_login = False
    for account in DEMO_ACCOUNTS:
        page.context.clear_cookies()
        page.goto(f"{base}/account/inloggen/")
        sign_in.password_step(page, account.username)
        if not seen_login:
            assert_accessible(page, "inloggen")
            seen_login = True
        if account.role in PERSONAL_DATA_ROLES:
            page.wait_for_url("**/account/tweede-stap/**")
            assert page.get_by_role("heading", level=1).inner_text().startswith("Tweede stap")
            assert_accessible(page, f"tweede stap ({account.username})")
            sign_in.second_step(page, account.username)
        if account.username == "regio":
            page.wait_for_url("**/kies-gemeente/")
            assert_accessible(page, "kies gemeente")
            page.get_by_role("link", name="Zeist").click()
        if account.username == "programma":
            page.wait_for_url("**/landelijk/")
            assert page.get_by_role("heading", level=1).inner_text() == "Landelijk overzicht"
            assert_accessible(page, "landelijk overzicht")
            continue
        page.wait_for_url("**/g/zeist/")
        assert page.get_by_test_id(START_CARD[account.username]).is_visible()
        assert_accessible(page, f"startpagina {account.username}")
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        links = [(a.inner_text(), a.get_attribute("href")) for a in nav.get_by_role("link").all()]
        for label, href in links:
            page.goto(base + href)
            assert page.get_by_role("heading", level=1).is_visible(), label
            assert_accessible(page, f"{label} ({account.username})")
        if account.username == "kartrekker":
            page.goto(f"{base}/g/zeist/inwoners/")
            page.get_by_role("table").get_by_role("link").first.click()
            page.wait_for_url("**/g/zeist/inwoners/*/")
            assert_accessible(page, "inwoner")


def test_a_volunteer_does_not_see_the_residents_menu(page, demo_site, sign_in):
    sign_in(page, demo_site, "vrijwilliger")
    page.wait_for_url("**/g/zeist/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Inwoners").count() == 0
    page.goto(f"{demo_site}/g/zeist/inwoners/")
    assert page.get_by_role("heading", level=1).inner_text() == "U heeft hier geen toegang toe"


def test_error_pages_are_accessible_and_reveal_nothing(page, demo_site):
    page.goto(f"{demo_site}/bestaat-niet/")
    assert page.get_by_role("heading", level=1).inner_text() == "Deze pagina bestaat niet"
    assert "Traceback" not in page.content()
    assert_accessible(page, "404")
