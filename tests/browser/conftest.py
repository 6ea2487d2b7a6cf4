"""Browser-test harness: a real Chromium driven by Playwright (sync API).

Fixtures:
  browser     (session)  the launched Chromium (playwright.sync_api.Browser)
  page        (function) a fresh context + page: 1280x800, locale nl-NL
  phone_page  (function) a fresh context + page: 390x844, mobile, touch, locale nl-NL
  live_url    (function) base URL of pytest-django's live_server (sets up the test database)
  sign_in     (function) sign_in(page, base, username): log in, second factor when asked

Every test collected under tests/browser/ gets the `browser` marker, so
`pytest -m "not browser"` (make test-fast) leaves them out.

Chromium: /usr/bin/chromium (Debian package `chromium`), or the path in $OMZIEN_CHROMIUM.
When it is missing the browser tests are skipped locally and fail under CI=true.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an asyncio event loop in the main thread; Django would then
# refuse ORM calls made by the test itself (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER_DIR = Path(__file__).resolve().parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 15_000
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "nl-NL"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees the whole session's items, not only this directory's.
    # tryfirst: add the marker before `-m "not browser"` deselects.
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def chromium_path() -> str:
    return os.environ.get("OMZIEN_CHROMIUM") or DEFAULT_CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        message = (
            f"Chromium not found at {executable}: install it (apt-get install chromium) "
            "or point OMZIEN_CHROMIUM at a Chromium/Chrome binary"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


def _new_page(browser: Any, options: dict[str, Any]) -> Iterator[Any]:
    context = browser.new_context(**options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from _new_page(browser, DESKTOP)


@pytest.fixture
def phone_page(browser: Any) -> Iterator[Any]:
    yield from _new_page(browser, PHONE)


@pytest.fixture
def live_url(request: pytest.FixtureRequest) -> str:
    # Looked up lazily, so the harness's own tests run without pytest-django (-p no:django).
    live_server = request.getfixturevalue("live_server")
    return live_server.url.rstrip("/")


class SignIn:
    """Logging in as in the browser: the password step, then (when the login asks for it) the
    second factor with the current code of the user's confirmed device. Its last used code is
    forgotten first, so the same account may log in twice within one 30-second window."""

    def __call__(self, page: Any, base: str, username: str, password: str | None = None) -> None:
        """Open the login page and log in (see ``here``)."""
        page.goto(f"{base}/account/inloggen/")
        self.here(page, username, password)

    def here(self, page: Any, username: str, password: str | None = None) -> None:
        """Log in on the login page the browser is on; return once it has left the login
        pages."""
        self.password_step(page, username, password)
        page.wait_for_url(lambda url: "/account/inloggen/" not in url)
        if "/account/tweede-stap/" in page.url:
            self.second_step(page, username)
            page.wait_for_url(lambda url: "/account/tweede-stap/" not in url)

    @staticmethod
    def password_step(page: Any, username: str, password: str | None = None) -> None:
        """Fill in the login page the browser is on and press "Inloggen" (no waiting)."""
        from omzien.core.demo import DEMO_PASSWORD

        page.get_by_label("Gebruikersnaam of e-mailadres").fill(username)
        page.get_by_label("Wachtwoord").fill(password or DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()

    @staticmethod
    def code(username: str) -> str:
        """The current second-factor code of ``username`` (its last used code forgotten)."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from omzien.core.totp import current_code

        TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
        return current_code(TOTPDevice.objects.get(user__username=username, confirmed=True))

    def second_step(self, page: Any, username: str) -> None:
        """Fill in the second-factor page the browser is on and press "Bevestigen"."""
        page.get_by_label("Code uit uw app").fill(self.code(username))
        page.get_by_role("button", name="Bevestigen").click()


@pytest.fixture
def sign_in() -> SignIn:
    """``sign_in(page, base, username[, password])``: log in (the demo password unless given;
    the second factor when asked). ``sign_in.here``, ``.password_step`` and ``.second_step``
    for a test that starts elsewhere or looks at the pages in between."""
    return SignIn()
