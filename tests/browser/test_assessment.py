"""The assessment form in a real browser, on a phone-sized screen (issue 3)."""

import pytest
from axe import assert_accessible
from django.core.management import call_command

from omzien.core.models import Resident

pytestmark = pytest.mark.issue(3)


def test_caseworker_fills_in_the_scale_and_sees_the_category(
    phone_page, transactional_db, live_url, sign_in
):
    call_command("load_demo", verbosity=0)  # the reference data is loaded (conftest.py)

    page = phone_page
    sign_in(page, live_url, "kartrekker")
    page.wait_for_url("**/g/zeist/")

    resident = Resident.objects.filter(municipality__code="GM0355").order_by("pk").first()
    page.goto(f"{live_url}/g/zeist/inwoners/{resident.pk}/")
    page.get_by_role("link", name="De Jong Gierveld eenzaamheidsschaal (11 items)").click()
    assert_accessible(page, "meting invullen (telefoon)")

    # Answer "ja" on the emotional items and "nee" on the social ones: total 11.
    for index, question in enumerate(page.locator("fieldset.omzien-question").all()):
        positive = index + 1 in (1, 4, 7, 8, 11)
        question.get_by_text("nee" if positive else "ja", exact=True).click()
    page.get_by_role("button", name="Meting opslaan").click()
    page.wait_for_url(f"**/g/zeist/inwoners/{resident.pk}/")
    status = page.get_by_role("status").inner_text()
    assert "zeer ernstig eenzaam" in status
    table = page.get_by_test_id("assessments")
    assert "11 van 11" in table.inner_text()
    assert_accessible(page, "inwoner met meting (telefoon)")
