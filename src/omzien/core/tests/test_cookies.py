"""The session and CSRF cookies carry the flags docs/configuration.md promises: HttpOnly,
SameSite=Lax, and Secure unless OMZIEN_SECURE_COOKIES (or debug) turns it off."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = [pytest.mark.issue(8), pytest.mark.django_db]

FLAGS = (
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
)


def flags_of(**env) -> dict:
    """The cookie settings of a fresh process started with production settings and ``env``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OMZIEN_", "DATABASE"))}
    environment.update({"SECRET_KEY": "test-secret", **env})
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {FLAGS!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment | {"DJANGO_SETTINGS_MODULE": "omzien.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_csrf_cookie_has_the_session_cookies_flags_in_production():
    flags = flags_of()
    assert flags["CSRF_COOKIE_HTTPONLY"] is True
    assert flags["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert flags["CSRF_COOKIE_SECURE"] is True
    assert flags["SESSION_COOKIE_HTTPONLY"] is True
    assert flags["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert flags["SESSION_COOKIE_SECURE"] is True


def test_secure_cookies_can_be_switched_off_for_both():
    flags = flags_of(OMZIEN_SECURE_COOKIES="0")
    assert flags["CSRF_COOKIE_SECURE"] is False
    assert flags["SESSION_COOKIE_SECURE"] is False
    assert flags["CSRF_COOKIE_HTTPONLY"] is True


def test_the_csrf_cookie_is_sent_httponly_lax_and_secure(client):
    response = client.get(reverse("core:login"))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True
