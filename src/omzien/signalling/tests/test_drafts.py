"""Drafts of the public forms are bounded per session and expire (issue 8, item 20): at most
MAX_DRAFTS per session (the oldest dropped), and one older than DRAFT_MAX_AGE is gone, for the
signal form and the self-referral page alike (signalling/public/drafts.py)."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from omzien.core.tests.factories import MunicipalityFactory
from omzien.signalling.public.common import DRAFT_PREFIX
from omzien.signalling.public.drafts import DRAFT_MAX_AGE, MAX_DRAFTS
from omzien.signalling.tests.factories import go_live, zeist

pytestmark = [pytest.mark.issue(8), pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _live_and_no_limits(settings):
    # Sessions outlive a draft here (a long idle limit, or a session kept alive all day), so
    # what ends a draft is its own age, not the end of the session.
    settings.SESSION_COOKIE_AGE = 3 * DRAFT_MAX_AGE
    go_live(zeist())
    cache.clear()
    yield
    cache.clear()


def form_url(slug: str) -> str:
    return reverse("signalling:signal_form", kwargs={"municipality_slug": slug})


def self_url(slug: str) -> str:
    return reverse("signalling:self_referral", kwargs={"municipality_slug": slug})


def draft_keys(client) -> list[str]:
    # A session is no dict: it has keys() but no iteration.
    return [key for key in client.session.keys() if key.startswith(DRAFT_PREFIX)]  # noqa: SIM118


def start_draft(client, url: str, name: str) -> None:
    """Step 1 with a name but no address: kept as a draft, not sent."""
    answer = client.post(url, {"step": 1, "action": "next", "person_name": name})
    assert answer.status_code == 200


def test_a_session_keeps_at_most_five_drafts_dropping_the_oldest(client):
    slugs = []
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)) as traveller:
        for number in range(MAX_DRAFTS + 2):
            municipality = go_live(MunicipalityFactory())
            slugs.append(municipality.slug)
            start_draft(client, form_url(municipality.slug), f"Persoon {number}")
            traveller.shift(dt.timedelta(minutes=1))
        assert len(draft_keys(client)) == MAX_DRAFTS
        # The two oldest are gone, the newest five kept.
        assert "Persoon 0" not in client.get(form_url(slugs[0])).content.decode()
        assert "Persoon 1" not in client.get(form_url(slugs[1])).content.decode()
        assert 'value="Persoon 6"' in client.get(form_url(slugs[6])).content.decode()
        assert 'value="Persoon 2"' in client.get(form_url(slugs[2])).content.decode()


def test_a_signal_form_draft_older_than_the_limit_is_dropped(client):
    url = form_url("zeist")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)) as traveller:
        start_draft(client, url, "Mevrouw Jansen")
        traveller.shift(dt.timedelta(seconds=DRAFT_MAX_AGE - 60))
        assert 'value="Mevrouw Jansen"' in client.get(url).content.decode()
        traveller.shift(dt.timedelta(seconds=DRAFT_MAX_AGE + 60))
        assert "Mevrouw Jansen" not in client.get(url).content.decode()
        assert draft_keys(client) == []


def test_saving_again_renews_a_draft(client):
    url = form_url("zeist")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)) as traveller:
        start_draft(client, url, "Eerste versie")
        traveller.shift(dt.timedelta(seconds=DRAFT_MAX_AGE - 60))
        start_draft(client, url, "Tweede versie")
        traveller.shift(dt.timedelta(seconds=120))
        assert 'value="Tweede versie"' in client.get(url).content.decode()


def test_a_self_referral_draft_expires_and_counts_towards_the_bound(client):
    url = self_url("zeist")
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)) as traveller:
        assert client.post(url, {"postcode": "", "name": "Henk"}).status_code == 200
        assert 'value="Henk"' in client.get(url).content.decode()
        for _ in range(MAX_DRAFTS):
            traveller.shift(dt.timedelta(minutes=1))
            start_draft(client, form_url(go_live(MunicipalityFactory()).slug), "Iemand")
        assert len(draft_keys(client)) == MAX_DRAFTS
        assert 'value="Henk"' not in client.get(url).content.decode()  # the oldest went

        assert client.post(url, {"postcode": "", "name": "Henk"}).status_code == 200
        traveller.shift(dt.timedelta(seconds=DRAFT_MAX_AGE + 60))
        assert 'value="Henk"' not in client.get(url).content.decode()
