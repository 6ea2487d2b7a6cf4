"""Dutch everywhere (issue 8, item 11): password rules, consent labels, the settings form's
browser limits, the demo's 404 page."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]


def test_the_password_rules_speak_dutch():
    with pytest.raises(ValidationError) as refused:
        validate_password("kort")
    assert (
        "Dit wachtwoord is te kort. Het moet minstens 12 tekens lang zijn."
        in refused.value.messages
    )
    assert not any("password" in message for message in refused.value.messages)


def test_consent_is_shown_in_dutch_on_the_case_and_in_the_inzage(client):
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    case = file_signal().case
    services.assign_case(
        actor=coordinator, case=case, caseworker=member(Role.CASEWORKER, municipality)
    )
    services.record_consent(actor=coordinator, case=case, scope="een meting", how="verbal")
    login_verified(client, coordinator)
    page = client.get(f"/g/zeist/meldingen/{case.pk}/").content.decode()
    assert "een meting · mondeling" in page and "(verbal)" not in page
    export = client.get(f"/g/zeist/inwoners/{case.resident_id}/inzage/").content.decode()
    assert "(mondeling)" in export and "(verbal)" not in export


def test_the_norms_form_has_the_servers_limits_in_the_browser(client):
    login_verified(client, member(Role.COORDINATOR, zeist()))
    page = client.get("/g/zeist/instellingen/").content.decode()
    assert 'name="normen-urgent_contact_hours"' in page
    field = page[page.index('name="normen-urgent_contact_hours"') - 200 :][:400]
    assert 'min="1"' in field and 'max="72"' in field


@override_settings(DEBUG=True)
def test_the_demo_answers_an_unknown_page_in_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
    assert "Page not found" not in response.content.decode()


def test_logging_out_says_so(client):
    login_verified(client, member(Role.COORDINATOR, zeist()))
    answer = client.post("/account/uitloggen/", follow=True)
    assert "U bent uitgelogd" in answer.content.decode()


def test_api_error_titles_have_no_placeholders(client):
    login_verified(client, member(Role.COORDINATOR, zeist()))
    answer = client.put(
        "/api/v1/cases/?municipality=GM0355", data="{}", content_type="application/json"
    )
    problem = answer.json()
    assert answer.status_code == 405 and "{" not in problem["title"]
    assert "PUT" in problem["title"] or "PUT" in problem.get("detail", "")
