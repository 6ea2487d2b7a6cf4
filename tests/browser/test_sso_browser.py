"""Single sign-on in Chromium (issue 13, item 3): the login page's button, the provider's own
login and consent pages (django-oidc-provider in its own process, tests/sso_provider/), and
back in Omzien: logged in with the mapped role; the TOTP step only when the provider did not
assert a second factor; a user without a mapped group refused with a Dutch page."""

from __future__ import annotations

import re

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django_otp.plugins.otp_totp.models import TOTPDevice
from sso_provider.setup import PASSWORD

from omzien.core.models import Membership, User
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory
from omzien.core.totp import current_code

pytestmark = pytest.mark.issue(13)


@pytest.fixture
def site(transactional_db, live_url, sso_idp, sso_secret):
    cache.clear()
    sso_idp.allow_redirect(f"{live_url}/account/sso-terug/")
    municipality = MunicipalityFactory(name="Testdorp")
    sso_idp.record(municipality, name="Gemeente Testdorp")
    return live_url, municipality


def via_provider(page, base: str, username: str) -> None:
    """From Omzien's login page through the provider's login and consent pages."""
    page.goto(f"{base}/account/inloggen/")
    page.get_by_role("link", name="Inloggen via Gemeente Testdorp").click()
    page.wait_for_url(re.compile(r".*/login/.*"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(lambda url: url.startswith(base))


def test_login_page_offers_sso_and_mfa_at_the_provider_skips_the_totp_step(page, site):
    base, municipality = site
    page.goto(f"{base}/account/inloggen/")
    assert_accessible(page, "inlogpagina met een knop voor SSO")
    via_provider(page, base, "anna")
    assert "/account/tweede-stap/" not in page.url
    page.goto(f"{base}/g/{municipality.slug}/")
    assert "/account/" not in page.url
    assert page.get_by_role("heading", level=1).first.is_visible()
    anna = User.objects.get(email="anna@idp.test")
    assert set(Membership.objects.filter(user=anna).values_list("role", flat=True)) == {
        Role.CASEWORKER
    }


def test_without_mfa_at_the_provider_the_totp_step_is_set_up(page, site):
    base, municipality = site
    via_provider(page, base, "bert")
    assert "/account/tweede-stap/" in page.url
    assert page.get_by_role("heading", name="Tweede stap: code uit uw app").is_visible()
    device = TOTPDevice.objects.get(user__email="bert@idp.test", confirmed=False)
    page.get_by_label("Code uit uw app").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(lambda url: "/account/tweede-stap/" not in url)
    page.goto(f"{base}/g/{municipality.slug}/")
    assert "/account/" not in page.url


def test_a_user_without_a_mapped_group_sees_why_in_dutch(page, site):
    base, _municipality = site
    via_provider(page, base, "carla")
    message = page.get_by_test_id("sso-refused")
    assert "geen rol in Omzien" in message.inner_text()
    assert_accessible(page, "SSO geweigerd")
    assert not User.objects.filter(email="carla@idp.test").exists()


def test_logging_out_also_ends_the_session_at_the_provider(page, site):
    base, _municipality = site
    via_provider(page, base, "anna")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{base}/account/inloggen/")
    assert page.get_by_text("U bent uitgelogd").is_visible()
    # The provider forgot anna too: the next SSO login asks for her password again.
    page.get_by_role("link", name="Inloggen via Gemeente Testdorp").click()
    page.wait_for_url(re.compile(r".*/login/.*"))
    assert page.get_by_label("Password").is_visible()
