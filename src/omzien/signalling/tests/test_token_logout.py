"""Logging out ends the user's personal case-API tokens (issue 8, item 20): every token issued
before the logout, from any session, is refused; a token issued after logging in again works
(signalling/api/auth.py: TokenCutoff)."""

import pytest
from django.test import Client
from django.urls import reverse

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.issue(8), pytest.mark.django_db]

CASES = "/api/v1/cases/"


def issue(client) -> dict:
    response = client.post("/api/v1/tokens/", {}, content_type="application/json")
    assert response.status_code == 201, response.content
    return {"Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
def staff(client_as):
    file_signal(zeist())
    return client_as(Role.COORDINATOR, zeist())


def test_logging_out_ends_every_token_issued_before(staff):
    first, second = issue(staff), issue(staff)
    script = Client()
    assert script.get(CASES, headers=first).status_code == 200
    assert staff.post(reverse("core:logout")).status_code == 302
    for bearer in (first, second):
        response = script.get(CASES, headers=bearer)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"


def test_logging_out_elsewhere_ends_the_tokens_of_this_session_too(staff):
    bearer = issue(staff)
    other_browser = Client()
    login_verified(other_browser, staff.user)
    other_browser.post(reverse("core:logout"))
    assert Client().get(CASES, headers=bearer).status_code == 401


def test_a_token_issued_after_logging_in_again_works(staff):
    old = issue(staff)
    staff.post(reverse("core:logout"))
    login_verified(staff, staff.user)
    new = issue(staff)
    script = Client()
    assert script.get(CASES, headers=new).status_code == 200
    assert script.get(CASES, headers=old).status_code == 401


def test_another_users_logout_leaves_the_token_alone(staff):
    bearer = issue(staff)
    colleague = Client()
    from omzien.core.tests.factories import member

    login_verified(colleague, member(Role.CASEWORKER, zeist()))
    colleague.post(reverse("core:logout"))
    assert Client().get(CASES, headers=bearer).status_code == 200
