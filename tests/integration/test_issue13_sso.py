"""Single sign-on per municipality against a real OIDC provider (issue 13, item 3).

Omzien is driven with Django's test client; the provider (django-oidc-provider in its own
process, tests/sso_provider/) with ``requests``: its login form and its consent form. The
provider's users: anna (omzien-welzijn, amr mfa), bert (omzien-welzijn, password only), carla
(another group), dirk (omzien-kartrekker, acr urn:test:loa:hoog), eva (both groups, mfa).
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.test import Client
from django.urls import reverse
from sso_provider.setup import PASSWORD

from omzien.core.models import AuditEvent, Membership, SsoIdentity, User
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, UserFactory, login_verified, member

pytestmark = [pytest.mark.issue(13), pytest.mark.django_db]


class _Inputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") and attrs.get("type") in ("hidden", None):
            self.values[attrs["name"]] = attrs.get("value") or ""


def _inputs(html: str) -> dict[str, str]:
    parser = _Inputs()
    parser.feed(html)
    return parser.values


def at_provider(authorize_url: str, username: str) -> str:
    """Sign in at the provider and allow Omzien: the URL the provider sends the browser back
    to (Omzien's callback with code and state)."""
    browser = requests.Session()
    login = browser.get(authorize_url, timeout=30)
    assert "/login/" in login.url, login.url
    form = _inputs(login.text)
    form.update(username=username, password=PASSWORD)
    consent = browser.post(login.url, data=form, timeout=30)
    assert "Request for Permission" in consent.text
    form = _inputs(consent.text)
    form["allow"] = "Authorize"
    back = browser.post(consent.url, data=form, allow_redirects=False, timeout=30)
    assert back.status_code == 302, back.text[:300]
    return back.headers["Location"]


def start(client, municipality) -> str:
    response = client.get(reverse("core:sso_start", args=[municipality.slug]))
    assert response.status_code == 302
    return response["Location"]


def sso_login(client, municipality, username: str):
    callback = at_provider(start(client, municipality), username)
    parsed = urlparse(callback)
    assert parsed.path == reverse("core:sso_callback")
    return client.get(f"{parsed.path}?{parsed.query}")


@pytest.fixture
def utrecht(sso_idp, sso_secret):
    municipality = MunicipalityFactory()
    sso_idp.record(municipality, name="Gemeente Utrecht")
    return municipality


def _user(username: str) -> User:
    return User.objects.get(email=f"{username}@idp.test")


def _roles(user, municipality) -> set[str]:
    return set(
        Membership.objects.filter(user=user, municipality=municipality).values_list(
            "role", flat=True
        )
    )


def test_first_login_creates_the_account_and_the_mapped_role_and_mfa_counts(
    client, utrecht, sso_idp
):
    response = sso_login(client, utrecht, "anna")
    assert response.status_code == 302 and response["Location"] == "/"
    anna = _user("anna")
    identity = SsoIdentity.objects.get(user=anna)
    assert identity.issuer == sso_idp.issuer and identity.subject
    assert not anna.has_usable_password()
    assert _roles(anna, utrecht) == {Role.CASEWORKER}
    # The provider asserted a second factor (amr mfa): no TOTP step.
    page = client.get(f"/g/{utrecht.slug}/")
    assert page.status_code == 200
    actions = set(AuditEvent.objects.filter(actor=anna).values_list("action", flat=True))
    assert {"sso_login", "login", "second_factor_verified"} <= actions
    granted = AuditEvent.objects.get(action="membership_granted", municipality=utrecht)
    assert granted.extra["via"] == "sso" and granted.extra["user"] == anna.pk


def test_deactivating_the_account_ends_its_sso_session(client, utrecht):
    sso_login(client, utrecht, "anna")
    assert client.get(f"/g/{utrecht.slug}/").status_code == 200
    User.objects.filter(email="anna@idp.test").update(is_active=False)
    response = client.get(f"/g/{utrecht.slug}/")
    assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    client.logout()
    assert sso_login(client, utrecht, "anna").status_code == 403


def test_without_mfa_at_the_provider_omzien_asks_its_own_second_factor(client, utrecht):
    sso_login(client, utrecht, "bert")
    assert client.session.get("_auth_user_id")
    page = client.get(f"/g/{utrecht.slug}/")
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("core:two_factor"))


def test_acr_of_the_providers_list_counts_as_mfa(client, sso_idp, sso_secret):
    zeist = MunicipalityFactory()
    sso_idp.record(zeist, mfa_acr_values="urn:test:loa:hoog")
    sso_login(client, zeist, "dirk")
    assert _roles(_user("dirk"), zeist) == {Role.COORDINATOR}
    assert client.get(f"/g/{zeist.slug}/").status_code == 200


def test_acr_not_in_the_list_does_not_count(client, sso_idp, sso_secret):
    zeist = MunicipalityFactory()
    sso_idp.record(zeist)  # no acr values configured
    sso_login(client, zeist, "dirk")
    assert client.get(f"/g/{zeist.slug}/")["Location"].startswith(reverse("core:two_factor"))


def test_a_user_without_a_mapped_group_is_refused_and_gets_no_account(client, utrecht):
    response = sso_login(client, utrecht, "carla")
    assert response.status_code == 403
    text = response.content.decode()
    assert "geen rol in Omzien" in text and "Gemeente Utrecht" in text
    assert not User.objects.filter(email="carla@idp.test").exists()
    assert "_auth_user_id" not in client.session
    refused = AuditEvent.objects.get(action="sso_refused")
    assert refused.extra["reason"] == "no_role" and refused.municipality == utrecht


def test_a_role_removed_at_the_provider_is_revoked_at_the_next_login(client, utrecht, sso_idp):
    sso_login(client, utrecht, "eva")
    eva = _user("eva")
    assert _roles(eva, utrecht) == {Role.CASEWORKER, Role.COORDINATOR}
    # A role outside the table (given by an invitation) is not the provider's to revoke.
    invited = Membership.objects.create(user=eva, municipality=utrecht, role=Role.POLICY)
    try:
        sso_idp.set_groups("eva", ["omzien-welzijn", "amr:mfa"])
        client.logout()
        sso_login(client, utrecht, "eva")
        assert _roles(eva, utrecht) == {Role.CASEWORKER, Role.POLICY}
        revoked = AuditEvent.objects.get(action="membership_revoked")
        assert revoked.extra["role"] == Role.COORDINATOR and revoked.extra["via"] == "sso"

        sso_idp.set_groups("eva", ["amr:mfa"])
        client.logout()
        response = sso_login(client, utrecht, "eva")
        assert response.status_code == 403
        assert _roles(eva, utrecht) == {Role.POLICY}
        assert invited.pk and "_auth_user_id" not in client.session
        # The coordinator sees the grants and revocations on the roles page.
        coordinator = member(Role.COORDINATOR, utrecht)
        other = Client()
        login_verified(other, coordinator)
        page = other.get(f"/g/{utrecht.slug}/rollen/")
        assert page.status_code == 200
        assert page.content.decode().count("Rol ingetrokken") >= 2
    finally:
        sso_idp.set_groups("eva", ["omzien-welzijn", "omzien-kartrekker", "amr:mfa"])


def test_an_unknown_state_is_refused(client, utrecht):
    start(client, utrecht)
    response = client.get(reverse("core:sso_callback"), {"code": "abc", "state": "verzonnen"})
    assert response.status_code == 400
    assert "opnieuw op de inlogpagina" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="sso_refused").extra["reason"] == "state"


def test_a_callback_is_used_once(client, utrecht):
    callback = at_provider(start(client, utrecht), "anna")
    parsed = urlparse(callback)
    assert client.get(f"{parsed.path}?{parsed.query}").status_code == 302
    client.logout()
    assert client.get(f"{parsed.path}?{parsed.query}").status_code == 400


def test_a_token_with_another_nonce_is_refused(client, utrecht):
    authorize = start(client, utrecht)
    state = parse_qs(urlparse(authorize).query)["state"][0]
    session = client.session
    states = session["oidc_states"]
    states[state]["nonce"] = "een-andere-nonce"
    session["oidc_states"] = states
    session.save()
    callback = urlparse(at_provider(authorize, "anna"))
    response = client.get(f"{callback.path}?{callback.query}")
    assert response.status_code == 400
    assert "niet controleren" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email="anna@idp.test").exists()


def test_a_token_from_another_issuer_is_refused(client, sso_idp, sso_secret):
    leusden = MunicipalityFactory()
    sso_idp.record(leusden, issuer="https://idp.elders.example/openid")
    response = sso_login(client, leusden, "anna")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_platform_operator_never_logs_in_through_sso(client, sso_idp, sso_secret):
    houten = MunicipalityFactory()
    sso_idp.record(houten, link_verified_email=True)
    UserFactory(email="anna@idp.test", is_staff=True)
    response = sso_login(client, houten, "anna")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SsoIdentity.objects.exists()


def test_an_existing_account_with_the_same_email_is_not_taken_over(client, utrecht):
    existing = UserFactory(email="anna@idp.test")
    response = sso_login(client, utrecht, "anna")
    assert response.status_code == 403
    assert "al een account" in response.content.decode()
    assert not SsoIdentity.objects.filter(user=existing).exists()


def test_a_provider_that_links_verified_email_links_the_existing_account(
    client, sso_idp, sso_secret
):
    houten = MunicipalityFactory()
    sso_idp.record(houten, link_verified_email=True)
    existing = UserFactory(email="anna@idp.test")
    assert sso_login(client, houten, "anna").status_code == 302
    assert SsoIdentity.objects.get(user=existing).issuer == sso_idp.issuer
    assert _roles(existing, houten) == {Role.CASEWORKER}
    # The next login finds the account by issuer and subject, not by e-mail.
    existing.email = "anna.nieuw@gemeente.example"
    existing.save()
    client.logout()
    assert sso_login(client, houten, "anna").status_code == 302
    assert int(client.session["_auth_user_id"]) == existing.pk


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PROGRAMME])
def test_a_provider_never_links_an_account_with_a_role_elsewhere(client, sso_idp, sso_secret, role):
    houten, zeist = MunicipalityFactory(), MunicipalityFactory()
    sso_idp.record(houten, link_verified_email=True)
    # A coordinator of Zeist (or the programme team) with the address Houten's IdP asserts.
    existing = member(Role.CASEWORKER, houten, email="anna@idp.test")
    member(role, zeist, user=existing)
    response = sso_login(client, houten, "anna")
    assert response.status_code == 403
    assert "al een account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SsoIdentity.objects.exists()
    assert not AuditEvent.objects.filter(action="sso_account_linked").exists()
    refused = AuditEvent.objects.get(action="sso_refused")
    assert refused.extra["reason"] == "email_taken" and refused.municipality == houten


def test_an_account_with_roles_only_in_the_providers_municipality_is_linked(
    client, sso_idp, sso_secret
):
    houten = MunicipalityFactory()
    sso_idp.record(houten, link_verified_email=True)
    existing = member(Role.POLICY, houten, email="anna@idp.test")
    assert sso_login(client, houten, "anna").status_code == 302
    assert int(client.session["_auth_user_id"]) == existing.pk
    assert SsoIdentity.objects.get(user=existing).issuer == sso_idp.issuer
    # Not a role of the provider's table: the invitation's policy role stays.
    assert _roles(existing, houten) == {Role.POLICY, Role.CASEWORKER}


@pytest.mark.parametrize("username", ["carla", "anna"])  # no mapped role; e-mail taken
def test_a_refused_login_leaves_no_token_in_the_session(client, utrecht, username):
    UserFactory(email="anna@idp.test")
    assert sso_login(client, utrecht, username).status_code == 403
    keys = set(client.session.keys())  # a session is not iterable
    stored = {key for key in keys if key.startswith("oidc_")}
    assert stored <= {"oidc_states", "oidc_login_next"}, stored


def test_the_login_page_offers_each_enabled_provider(client, utrecht, sso_idp):
    off = MunicipalityFactory()
    sso_idp.record(off, name="Uitgezet", enabled=False)
    page = client.get(reverse("core:login")).content.decode()
    assert "Inloggen via Gemeente Utrecht" in page
    assert f'href="/account/sso/{utrecht.slug}/' in page
    assert "Uitgezet" not in page
    assert client.get(reverse("core:sso_start", args=[off.slug])).status_code == 404


def test_a_provider_whose_secret_is_missing_says_so(client, utrecht, monkeypatch):
    monkeypatch.delenv("OMZIEN_SSO_SECRET_TEST")
    response = client.get(reverse("core:sso_start", args=[utrecht.slug]))
    assert response.status_code == 503
    assert "kan nu niet" in response.content.decode()


def test_logout_ends_the_session_at_the_provider_too(client, utrecht, sso_idp):
    sso_login(client, utrecht, "anna")
    response = client.post(reverse("core:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    # A page of Omzien's own goes on to the provider (the form may not leave Omzien: CSP).
    assert response["Location"] == reverse("core:sso_logout")
    page = client.get(response["Location"])
    assert "Ook uitloggen bij Gemeente Utrecht" in page.content.decode()
    target = urlparse(page.context["url"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == sso_idp.endpoint("end_session")
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/account/inloggen/"]
    assert query["id_token_hint"][0].count(".") == 2
    # Once: a second visit goes to the login page.
    assert client.get(reverse("core:sso_logout"))["Location"].startswith(reverse("core:login"))
