"""The coordinator plans a round's visits and finds the letters to print (issue 11, item 3),
in Chromium, with axe-core on the round page."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

from omzien.core.models import Municipality
from omzien.visits.models import VisitAddress
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = pytest.mark.issue(11)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_the_coordinator_plans_the_visits_and_sees_the_letters_to_print(page, site, sign_in):
    town = Municipality.objects.get(slug="zeist")
    round = visit_round(town, name="Brieven in de browser")
    walker = volunteer(town)
    walker.user.first_name = "Anna"
    walker.user.save(update_fields=["first_name"])
    for number in (3, 1, 2):
        address(round, volunteer=walker, postcode="3701AA", house_number=number)
    sign_in(page, site, "kartrekker")
    page.goto(f"{site}/g/zeist/huisbezoeken/{round.pk}/")
    assert page.get_by_test_id("letters-to-plan").inner_text() == "3"
    page.get_by_role("button", name="Bezoeken inplannen").click()
    page.wait_for_load_state()
    assert "3 bezoeken ingepland." in page.content()
    assert page.get_by_test_id("letters-ready").inner_text() == "3"
    assert page.get_by_role("link", name="Download 3 brieven (PDF)").is_visible()
    assert page.get_by_role("link", name="Kaartjes voor Anna (PDF, 3 adressen)").is_visible()
    assert VisitAddress.objects.filter(round=round, proposed_at__isnull=False).count() == 3
    assert_accessible(page, "ronde met brieven")
