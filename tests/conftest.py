"""Fixtures shared by tests/ (the browser tests have their own conftest as well).

``sso_idp`` (session): a real OpenID Connect provider, django-oidc-provider in its own process
(tests/sso_provider/). When it cannot start the tests that need it are skipped locally and
fail under CI=true.
"""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def sso_idp():
    from sso_provider.launch import Provider

    try:
        provider = Provider().start("http://testserver/account/sso-terug/")
    except Exception as exc:  # the reason goes into the skip or failure
        message = f"The test OIDC provider (django-oidc-provider) did not start: {exc}"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    try:
        yield provider
    finally:
        provider.stop()


@pytest.fixture
def sso_secret(monkeypatch):
    """The client secret where the provider record says it is: an environment variable."""
    from sso_provider.launch import CLIENT_SECRET, SECRET_ENV

    monkeypatch.setenv(SECRET_ENV, CLIENT_SECRET)
    return CLIENT_SECRET
