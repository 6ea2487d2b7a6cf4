"""No staff page is wider than a phone (issue 8, item 11): every menu page of every demo
role, a case page and a resident's page, at 390 px wide, without scrolling sideways. And the
Dutch leftovers: the favicon, the 404 page, the error summary taking focus."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command

from omzien.signalling.models import Case

pytestmark = pytest.mark.issue(8)

ROLES = ["kartrekker", "welzijnswerker", "beheerder", "beleid", "signaleerder", "vrijwilliger"]
WIDTH = "() => document.documentElement.scrollWidth"


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def menu_urls(page) -> list[str]:
    links = page.locator("nav.omzien-nav a").evaluate_all("els => els.map(e => e.href)")
    return [url for url in links if "/landelijk/" not in url]


@pytest.mark.parametrize("username", ROLES)
def test_no_page_is_wider_than_a_phone(browser, site, username, sign_in):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    sign_in(page, site, username)
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
