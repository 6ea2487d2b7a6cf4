"""The coordinator registers a volunteer and divides a round, in Chromium on a phone-sized
screen, with axe-core on every page (issue 11, item 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from omzien.core.models import District, Municipality, User
from omzien.visits.models import VisitAddress, Volunteer
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = pytest.mark.issue(11)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_the_coordinator_registers_a_volunteer_and_divides_a_round(phone_page, site, sign_in):
    page = phone_page
    town = Municipality.objects.get(slug="zeist")
    district = District.objects.filter(municipality=town).order_by("name").first()
    Volunteer.objects.filter(municipality=town).delete()
    running = visit_round(town)
    for number in range(1, 7):
        address(running, district=district, postcode="3701AA", house_number=number)
    other = volunteer(town, districts=[district], visits_per_week=1)
    sign_in(page, site, "kartrekker")

    page.goto(f"{site}/g/zeist/vrijwilligers/nieuw/")
    assert_accessible(page, "vrijwilliger inschrijven")
    vera = User.objects.get(username="vrijwilliger")
    page.get_by_label("Wie").select_option(value=str(vera.pk))
    page.get_by_label("Telefoon").fill("06 12345678")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    page.get_by_label("VOG afgegeven op").fill(tomorrow.isoformat())
    page.get_by_label("Training gevolgd op").fill("2026-01-10")
    page.get_by_label(district.name).check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "De afgiftedatum van de VOG ligt in de toekomst." in page.content()
    assert page.get_by_label("Telefoon").input_value() == "06 12345678"
    assert_accessible(page, "inschrijven met een fout")
    page.get_by_label("VOG afgegeven op").fill("2025-03-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "geldig tot 1 maart 2028" in page.get_by_test_id("vog-until").inner_text()
    assert_accessible(page, "vrijwilliger")

    page.goto(f"{site}/g/zeist/vrijwilligers/")
    assert_accessible(page, "vrijwilligers")
    page.goto(f"{site}/g/zeist/huisbezoeken/{running.pk}/verdelen/")
    page.get_by_role("button", name="Verdeel").click()
    page.wait_for_load_state()
    assert "6 adressen zijn verdeeld over 2 vrijwilliger(s)." in page.content()
    assert_accessible(page, "verdelen")
    assert VisitAddress.objects.filter(volunteer=other).count() == 2  # 1 of 3 visits a week
    page.goto(f"{site}/g/zeist/huisbezoeken/{running.pk}/")
    assert page.get_by_test_id("assigned-count").inner_text() == "6"
