"""A caseworker takes a case, in Chromium on a phone (issue 8, item 7): the start page lists
the new cases of her team, she takes one, and it is hers."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.signalling.models import Case

pytestmark = pytest.mark.issue(8)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_a_caseworker_takes_a_new_case_of_her_team(phone_page, site, sign_in):
    page = phone_page
    sign_in(page, site, "welzijnswerker")
    page.wait_for_url("**/g/zeist/")

    new_in_team = page.get_by_test_id("today-new")
    assert new_in_team.is_visible()
    assert_accessible(page, "startpagina welzijnswerker")
    link = new_in_team.get_by_role("link").first
    case_pk = int(link.get_attribute("href").rstrip("/").rsplit("/", 1)[1])
    assert Case.objects.get(pk=case_pk).caseworker is None
    link.click()
    page.wait_for_url(f"**/meldingen/{case_pk}/")
    with page.expect_response(lambda r: "/oppakken/" in r.url):
        page.get_by_role("button", name="Zelf oppakken").click()
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    assert "U heeft het traject opgepakt" in page.content()
    assert page.get_by_test_id("case-caseworker").inner_text().startswith("Wim")
    assert Case.objects.get(pk=case_pk).caseworker.username == "welzijnswerker"
    assert_accessible(page, "traject na oppakken")
