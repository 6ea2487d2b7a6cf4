"""SSO provider records as the platform operator edits them, and the MFA rule (issue 13).
The full login flow runs against a real provider in tests/integration/test_issue13_sso.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from omzien.core.models import SsoProvider
from omzien.core.sso.mapping import asserted_mfa
from omzien.core.tests.factories import MunicipalityFactory, UserFactory, login_verified

pytestmark = [pytest.mark.issue(13), pytest.mark.django_db]


def provider(**overrides) -> SsoProvider:
    values = {
        "municipality": MunicipalityFactory(),
        "name": "Gemeente Test",
        "issuer": "https://idp.example.nl/realms/test",
        "authorization_endpoint": "https://idp.example.nl/auth",
        "token_endpoint": "https://idp.example.nl/token",
        "jwks_uri": "https://idp.example.nl/certs",
        "client_id": "omzien",
        "client_secret_env": "OMZIEN_SSO_SECRET_TEST_RECORD",
    }
    values.update(overrides)
    return SsoProvider(**values)


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATABASE_URL", "OMZIEN_SSO_SECRET_", "x"])
def test_the_secret_can_only_come_from_an_sso_variable(name, monkeypatch):
    monkeypatch.setenv(name, "geheim")
    record = provider(client_secret_env=name)
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "client_secret_env" in error.value.message_dict
    assert record.client_secret() == ""


def test_the_secret_is_read_from_the_environment(monkeypatch):
    record = provider()
    record.full_clean()
    assert record.client_secret() == ""
    monkeypatch.setenv("OMZIEN_SSO_SECRET_TEST_RECORD", "geheim")
    assert record.client_secret() == "geheim"


@pytest.mark.parametrize(
    "url", ["http://idp.example.nl/token", "ftp://idp.example.nl/token", "https:///token"]
)
def test_endpoints_must_be_https_except_on_this_machine(url):
    with pytest.raises(ValidationError):
        provider(token_endpoint=url).full_clean()
    provider(token_endpoint="http://127.0.0.1:8001/token").full_clean()


def test_rs256_needs_a_jwks_address_and_openid_is_required():
    with pytest.raises(ValidationError) as error:
        provider(jwks_uri="").full_clean()
    assert "jwks_uri" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        provider(scopes="email profile").full_clean()
    assert "scopes" in error.value.message_dict
    provider(jwks_uri="", sign_algorithm="HS256").full_clean()


@pytest.mark.parametrize(
    ("claims", "acr_values", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, "", True),
        ({"amr": ["pwd", "otp"]}, "", True),
        ({"amr": "hwk"}, "", True),
        ({"amr": ["pwd"]}, "", False),
        ({"amr": ["pwd", "kba"]}, "", False),
        ({}, "", False),
        ({"acr": "urn:loa:hoog"}, "urn:loa:hoog, 2", True),
        ({"acr": "2"}, "urn:loa:hoog, 2", True),
        ({"acr": "1"}, "urn:loa:hoog, 2", False),
        ({"acr": "urn:loa:hoog"}, "", False),
    ],
)
def test_the_mfa_rule(claims, acr_values, expected):
    assert asserted_mfa(provider(mfa_acr_values=acr_values), claims) is expected


def test_the_amr_list_is_per_provider():
    adfs = provider(mfa_amr_values="http://schemas.microsoft.com/claims/multipleauthn")
    assert asserted_mfa(adfs, {"amr": ["http://schemas.microsoft.com/claims/multipleauthn"]})
    assert not asserted_mfa(adfs, {"amr": ["mfa"]})


def test_the_operator_edits_providers_in_the_admin_without_a_secret_field(client):
    operator = UserFactory(is_staff=True, is_superuser=True)
    login_verified(client, operator)
    page = client.get("/systeembeheer/core/ssoprovider/add/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="client_secret_env"' in html
    assert 'name="client_secret"' not in html
    assert 'name="rules-0-claim_value"' in html
