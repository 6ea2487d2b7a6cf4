"""Conversation guidance in the flow (issue 8, item 12): reporters before and after
reporting, caseworkers before the first contact; texts per municipality."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.models import SignallingSettings
from omzien.signalling.templatetags.guides import as_guide
from omzien.signalling.tests.factories import file_signal, go_live, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]


@pytest.fixture(autouse=True)
def _open():
    cache.clear()
    go_live()


def test_the_reporter_sees_the_guidance_before_and_after_reporting(client):
    first = client.get("/melden/zeist/").content.decode()
    assert 'data-testid="reporter-guide"' in first and "Beloof niets" in first
    client.post("/melden/zeist/", {"step": 1, "postcode": "3701 AB", "house_number": "3"})
    client.post("/melden/zeist/", {"step": 2, "concern": "Ik zie haar niet meer."})
    answer = client.post("/melden/zeist/", {"step": 3})
    received = client.get(answer["Location"]).content.decode()
    assert 'data-testid="reporter-guide" open' in received and "Begin klein" in received


def test_the_municipality_writes_its_own_guidance(client):
    SignallingSettings.objects.filter(municipality=zeist()).update(
        reporter_guide="Bel bij twijfel eerst de buurtwerker.\n- Vraag naar de <b>kat</b>."
    )
    page = client.get("/melden/zeist/").content.decode()
    assert "Bel bij twijfel eerst de buurtwerker." in page
    assert "<li>Vraag naar de &lt;b&gt;kat&lt;/b&gt;.</li>" in page  # escaped, a list item


def test_the_caseworker_gets_the_first_contact_guide_until_contact_is_made(client):
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    worker = member(Role.CASEWORKER, municipality)
    case = file_signal().case
    services.assign_case(actor=coordinator, case=case, caseworker=worker)
    login_verified(client, worker)
    page = client.get(f"/g/zeist/meldingen/{case.pk}/").content.decode()
    assert 'data-testid="first-contact-guide"' in page and "Zeg nooit wie" in page
    services.log_attempt(actor=worker, case=case, method="phone", reached=True)
    page = client.get(f"/g/zeist/meldingen/{case.pk}/").content.decode()
    assert 'data-testid="first-contact-guide"' not in page


def test_guide_text_becomes_paragraphs_and_lists():
    html = as_guide("Intro\n- een\n- twee\nSlot & zo")
    assert html == "<p>Intro</p><ul><li>een</li><li>twee</li></ul><p>Slot &amp; zo</p>"
