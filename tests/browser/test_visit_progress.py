"""Policy staff read a home-visit round's progress and a district report in Chromium (issue
11, item 6): the round page links to both, small counts show as "<5", the report shows its
basis, and both pages pass axe-core."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.core.models import District, Municipality
from omzien.visits.models import VisitReport
from omzien.visits.tests.factories import address, attempt, visit_round

pytestmark = pytest.mark.issue(11)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    zeist = Municipality.objects.get(slug="zeist")
    district = District.objects.filter(municipality=zeist).order_by("name").first()
    running = visit_round(zeist, name="Huisbezoeken browsertest")
    running.districts.set([district])
    for index in range(6):
        done = attempt(address(running, district=district, surname=f"Browser{index}"), "visited")
        VisitReport.objects.create(
            attempt=done, municipality=zeist, wants_more_contact="yes", life_satisfaction=7
        )
    attempt(address(running, district=district), "not_home")
    return live_url, running, district


def test_policy_staff_read_progress_and_the_district_report(page, site, sign_in):
    live_url, running, district = site
    sign_in(page, live_url, "beleid")
    page.wait_for_url("**/g/zeist/")
    page.goto(f"{live_url}/g/zeist/huisbezoeken/{running.pk}/")
    page.get_by_role("link", name="Voortgang per wijk").click()
    table = page.get_by_test_id("progress-table")
    assert district.name in table.inner_text() and "<5" in table.inner_text()
    assert "Browser" not in page.content()
    assert_accessible(page, "voortgang huisbezoeken")
    page.get_by_role("link", name="Wijkverslag").first.click()
    page.get_by_label("Wijk").select_option(str(district.pk))
    page.get_by_role("button", name="Toon het verslag").click()
    assert "gebaseerd op 6 bezoeken" in page.get_by_test_id("report-basis").inner_text()
    assert "Wil meer contact" in page.get_by_test_id("report-contacts").inner_text()
    assert_accessible(page, "wijkverslag huisbezoeken")
