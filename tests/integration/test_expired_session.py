"""An expired session loses nothing (issue 8, item 5): htmx goes to the login page as a whole
page, the typed text is kept and restored after logging in (for the same user only), and the
user returns to the page they were on, not to a POST-only URL."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import time_machine
from django.conf import settings

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NOTE = "Mevrouw belde terug: ze wil graag naar de koffieochtend in de wijk."


@pytest.fixture
def case_and_worker():
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    worker = member(Role.CASEWORKER, municipality)
    case = file_signal(municipality).case
    services.assign_case(actor=coordinator, case=case, caseworker=worker)
    page = f"/g/{municipality.slug}/meldingen/{case.pk}/"
    return case, worker, page


def expire(traveller) -> None:
    traveller.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))


def kept_json(page: str) -> dict:
    match = re.search(
        r'<script id="omzien-kept-input" type="application/json">(.*?)</script>', page
    )
    assert match, "no kept input on the page"
    return json.loads(match.group(1))


def test_an_htmx_action_after_expiry_goes_to_login_and_keeps_the_note(client, case_and_worker):
    case, worker, page = case_and_worker
    with time_machine.travel(START, tick=False) as traveller:
        login_verified(client, worker)
        assert client.get(page).status_code == 200
        expire(traveller)
        answer = client.post(
            f"{page}gesprek/",
            {"notitie-text": NOTE},
            HTTP_HX_REQUEST="true",
            HTTP_HX_CURRENT_URL=f"http://testserver{page}",
        )
        # Not the login page inside the case page: the browser goes there as a whole page.
        assert answer.status_code == 204 and not answer.content
        assert (
            answer["HX-Redirect"]
            == f"/account/inloggen/?next={page.replace('/', '%2F')}&verlopen=1"
        )
        login_page = client.get(answer["HX-Redirect"]).content.decode()
        assert "Uw sessie is verlopen" in login_page
        # Logging in again (the session keeps what was typed), then back to the case page.
        login_verified(client, worker)
        back = client.get(page).content.decode()
        assert 'data-testid="kept-input"' in back
        kept = kept_json(back)
        assert kept["fields"]["notitie-text"] == [NOTE]
        assert kept["action"] == f"{page}gesprek/"
        assert NOTE in back  # shown to copy, also without JavaScript
        # Once only.
        assert 'data-testid="kept-input"' not in client.get(page).content.decode()
    assert not case.events.filter(text=NOTE).exists()  # nothing was saved behind their back


def test_a_plain_form_post_after_expiry_returns_to_the_page_not_the_action(client, case_and_worker):
    _case, worker, page = case_and_worker
    with time_machine.travel(START, tick=False) as traveller:
        login_verified(client, worker)
        expire(traveller)
        answer = client.post(
            f"{page}gesprek/",
            {"notitie-text": NOTE},
            HTTP_REFERER=f"http://testserver{page}",
        )
        assert answer.status_code == 302
        assert answer["Location"].startswith("/account/inloggen/?next=")
        assert "gesprek" not in answer["Location"] and "verlopen=1" in answer["Location"]


def test_someone_else_logging_in_on_that_browser_does_not_get_the_text(client, case_and_worker):
    _case, worker, page = case_and_worker
    colleague = member(Role.CASEWORKER, zeist())
    with time_machine.travel(START, tick=False) as traveller:
        login_verified(client, worker)
        expire(traveller)
        client.post(
            f"{page}gesprek/",
            {"notitie-text": NOTE},
            HTTP_HX_REQUEST="true",
            HTTP_HX_CURRENT_URL=f"http://testserver{page}",
        )
        login_verified(client, colleague)
        response = client.get(page)
        assert NOTE not in response.content.decode()


def test_a_get_after_expiry_comes_back_to_itself(client, case_and_worker):
    _case, worker, page = case_and_worker
    with time_machine.travel(START, tick=False) as traveller:
        login_verified(client, worker)
        expire(traveller)
        answer = client.get(page)
        assert answer["Location"].endswith(f"?next={page.replace('/', '%2F')}&verlopen=1")


def test_someone_who_never_logged_in_is_not_told_the_session_expired(client, case_and_worker):
    _case, _worker, page = case_and_worker
    answer = client.get(page)
    assert answer.status_code == 302 and "verlopen" not in answer["Location"]


def test_pages_carry_the_idle_timeout_for_the_warning(client, case_and_worker):
    _case, worker, page = case_and_worker
    login_verified(client, worker)
    html = client.get(page).content.decode()
    assert f'<meta name="omzien-idle-seconds" content="{settings.SESSION_COOKIE_AGE}">' in html
    assert 'id="omzien-idle-warning"' in html and "Ingelogd blijven" in html
    assert client.get("/account/actief/").json()["ok"] is True
