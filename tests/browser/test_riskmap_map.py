"""The risk map of Zeist in Chromium (issue 10, item 5): a policy user opens it from the menu,
switches the indicator with the keyboard, goes to a district with Tab and reads the same
number in its label as in the table; the table sorts by a column; the page passes axe-core;
a caseworker of another municipality is refused."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.demo import DEMO_PASSWORD
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.issue(10)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_policy_staff_read_the_same_figures_on_the_map_and_in_the_table(page, site, sign_in):
    sign_in(page, site, "beleid")
    page.wait_for_url("**/g/zeist/")
    page.get_by_role("link", name="Risicokaart").first.click()
    page.wait_for_url("**/g/zeist/risicokaart/")
    page.wait_for_selector("#riskmap-map[data-ready='true']")

    # Switch the indicator with the keyboard: from "% volwassenen ernstig eenzaam" one down.
    page.get_by_label("% volwassenen ernstig eenzaam", exact=True).focus()
    page.keyboard.press("ArrowDown")
    chosen = page.locator("input[name='indicator']:checked")
    assert chosen.get_attribute("value") == "severe_count"
    key = chosen.get_attribute("value")
    assert "indicator=" + key in page.url
    assert page.get_by_test_id("riskmap-legend").inner_text().startswith("Aantal ernstig eenzaam")

    # A district with the keyboard focus: its label is its table cell.
    page.mouse.move(0, 0)
    district = page.locator("path[data-code]").nth(1)
    district.focus()
    assert district.evaluate("el => el === document.activeElement")
    code = district.get_attribute("data-code")
    row = page.locator(f".riskmap-table tr[data-code='{code}']")
    name = row.locator("th").inner_text()
    cell = row.locator(f"td[data-key='{key}']").inner_text()
    assert page.get_by_test_id("riskmap-label").inner_text() == f"{name}: {cell}"
    assert cell != "0"
    assert "riskmap-row--current" in row.get_attribute("class")

    # Sort the table by inhabitants with the header button.
    header = page.locator(".riskmap-table th[data-key='inhabitants']")
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    numbers = page.locator(".riskmap-table td[data-key='inhabitants']").evaluate_all(
        "cells => cells.map(c => parseFloat(c.dataset.sort))"
    )
    assert numbers == sorted(numbers)
    assert_accessible(page, "risicokaart")

    # The district page, from the table.
    row.get_by_role("link").click()
    page.wait_for_url(f"**/risicokaart/{code}/")
    assert "Dit is een model, geen meting." in page.content()
    assert_accessible(page, "wijkpagina risicokaart")


def test_a_caseworker_of_another_municipality_is_refused(page, site, sign_in):
    other = MunicipalityFactory()
    user = member(Role.CASEWORKER, other)
    user.set_password(DEMO_PASSWORD)
    user.save()
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    sign_in(page, site, user.username)
    page.wait_for_url(f"**/g/{other.slug}/")
    for path in ("", "export.csv", "WK035501/"):
        response = page.request.get(f"{site}/g/zeist/risicokaart/{path}")
        assert response.status in (403, 404), path
    response = page.goto(f"{site}/g/zeist/risicokaart/")
    assert response.status in (403, 404)
    assert "Risicokaart van Zeist" not in page.content()
