"""The login lockout holds on the account, whatever is typed; every address has a limit too;
password resets are limited; failed logins and lockouts are in the audit log."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import TEST_PASSWORD, MunicipalityFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

WRONG = "fout-wachtwoord-123"


@pytest.fixture
def user():
    return member(
        Role.COORDINATOR,
        MunicipalityFactory(),
        username="jvdberg",
        email="Jan.vdBerg@Example.nl",
        with_password=True,
    )


def attempt(client, username, password=WRONG, address="192.0.2.1"):
    return client.post(
        reverse("core:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_changing_the_letter_case_or_using_the_username_does_not_dodge_the_lock(
    client, user, settings
):
    variants = [
        "jan.vdberg@example.nl",
        "JAN.VDBERG@EXAMPLE.NL",
        "jvdberg",
        "JVDBerg",
        "Jan.vdBerg@Example.nl",
    ]
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, variants[n % len(variants)], address=f"192.0.2.{n + 1}")
    # The right password, typed yet another way, from yet another address: still locked.
    response = attempt(client, " jan.VDBERG@example.NL ", TEST_PASSWORD, address="198.51.100.7")
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {f"user:{user.pk}"}


def test_an_unknown_name_is_counted_in_lower_case(client, db):
    attempt(client, "Niemand@Example.NL")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["niemand@example.nl"]


@override_settings(OMZIEN_LOGIN_IP_FAILURE_LIMIT=3)
def test_one_address_trying_many_accounts_is_stopped(client, user):
    for n in range(3):
        attempt(client, f"iemand{n}@example.nl")
    response = attempt(client, user.username, TEST_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    assert attempt(client, user.username, TEST_PASSWORD, address="198.51.100.9").status_code == 302


def test_failed_logins_and_the_lockout_are_audited_without_password_or_name(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email.upper())
    attempt(client, "onbekend-persoon@example.nl")
    failed = AuditEvent.objects.filter(action="login_failed")
    assert failed.count() == settings.AXES_FAILURE_LIMIT + 1
    known = failed.filter(object_id=str(user.pk))
    assert known.count() == settings.AXES_FAILURE_LIMIT
    assert known.first().object_type == "core.user"
    assert failed.filter(extra__known_account=False).count() == 1
    locked = AuditEvent.objects.filter(action="login_locked_out")
    assert locked.filter(object_id=str(user.pk)).exists()
    everything = str(list(AuditEvent.objects.values()))
    for secret in (WRONG, TEST_PASSWORD, "onbekend-persoon", "example.nl", "192.0.2.1"):
        assert secret not in everything


@override_settings(OMZIEN_PASSWORD_RESET_ACCOUNT_RATE="2/h")
def test_password_resets_are_limited_per_account(client, user, mailoutbox):
    url = reverse("core:password_reset")
    for n, typed in enumerate([user.email, user.email.upper()]):
        response = client.post(url, {"email": typed}, REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert response.status_code == 302
    response = client.post(url, {"email": user.email.lower()}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 429
    assert "te vaak" in response.content.decode()
    assert user.email.lower() in response.content.decode()  # what was typed is kept
    assert len(mailoutbox) == 2
    assert AuditEvent.objects.filter(action="password_reset_limited").exists()


@override_settings(OMZIEN_PASSWORD_RESET_IP_RATE="3/h")
def test_password_resets_are_limited_per_address(client, db):
    url = reverse("core:password_reset")
    for n in range(3):
        assert client.post(url, {"email": f"p{n}@example.nl"}).status_code == 302
    assert client.post(url, {"email": "p9@example.nl"}).status_code == 429
