"""No staff page is wider than a phone (issue 8, item 11): every menu page of every demo
role, a case page and a resident's page, at 390 px wide, without scrolling sideways. And the
Dutch leftovers: the favicon, the 404 page, the error summary taking focus."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.demo import DEMO_PASSWORD
from omzien.core.totp import current_code
from omzien.signalling.models import Case

pytestmark = pytest.mark.issue(8)

ROLES = ["kartrekker", "welzijnswerker", "beheerder", "beleid", "signaleerder", "vrijwilliger"]
WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/account/tweede-stap/" in page.url:
        TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.get_by_label("Code uit uw app").fill(current_code(device))
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state()


def menu_urls(page) -> list[str]:
    links = page.locator("nav.omzien-nav a").evaluate_all("els => els.map(e => e.href)")
    return [url for url in links if "/landelijk/" not in url]


@pytest.mark.parametrize("username", ROLES)
def test_no_page_is_wider_than_a_phone(browser, site, username):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, site, username)
    extra = []
    if username in ("kartrekker", "welzijnswerker"):
        case = Case.objects.filter(caseworker__username="welzijnswerker").first()
        extra = [f"{site}/g/zeist/meldingen/{case.pk}/",
                 f"{site}/g/zeist/inwoners/{case.resident_id}/"]  # fmt: skip
    too_wide = {}
    for url in [*menu_urls(page), *extra]:
        page.goto(url)
        width = page.evaluate(WIDTH)
        if width > 390:
            too_wide[url.removeprefix(site)] = width
    context.close()
    assert too_wide == {}


def test_the_favicon_the_dutch_404_and_the_error_summary_focus(page, site):
    page.goto(f"{site}/bestaat-niet/")
    assert "Deze pagina bestaat niet" in page.content()
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{site}{icon}").ok
    page.goto(f"{site}/melden/zeist/")
    page.get_by_role("button", name="Volgende stap").click()
    page.wait_for_load_state()
    focused = page.evaluate("() => document.activeElement.className")
    assert "omzien-error-summary" in focused
