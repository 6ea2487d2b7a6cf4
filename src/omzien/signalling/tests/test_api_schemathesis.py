"""Schemathesis against the running server (issue 8, item 20): requests generated from the
committed docs/openapi.yaml, valid and invalid, for every operation, sent to a live server with
a valid partner API key, a personal token and a verified staff session; every answer must be
one the document describes (status, media type, headers, body) and none a 500. Needs no
network: the server is pytest-django's live_server on localhost."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given, settings

from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.signalling.api.auth import issue_token
from omzien.signalling.setup.services import create_api_key
from omzien.signalling.tests.factories import file_signal, go_live, zeist

pytestmark = [pytest.mark.issue(8), pytest.mark.django_db(transaction=True)]

OPENAPI = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"
CSRF = "a" * 32


@pytest.fixture
def credentials(live_server):
    municipality = go_live(zeist())
    coordinator = member(Role.COORDINATOR, municipality)
    partner = OrganisationFactory(municipality=municipality)
    api_key = create_api_key(actor=coordinator, organisation=partner, name="fuzz").secret
    for number in range(3):
        file_signal(municipality, house_number=str(number + 1))
    browser = Client()
    login_verified(browser, coordinator)
    coordinator.otp_device = coordinator.totpdevice_set.get()
    token, _ = issue_token(coordinator, municipality)
    session = requests.Session()
    cookie = (
        f"{django_settings.SESSION_COOKIE_NAME}="
        f"{browser.cookies[django_settings.SESSION_COOKIE_NAME].value}; "
        f"{django_settings.CSRF_COOKIE_NAME}={CSRF}"
    )
    return {
        "session": session,
        "base_url": live_server.url,
        "signals": {"Authorization": f"Api-Key {api_key}"},
        "cases": {"Authorization": f"Bearer {token}"},
        # The staff session as a plain Cookie header: schemathesis sends its own requests.
        "session_only": {"Cookie": cookie, "X-CSRFToken": CSRF},
    }


def _headers(credentials, path: str) -> dict:
    if path.startswith("/api/v1/signals/"):
        return credentials["signals"]
    if path.startswith("/api/v1/cases/"):
        return credentials["cases"]
    return credentials["session_only"]


def test_every_operation_keeps_the_documents_promises_against_the_live_server(credentials):
    import schemathesis
    from schemathesis import checks as st_checks
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_path(OPENAPI)
    checks = [
        st_checks.not_a_server_error,
        st_checks.status_code_conformance,
        st_checks.content_type_conformance,
        st_checks.response_headers_conformance,
        st_checks.response_schema_conformance,
    ]
    seen: dict[str, set[int]] = {}
    # Every operation: the partner API (API key), the case API (token), and /api/v1/me/ and
    # /api/v1/tokens/ (a staff session).
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 7

    def fuzz(operation, mode) -> None:
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case):
            response = case.call_and_validate(
                base_url=credentials["base_url"],
                session=credentials["session"],
                headers=_headers(credentials, operation.path),
                checks=checks,
            )
            seen.setdefault(operation.label, set()).add(response.status_code)

        run()

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation, mode)
    # Valid requests got through: the credentials work, so the checks saw real answers.
    assert any(code < 300 for code in seen["POST /api/v1/signals/"])
    assert any(code < 300 for code in seen["GET /api/v1/cases/"])
    assert any(code < 300 for code in seen["GET /api/v1/me/"])


# --- What the document states ----------------------------------------------------------------


def _document() -> dict:
    import yaml

    return yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))


def test_the_document_states_the_idempotency_key_format():
    operation = _document()["paths"]["/api/v1/signals/"]["post"]
    header = next(p for p in operation["parameters"] if p["name"] == "Idempotency-Key")
    assert header["required"] is True
    assert header["schema"] == {
        "type": "string",
        "minLength": 1,
        "maxLength": 100,
        "pattern": "^[!-~]+$",
        "example": header["schema"]["example"],
    }


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/signals/", "post"),
        ("/api/v1/cases/{id}/move/", "post"),
        ("/api/v1/cases/{id}/notes/", "post"),
        ("/api/v1/tokens/", "post"),
    ],
)
def test_every_write_states_its_403_413_and_415(path, method):
    responses = _document()["paths"][path][method]["responses"]
    for code in ("403", "413", "415"):
        assert "application/problem+json" in responses[code]["content"], (path, code)


def test_the_document_states_the_page_size_limits_and_the_server_keeps_them(client_as):
    operation = _document()["paths"]["/api/v1/cases/"]["get"]
    page_size = next(p for p in operation["parameters"] if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}
    client = client_as(Role.COORDINATOR, go_live(zeist()))
    for value in ("1", "200"):
        assert client.get(f"/api/v1/cases/?page_size={value}").status_code == 200
    for value in ("0", "201", "-1", "x", "٣"):
        response = client.get(f"/api/v1/cases/?page_size={value}")
        assert response.status_code == 400, value
        assert "page_size" in response.json()["invalid_params"]
