"""Bad configuration stops the app with a message that names the problem."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.issue(2)


def start_django(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OMZIEN_", "DATABASE"))}
    environment.update(env)
    environment.setdefault("SECRET_KEY", "test-secret")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=environment | {"DJANGO_SETTINGS_MODULE": "omzien.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysqlx://x", "unsupported scheme"),
        ("postgres://user:pw@/", "needs a host and a database name"),
        ("postgres://user:pw@host:port/db", "port that is not a number"),
        ("sqlite://", "needs a file path"),
    ],
)
def test_malformed_database_url_is_named(url, message):
    result = start_django(DATABASE_URL=url)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr and message in result.stderr
    assert "pw" not in result.stderr.split("ImproperlyConfigured")[-1]


def test_two_factor_off_refuses_to_start_without_debug():
    result = start_django(OMZIEN_TWO_FACTOR="off", OMZIEN_DEBUG="0")
    assert result.returncode != 0
    assert "OMZIEN_TWO_FACTOR=off" in result.stderr


def test_two_factor_off_starts_in_debug_demo():
    result = start_django(OMZIEN_TWO_FACTOR="off", OMZIEN_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_missing_secret_key_is_named():
    result = start_django(SECRET_KEY="", OMZIEN_DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
