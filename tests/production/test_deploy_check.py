"""The documented production environment passes Django's deployment check (issue 13).

``manage.py check --deploy`` runs in a fresh process with exactly docs/examples/omzien.env (and
the generated SECRET_KEY the file asks for), as an operator would start Omzien."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from processes import REPO, documented_environment, read_env_file

pytestmark = pytest.mark.issue(13)


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    env = documented_environment(PYTHONPATH=str(REPO / "src"), **overrides)
    return subprocess.run(
        [sys.executable, "-m", "omzien.manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_environment_gives_no_warning():
    result = check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"System check identified no issues \(\d+ silenced\)", result.stdout)


def test_the_check_notices_a_weakened_environment():
    # Without HSTS and without the redirect to HTTPS the same check warns: it is not blind.
    result = check_deploy(OMZIEN_HSTS_SECONDS="0", OMZIEN_SSL_REDIRECT="false")

    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr


def test_a_proxy_header_that_is_no_request_header_is_refused():
    result = check_deploy(OMZIEN_PROXY_SSL_HEADER="X-Forwarded-Proto")

    assert result.returncode != 0
    assert "OMZIEN_PROXY_SSL_HEADER must be a request header" in result.stderr


def test_every_variable_of_the_example_is_documented():
    documented = (REPO / "docs" / "configuration.md").read_text()

    missing = [key for key in read_env_file() if f"`{key}`" not in documented]

    assert missing == []
