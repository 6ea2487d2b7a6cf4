"""Login, the second factor, lockout and idle expiry."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core.roles import Role
from omzien.core.tests.factories import TEST_PASSWORD, MunicipalityFactory, UserFactory, member
from omzien.core.totp import current_code

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]


@pytest.fixture
def coordinator():
    """A coordinator with a password (TEST_PASSWORD): these tests log in through the form."""
    municipality = MunicipalityFactory()
    return member(Role.COORDINATOR, municipality, with_password=True), municipality


def login(client, user, password=TEST_PASSWORD):
    return client.post(reverse("core:login"), {"username": user.username, "password": password})


def test_wrong_password_shows_a_dutch_message_and_keeps_the_username(client, coordinator):
    user, _ = coordinator
    response = login(client, user, "fout-wachtwoord")
    assert response.status_code == 200
    body = response.content.decode()
    assert "kennen we niet" in body
    assert f'value="{user.username}"' in body


def test_personal_data_role_must_pass_the_second_factor(client, coordinator):
    user, municipality = coordinator
    assert login(client, user).status_code == 302
    home = reverse("core:municipality_home", args=[municipality.slug])
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:two_factor"))


def test_first_login_sets_up_the_app_then_lets_the_user_in(client, coordinator):
    user, municipality = coordinator
    login(client, user)
    home = reverse("core:municipality_home", args=[municipality.slug])
    page = client.get(reverse("core:two_factor"), {"next": home})
    assert page.context["setting_up"] is True
    assert page.context["secret"]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(
        reverse("core:two_factor"), {"token": current_code(device), "next": home}
    )
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(home).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_code_is_refused(client, coordinator):
    user, municipality = coordinator
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    login(client, user)
    response = client.post(reverse("core:two_factor"), {"token": "000000"})
    assert response.status_code == 200
    assert "klopt niet" in response.content.decode()
    home = reverse("core:municipality_home", args=[municipality.slug])
    assert client.get(home).status_code == 302


def test_reporter_needs_no_second_factor(client):
    municipality = MunicipalityFactory()
    user = member(Role.REPORTER, municipality, password=TEST_PASSWORD)
    login(client, user)
    assert (
        client.get(reverse("core:municipality_home", args=[municipality.slug])).status_code == 200
    )


@override_settings(TWO_FACTOR="off")
def test_demo_setting_switches_the_second_factor_off_and_shows_a_banner(client, coordinator):
    user, municipality = coordinator
    login(client, user)
    page = client.get(reverse("core:municipality_home", args=[municipality.slug]))
    assert page.status_code == 200
    assert "tweede inlogstap staat uit" in page.content.decode()


def test_no_banner_when_the_second_factor_is_on(client):
    page = client.get(reverse("core:login"))
    assert "tweede inlogstap staat uit" not in page.content.decode()


def test_lockout_after_repeated_failures(client, coordinator, settings):
    user, _ = coordinator
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, user, "fout-wachtwoord")
    response = login(client, user)  # right password, but locked
    assert response.status_code in (403, 429)
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_idle_session_expires(client, coordinator, settings):
    user, municipality = coordinator
    home = reverse("core:municipality_home", args=[municipality.slug])
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        from omzien.core.tests.factories import login_verified

        login_verified(client, user)
        assert client.get(home).status_code == 200
        traveller.shift(dt.timedelta(minutes=20))
        assert client.get(home).status_code == 200  # activity renews the session
        traveller.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        response = client.get(home)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:login"))


def test_password_reset_sends_a_link(client, coordinator, mailoutbox):
    user, _ = coordinator
    response = client.post(reverse("core:password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/account/wachtwoord-kiezen/" in mailoutbox[0].body


def test_passwords_are_hashed_with_argon2_in_production():
    # The test settings hash with MD5 (fast); production must hash new passwords with Argon2.
    production = importlib.import_module("omzien.settings")
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    argon2 = Argon2PasswordHasher()
    assert argon2.encode("Een-wachtwoord-2026", argon2.salt()).startswith("argon2$argon2id$")


def test_test_users_have_no_password_unless_they_ask_for_one(coordinator):
    user, _ = coordinator
    assert user.check_password(TEST_PASSWORD)
    assert not UserFactory().has_usable_password()
    assert UserFactory(password="Iets-anders-2026").check_password("Iets-anders-2026")


def test_login_with_email_address(client, coordinator):
    user, _ = coordinator
    response = client.post(
        reverse("core:login"), {"username": user.email.upper(), "password": TEST_PASSWORD}
    )
    assert response.status_code == 302


def test_page_language_is_dutch_even_for_an_english_browser(client):
    page = client.get(reverse("core:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="nl"' in page.content.decode()


def test_static_files_are_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("omzien/omzien.css")
    assert finders.find("vendor/htmx.org/htmx.min.js")
