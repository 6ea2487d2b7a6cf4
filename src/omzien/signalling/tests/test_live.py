"""A municipality that is not live takes no signals; opening and closing the signalling
point; a live municipality never routes a signal to nowhere (issue 8, item 1)."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from omzien.core.models import AuditEvent, District, Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, login_verified, member
from omzien.signalling.models import AcceptedSignal, Signal
from omzien.signalling.settings import is_live, settings_of
from omzien.signalling.setup import live
from omzien.signalling.setup.services import SetupError, create_api_key, create_partner_link
from omzien.signalling.tests.factories import go_live, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

ABOUT = {"step": 1, "action": "next", "postcode": "3701 AB", "house_number": "12"}
CRISIS = {
    "step": 2,
    "action": "next",
    "concern": "Hij zegt dat hij er een eind aan wil maken",
    "person_aware": "no",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def amsterdam() -> Municipality:
    return Municipality.objects.get(slug="amsterdam")


def nothing_stored() -> bool:
    return not Signal.objects.exists() and not AcceptedSignal.objects.exists()


def assert_not_live_page(response, status: int = 200) -> str:
    page = response.content.decode()
    assert response.status_code == status
    assert 'data-testid="not-live"' in page
    assert "gebruikt dit signaalpunt (nog) niet" in page
    assert 'href="tel:112"' in page and 'href="tel:08000113"' in page
    return page


def test_a_municipality_is_not_live_until_it_is_opened():
    assert not is_live(amsterdam())
    assert settings_of(amsterdam()).pk is None  # reading made no row


def test_the_public_form_of_a_municipality_that_is_not_live_takes_nothing(client):
    url = reverse("signalling:signal_form", kwargs={"municipality_slug": "amsterdam"})
    assert_not_live_page(client.get(url))
    assert_not_live_page(client.post(url, {**ABOUT, "postcode": "1012 AB"}), 403)
    assert_not_live_page(client.post(url, CRISIS), 403)
    assert_not_live_page(client.post(url, {"step": 3, "action": "next"}), 403)
    assert nothing_stored()


def test_self_referral_of_a_municipality_that_is_not_live_takes_nothing(client):
    url = reverse("signalling:self_referral", kwargs={"municipality_slug": "amsterdam"})
    assert_not_live_page(client.get(url))
    data = {"postcode": "1012 AB", "house_number": "3", "name": "Jan", "phone": "0612345678"}
    assert_not_live_page(client.post(url, data), 403)
    assert nothing_stored()


def test_a_partner_link_of_a_municipality_that_is_not_live_takes_nothing(client):
    municipality = amsterdam()
    coordinator = member(Role.COORDINATOR, municipality)
    partner = OrganisationFactory(municipality=municipality)
    token = create_partner_link(actor=coordinator, organisation=partner).secret
    url = reverse(
        "signalling:partner_signal_form",
        kwargs={"municipality_slug": municipality.slug, "token": token},
    )
    assert_not_live_page(client.get(url))
    assert_not_live_page(client.post(url, {**ABOUT, "postcode": "1012 AB"}), 403)
    assert nothing_stored()


def test_a_logged_in_reporter_of_a_municipality_that_is_not_live_is_told(client):
    reporter = member(Role.REPORTER, amsterdam())
    login_verified(client, reporter)
    url = reverse("signalling:reporter_signal_form", kwargs={"municipality_slug": "amsterdam"})
    assert_not_live_page(client.get(url))
    assert nothing_stored()


@pytest.mark.parametrize("accept", ["application/json", "application/json; charset=utf-8"])
def test_the_partner_api_of_a_municipality_that_is_not_live_answers_a_problem(client, accept):
    """Both ways through the view: the fast INSERT (which checks the live state itself) and
    DRF's path (an unusual Accept header)."""
    municipality = amsterdam()
    coordinator = member(Role.COORDINATOR, municipality)
    partner = OrganisationFactory(municipality=municipality)
    key = create_api_key(actor=coordinator, organisation=partner, name="app").secret
    body = {"postcode": "1012 AB", "house_number": "1", "concern": "Ik wil er een eind aan maken"}
    response = client.post(
        "/api/v1/signals/",
        data=json.dumps(body),
        content_type="application/json",
        headers={
            "Authorization": f"Api-Key {key}",
            "Idempotency-Key": str(uuid.uuid4()),
            "Accept": accept,
        },
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == 403 and "niet opgeslagen" in problem["detail"]
    assert "112" in problem["detail"] and "113" in problem["detail"]
    assert nothing_stored()
    # Opened, the same key works.
    go_live(municipality)
    response = client.post(
        "/api/v1/signals/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Api-Key {key}", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 201 and AcceptedSignal.objects.count() == 1


# --- Opening and closing ---------------------------------------------------------------------


def test_opening_needs_someone_to_mail_about_urgent_signals():
    municipality = amsterdam()
    coordinator = member(Role.COORDINATOR, municipality, email="")
    with pytest.raises(SetupError, match="e-mailadres"):
        live.open_signalling_point(
            actor=coordinator, municipality=municipality, accept_fallback=True
        )
    assert not is_live(municipality)


def test_opening_with_districts_without_a_team_needs_the_coordinators_consent():
    municipality = amsterdam()
    coordinator = member(Role.COORDINATOR, municipality, email="k@amsterdam.example")
    team = TeamFactory(municipality=municipality)
    districts = list(District.objects.filter(municipality=municipality))
    team.districts.set(districts[1:])
    assert [d.pk for d in live.districts_without_team(municipality)] == [districts[0].pk]
    with pytest.raises(SetupError, match="1 wijk heeft geen team"):
        live.open_signalling_point(actor=coordinator, municipality=municipality)
    assert not is_live(municipality)
    live.open_signalling_point(actor=coordinator, municipality=municipality, accept_fallback=True)
    assert is_live(municipality)
    assert AuditEvent.objects.filter(action="signalling_opened").count() == 1


def test_with_a_team_for_every_district_it_opens_without_more_questions():
    municipality = amsterdam()
    coordinator = member(Role.COORDINATOR, municipality, email="k@amsterdam.example")
    TeamFactory(municipality=municipality).districts.set(
        District.objects.filter(municipality=municipality)
    )
    assert all(item.done for item in live.checklist(municipality))
    live.open_signalling_point(actor=coordinator, municipality=municipality)
    assert is_live(municipality)
    live.close_signalling_point(actor=coordinator, municipality=municipality)
    assert not is_live(municipality)
    assert AuditEvent.objects.filter(action="signalling_closed").count() == 1


def test_only_the_coordinator_opens_it():
    from django.core.exceptions import PermissionDenied

    municipality = amsterdam()
    caseworker = member(Role.CASEWORKER, municipality, email="w@amsterdam.example")
    with pytest.raises(PermissionDenied):
        live.open_signalling_point(
            actor=caseworker, municipality=municipality, accept_fallback=True
        )


def test_the_setup_page_shows_the_checklist_and_opens_the_signalling_point(client):
    municipality = amsterdam()
    coordinator = member(Role.COORDINATOR, municipality, email="k@amsterdam.example")
    login_verified(client, coordinator)
    url = reverse("signalling:setup", kwargs={"municipality_slug": municipality.slug})
    page = client.get(url).content.decode()
    assert 'data-testid="live-checklist"' in page and "nog dicht" in page
    assert 'data-testid="districts-without-team"' in page  # no teams at all yet
    open_url = reverse("signalling:setup_live", kwargs={"municipality_slug": municipality.slug})
    refused = client.post(open_url, {"actie": "open"})
    assert refused.status_code == 422
    assert 'data-testid="live-error"' in refused.content.decode()
    assert not is_live(municipality)
    assert client.post(open_url, {"actie": "open", "zonder_team": "ja"}).status_code == 302
    assert is_live(municipality)
    assert "is open sinds" in client.get(url).content.decode()
    assert client.post(open_url, {"actie": "sluiten"}).status_code == 302
    assert not is_live(municipality)


# --- A live municipality routes every signal somewhere ---------------------------------------


def test_a_signal_from_a_district_without_a_team_lands_in_the_coordinators_queue(client):
    municipality = go_live(zeist())
    coordinator = member(Role.COORDINATOR, municipality)
    url = reverse("signalling:signal_form", kwargs={"municipality_slug": municipality.slug})
    client.post(url, ABOUT)
    client.post(url, {**CRISIS, "concern": "De gordijnen zijn dicht"})
    assert client.post(url, {"step": 3, "action": "next"}).status_code == 302
    case = Signal.objects.get().case
    assert case.team is None and case.caseworker is None
    login_verified(client, coordinator)
    queue = client.get(
        reverse("signalling:case_queue", kwargs={"municipality_slug": municipality.slug})
    ).content.decode()
    assert f"/meldingen/{case.pk}/" in queue
