"""Pages refuse methods they do not handle (issue 8, item 20): TRACE and CONNECT everywhere,
OPTIONS outside /api/, each with 405 and Allow, and none of them reaches a view or the audit
log (core/methods.py)."""

import pytest
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.issue(8), pytest.mark.django_db]


@pytest.fixture
def resident_page(client_as):
    municipality = MunicipalityFactory()
    client = client_as(Role.COORDINATOR, municipality)
    return client, reverse("core:resident_list", kwargs={"municipality_slug": municipality.slug})


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS", "CONNECT"])
def test_a_page_refuses_the_method_with_405_and_allow(resident_page, method):
    client, url = resident_page
    before = AuditEvent.objects.count()
    response = client.generic(method, url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert AuditEvent.objects.count() == before
    assert b"<" not in response.content  # nothing of the page, nothing echoed


@pytest.mark.parametrize("method", ["TRACE", "OPTIONS"])
def test_anonymous_page_requests_are_refused_too(client, method):
    response = client.generic(method, reverse("core:login"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"


def test_a_page_still_answers_get_and_head(resident_page):
    client, url = resident_page
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200


@pytest.mark.parametrize("method", ["TRACE", "CONNECT"])
def test_the_api_refuses_trace_and_connect_with_problem_json(client_as, method):
    client = client_as(Role.COORDINATOR, MunicipalityFactory())
    before = AuditEvent.objects.count()
    response = client.generic(method, "/api/v1/me/")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert AuditEvent.objects.count() == before


def test_options_under_api_is_left_to_the_api(client_as):
    client = client_as(Role.COORDINATOR, MunicipalityFactory())
    before = AuditEvent.objects.count()
    response = client.options("/api/v1/me/")
    assert response.status_code == 200
    assert "GET" in response["Allow"]
    assert AuditEvent.objects.count() == before
