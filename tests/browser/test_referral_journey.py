"""A caseworker matches a case and refers the resident, in Chromium on a desktop (issue 9):
she opens a case with consent and an assessment, records what the resident likes and
wants, opens the match page, refers to an initiative with only the phone number shared, and
sees the referral on the timeline. axe-core finds nothing serious on the case page and the
match page."""

from __future__ import annotations

import datetime as dt

import pytest
from axe import assert_accessible
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client

from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import CaseState
from omzien.signalling.models import Referral
from omzien.signalling.tests.factories import file_signal, zeist
from omzien.socialmap.tests.factories import initiative

pytestmark = pytest.mark.issue(9)

EMOTIONAL_11 = dict.fromkeys(range(1, 12), "ja")


@pytest.fixture
def world(transactional_db, live_url):
    cache.clear()
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    caseworker = member(Role.CASEWORKER, municipality, first_name="Wim", last_name="de Vries")
    case = file_signal(municipality, house_number="12").case
    resident = case.resident
    resident.name, resident.phone, resident.birth_date = "Truus Bakker", "030 765 4321", None
    resident.birth_year = 1947
    resident.save()
    services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    services.log_attempt(actor=caseworker, case=case, method="visit", reached=True)
    services.record_consent(actor=caseworker, case=case, scope="Verwijzen", how="verbal")
    services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    services.record_case_assessment(
        actor=caseworker,
        case=case,
        instrument="djg11",
        answers=EMOTIONAL_11,
        taken_on=dt.date.today() - dt.timedelta(days=3),
    )
    organisation = OrganisationFactory(municipality=municipality, name="Humanitas Zeist")
    offer = initiative(
        organisation,
        name="Maatje aan huis",
        kinds=["meaningful_contact"],
        status="published",
        contact_email="maatje@humanitas.example.invalid",
        latitude=52.09,
        longitude=5.23,
    )
    return live_url, caseworker, case, offer


def _log_in(page, site: str, user) -> None:
    """A session with a verified second factor, handed to the browser as its cookie."""
    client = Client()
    login_verified(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])


def test_a_caseworker_matches_refers_and_sees_it_on_the_timeline(page, world):
    site, caseworker, case, offer = world
    _log_in(page, site, caseworker)
    page.goto(f"{site}/g/zeist/meldingen/{case.pk}/")
    assert_accessible(page, "traject met toestemming en meting")

    page.get_by_test_id("matches-link").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/aanbod/")
    page.get_by_test_id("needs-link").click()
    page.get_by_label("Betekenisvol contact").check()
    page.get_by_label("Liever een-op-een").check()
    page.get_by_label("Interesses in eigen woorden").fill("koken, verhalen vertellen")
    page.get_by_role("button", name="Opslaan en aanbod zoeken").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/aanbod/")

    basis = page.get_by_test_id("match-basis").inner_text()
    assert "emotioneel eenzaam" in basis and "jaar" in basis and "3701" in basis
    match = page.get_by_test_id(f"match-{offer.pk}")
    assert "Maatje aan huis" in match.inner_text()
    assert_accessible(page, "passend aanbod")

    match.get_by_role("button", name="Verwijzen").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/verwijzen/?initiatief={offer.pk}")
    page.get_by_label("Telefoonnummer").check()
    page.get_by_role("button", name="Verwijzen").click()
    page.wait_for_url(f"**/meldingen/{case.pk}/")

    timeline = page.get_by_test_id("timeline").inner_text()
    assert "Maatje aan huis: voorgesteld" in timeline
    assert page.get_by_test_id("case-state").inner_text() == "Doorverwezen"
    assert_accessible(page, "traject na verwijzing")
    referral = Referral.objects.get(case=case)
    assert referral.initiative == offer
    (handover,) = mail.outbox
    assert "030 765 4321" in handover.body and "Truus Bakker" not in handover.body
