"""Who may plan, download and confirm letters (issue 11, item 3): the coordinator of the
municipality only; a volunteer, policy staff and another municipality cannot. The letter
settings are the municipality's own, and a wrong time is refused in Dutch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.visits.models import VisitAddress, VisitSettings
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]


def _url(name, town, **kwargs):
    return reverse(f"visits:{name}", kwargs={"municipality_slug": town.slug, **kwargs})


@pytest.fixture
def world(small_municipality):
    town = small_municipality.municipality
    round = visit_round(town)
    walker = volunteer(town)
    planned = address(round, volunteer=walker, proposed_at=timezone.now() + dt.timedelta(7))
    return town, round, walker, planned


def _letter_urls(town, round, walker, planned):
    return [
        _url("letters_letter", town, pk=planned.pk),
        _url("letters_batch", town, pk=round.pk),
        _url("letters_cards", town, pk=walker.pk),
    ]


def test_the_assigned_volunteer_and_policy_staff_cannot_download_or_plan(client, world):
    town, round, walker, planned = world
    for user in (walker.user, member(Role.POLICY, town)):
        login_verified(client, user)
        for url in _letter_urls(*world):
            assert client.get(url).status_code == 403, url
        for name in ("letters_plan", "letters_confirm_sent"):
            assert client.post(_url(name, town, pk=round.pk), {"versie": "x"}).status_code == 403
    planned.refresh_from_db()
    assert planned.letter_sent_at is None
    assert not AuditEvent.objects.filter(action__startswith="visit_letter").exists()


def test_another_municipality_gets_nothing(client, world):
    town, round, walker, planned = world
    other = MunicipalityFactory()
    login_verified(client, member(Role.COORDINATOR, other))
    # Under its own slug: the foreign round, address and volunteer are not found.
    for url in _letter_urls(other, round, walker, planned):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("letters_plan", other, pk=round.pk)).status_code == 404
    # Under the foreign slug: no role there.
    for url in _letter_urls(*world):
        assert client.get(url).status_code == 404, url
    assert not AuditEvent.objects.filter(action__startswith="visit_letter").exists()


def test_the_coordinator_sets_the_letter_settings_and_a_wrong_time_is_refused(
    client, small_municipality
):
    town = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, town))
    url = reverse("core:municipality_settings", kwargs={"municipality_slug": town.slug})
    values = {
        "onderdeel": "brieven",
        "brieven-letter_sender": "Team Omzien, gemeente Proefdorp",
        "brieven-letter_contact": "Bel 0592 000 000.",
        "brieven-letter_window": "right",
        "brieven-visit_slot_times": "10 uur",
        "brieven-letter_lead_days": "3",
    }
    refused = client.post(url, values)
    assert refused.status_code == 422
    assert "Dit is geen tijd: 10." in refused.content.decode()
    assert 'value="Team Omzien, gemeente Proefdorp"' in refused.content.decode()
    assert not VisitSettings.objects.filter(municipality=town).exists()
    saved = client.post(url, {**values, "brieven-visit_slot_times": "14:00, 9.30"})
    assert saved.status_code == 302
    stored = VisitSettings.objects.get(municipality=town)
    assert (stored.visit_slot_times, stored.letter_lead_days) == ("09:30, 14:00", 3)
    assert stored.letter_window == "right"
    assert AuditEvent.objects.filter(action="visit_letter_settings_changed").exists()


def test_a_closed_round_is_not_planned(client, world):
    town, round, walker, planned = world
    round.status = "closed"
    round.save()
    waiting = address(round, volunteer=walker)
    login_verified(client, member(Role.COORDINATOR, town))
    response = client.post(_url("letters_plan", town, pk=round.pk), follow=True)
    assert "Een gesloten ronde wordt niet meer gepland." in response.content.decode()
    assert VisitAddress.objects.get(pk=waiting.pk).proposed_at is None


def test_a_closed_round_sends_no_more_letters(client, world):
    """Review of issue 11: after closing, no batch to print and no letters marked as sent."""
    from omzien.visits.letters.queries import parts_of

    town, round, walker, planned = world
    assert len(parts_of(round)) == 1
    version = parts_of(round)[0].version
    round.status = "closed"
    round.save()
    assert parts_of(round) == []
    login_verified(client, member(Role.COORDINATOR, town))
    client.post(_url("letters_confirm_sent", town, pk=round.pk), {"versie": version})
    assert VisitAddress.objects.get(pk=planned.pk).letter_sent_at is None


def test_no_letter_names_a_volunteer_whose_vog_expired_after_planning(world):
    """Review of issue 11: the letter names who comes; a volunteer who may no longer visit
    (the scope rule hides the address from them) is not announced."""
    from omzien.visits.letters.queries import parts_of

    _town, round, walker, planned = world
    assert parts_of(round)[0].ids == (planned.pk,)
    walker.vog_valid_until = timezone.localdate() - dt.timedelta(days=1)
    walker.save()
    assert parts_of(round) == []
