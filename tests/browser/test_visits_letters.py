"""The coordinator plans a round's visits and finds the letters to print (issue 11, item 3),
in Chromium, with axe-core on the round page."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.demo import DEMO_PASSWORD
from omzien.core.models import Municipality
from omzien.core.totp import current_code
from omzien.visits.models import VisitAddress
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = pytest.mark.issue(11)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_the_coordinator_plans_the_visits_and_sees_the_letters_to_print(page, site):
    town = Municipality.objects.get(slug="zeist")
    round = visit_round(town, name="Brieven in de browser")
    walker = volunteer(town)
    walker.user.first_name = "Anna"
    walker.user.save(update_fields=["first_name"])
    for number in (3, 1, 2):
        address(round, volunteer=walker, postcode="3701AA", house_number=number)
    page.goto(f"{site}/account/inloggen/")
    page.get_by_label("Gebruikersnaam of e-mailadres").fill("kartrekker")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    if "/account/tweede-stap/" in page.url:
        device = TOTPDevice.objects.get(user__username="kartrekker", confirmed=True)
        page.get_by_label("Code uit uw app").fill(current_code(device))
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state()
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
