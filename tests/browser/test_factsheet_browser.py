"""The factsheet in Chromium (issue 12, item 7): policy staff open it from their start page,
the page passes axe-core and its PDF downloads with a dated name; the programme team finds
every municipality's factsheet on its national page."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.utils import timezone

from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import member

pytestmark = pytest.mark.issue(12)

PASSWORD = "Een-lang-wachtwoord-voor-de-factsheet-2026"


@pytest.fixture
def site(transactional_db, live_url):
    cache.clear()
    zeist = Municipality.objects.get(code="GM0355")
    for role, email in (
        (Role.PROGRAMME, "programma@vws.example"),
        (Role.POLICY, "beleid@zeist.example"),
    ):
        user = member(role, zeist, email=email)
        user.set_password(PASSWORD)
        user.save()
    return live_url


def test_policy_staff_open_the_factsheet_and_download_its_pdf(page, sign_in, site):
    sign_in(page, site, "beleid@zeist.example", PASSWORD)
    page.wait_for_url("**/g/zeist/")
    page.get_by_role("link", name="Naar de factsheet").click()
    page.wait_for_url("**/g/zeist/factsheet/")
    assert page.get_by_role("heading", level=1).inner_text() == "Factsheet Zeist"
    assert page.get_by_role("heading", name="Risicokaart: eenzaamheid in de wijken").is_visible()
    assert_accessible(page, "factsheet")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als PDF").click()
    day = timezone.localdate().isoformat()
    assert download.value.suggested_filename == f"factsheet-zeist-{day}.pdf"


def test_the_programme_team_finds_every_factsheet(page, sign_in, site):
    sign_in(page, site, "programma@vws.example", PASSWORD)
    page.goto(f"{site}/landelijk/")
    page.get_by_role("link", name="Factsheets per gemeente").click()
    page.wait_for_url("**/landelijk/factsheets/")
    assert_accessible(page, "factsheets per gemeente")
    page.get_by_role("link", name="Bekijken Zeist").click()
    page.wait_for_url("**/g/zeist/factsheet/")
    assert page.get_by_role("heading", level=1).inner_text() == "Factsheet Zeist"
