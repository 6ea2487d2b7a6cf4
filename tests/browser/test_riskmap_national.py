"""The programme team's national risk map in Chromium (issue 10, item 5): the map colours
every municipality, the indicator is switched with the keyboard, a municipality tabbed to
shows the same figure as the table, no serious or critical axe finding; a policy officer of a
municipality is refused.

With OMZIEN_SCREENSHOTS=<dir> the map is saved as a screenshot."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import member

pytestmark = pytest.mark.issue(10)

PASSWORD = "Een-lang-wachtwoord-voor-de-kaart-2026"


@pytest.fixture
def site(transactional_db, live_url):
    cache.clear()
    call_command("import_riskmap", "--shipped", stdout=io.StringIO())
    for role, email in (
        (Role.PROGRAMME, "programma@vws.example"),
        (Role.POLICY, "beleid@zeist.example"),
    ):
        user = member(role, Municipality.objects.get(code="GM0355"), email=email)
        user.set_password(PASSWORD)
        user.save()
    return live_url


def test_the_programme_team_reads_the_map_and_the_table(page, site, sign_in):
    sign_in(page, site, "programma@vws.example", PASSWORD)
    page.goto(f"{site}/landelijk/risicokaart/")
    zeist = page.locator('path[aria-label^="Zeist:"]')
    zeist.wait_for()
    assert_accessible(page, "landelijke risicokaart")
    legend = page.get_by_test_id("legend")
    assert "Eenzaam, jongvolwassenen" in legend.inner_text()

    # Switch the indicator with the keyboard: the map and legend follow without a reload.
    page.get_by_label("Kies wat de kaart laat zien").focus()
    page.keyboard.press("ArrowDown")
    assert "Ernstig eenzaam" in legend.inner_text()

    # Tab to Zeist on the map: its label says the same as the table.
    zeist.focus()
    label = page.get_by_test_id("map-label").inner_text()
    row = page.locator('tr[data-code="GM0355"] td')
    assert label == f"Zeist: {row.nth(1).inner_text()}"
    assert "onbekend" not in label
    assert_accessible(page, "landelijke risicokaart, ernstig eenzaam")
    folder = os.environ.get("OMZIEN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / "riskmap-national.png"))


def test_a_policy_officer_of_a_municipality_is_refused(page, site, sign_in):
    sign_in(page, site, "beleid@zeist.example", PASSWORD)
    response = page.goto(f"{site}/landelijk/risicokaart/")
    assert response.status == 403


def test_the_programme_team_reads_the_prevalence_table(page, site, sign_in):
    sign_in(page, site, "programma@vws.example", PASSWORD)
    page.goto(f"{site}/landelijk/risicokaart/")
    page.get_by_role("link", name="De landelijke prevalentietabel").click()
    table = page.get_by_test_id("prevalence-table")
    table.wait_for()
    assert "48,6% (48,1% tot 49,1%)" in table.inner_text()
    assert_accessible(page, "landelijke prevalentietabel")
    page.get_by_role("link", name="2020").click()
    assert "46,6%" in page.get_by_test_id("prevalence-table").inner_text()
