"""Monitoring in Chromium (issue 12, item 4): a policy officer filters the municipality's
monitoring page by district and sees suppressed counts; the programme team opens the national
overview and enters a campaign figure that then shows beside the computed ones; no serious or
critical axe finding."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache

from omzien.core import extensions
from omzien.core.figure_records import MunicipalityFigure
from omzien.core.roles import Role
from omzien.core.tests.factories import make_small_municipality, member

pytestmark = pytest.mark.issue(12)

PASSWORD = "Een-lang-wachtwoord-voor-monitoring-2026"


@pytest.fixture
def site(transactional_db, live_url, monkeypatch):
    from omzien.monitoring.tests import factories_dashboard as tables

    cache.clear()
    town = make_small_municipality()
    m = town.municipality
    monkeypatch.setattr(extensions.monitoring_tables, "_items", [tables.RESIDENTS])
    from omzien.monitoring.tests.test_dashboard_page import last_month

    day = last_month()
    first, second, _third = town.districts
    for _i in range(7):
        tables.resident_on(m, first, day, birth_year=1950)
    for _i in range(2):
        tables.resident_on(m, second, day, birth_year=1950)
    figure = MunicipalityFigure(
        "week_activities",
        "Activiteiten Week tegen Eenzaamheid",
        lambda ids, since, until: {m.pk: 12},
        national="sum",
    )
    monkeypatch.setattr(extensions.municipality_figures, "_items", [figure])
    for role, email in (
        (Role.PROGRAMME, "programma@vws.example"),
        (Role.POLICY, "beleid@proefdorp.example"),
    ):
        user = member(role, m, email=email)
        user.set_password(PASSWORD)
        user.save()
    return live_url, town


def test_policy_filters_the_monitoring_page(page, sign_in, site):
    base, town = site
    sign_in(page, base, "beleid@proefdorp.example", PASSWORD)
    page.get_by_role("link", name="Monitoring").first.click()
    table = page.get_by_test_id("monitoring-table-test_residents")
    assert "<5" in table.inner_text()
    assert_accessible(page, "monitoring van de gemeente")
    page.get_by_label(town.districts[0].name).check()
    page.get_by_role("button", name="Toon").click()
    rows = page.get_by_test_id("monitoring-table-test_residents").locator("tbody tr")
    assert rows.count() == 1
    assert "7" in rows.first.inner_text()
    page.get_by_label("Van").fill("2026-05-01")
    page.get_by_label("Tot en met").fill("2026-01-01")
    page.get_by_role("button", name="Toon").click()
    assert "De begindatum moet voor of op de einddatum liggen." in page.content()
    assert_accessible(page, "monitoring met een foute periode")


def test_the_programme_opens_the_overview_and_enters_a_figure(page, sign_in, site):
    base, _town = site
    sign_in(page, base, "programma@vws.example", PASSWORD)
    page.goto(f"{base}/landelijk/")
    page.get_by_role("link", name="Monitoring van het programma").click()
    totals = page.get_by_test_id("national-totals")
    assert "12" in totals.inner_text()
    assert_accessible(page, "landelijke monitoring")
    page.get_by_role("link", name="Cijfers invoeren").click()
    page.get_by_label("Cijfer", exact=True).fill("Campagnebereik")
    page.get_by_label("Waarde").fill("250000")
    page.get_by_label("Bron").fill("Campagnebureau")
    assert_accessible(page, "programmacijfers invoeren")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Terug naar de monitoring van het programma").click()
    assert "handmatig ingevoerd" in page.get_by_test_id("national-totals").inner_text()
