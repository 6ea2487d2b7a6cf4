"""The visit form at the door (issue 11, item 5): what a volunteer and the coordinator notice
when they record a visit, and who may not."""

from __future__ import annotations

import re
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.signalling.models import Case, Channel, Signal
from omzien.socialmap.tests.factories import initiative
from omzien.visits.door.services import record_visit
from omzien.visits.models import VisitAddress, VisitAttempt, VisitReport, VisitSettings
from omzien.visits.tests.factories import address, visit_round, volunteer

pytestmark = [pytest.mark.django_db, pytest.mark.issue(11)]

#: The 6 items answered in the lonely direction: "ja" to 3, 9, 10; "nee" to 4, 7, 8.
LONELY = {"3": "ja", "9": "ja", "10": "ja", "4": "nee", "7": "nee", "8": "nee"}


@pytest.fixture
def door(small_municipality):
    town = small_municipality.municipality
    running = visit_round(town)
    mine = volunteer(town)
    home = address(
        running, volunteer=mine, district=small_municipality.districts[1], postcode="9920AB",
        house_number=7, surname="Bakker", initials="T.",
    )  # fmt: skip
    return town, running, mine, home


def _url(address_):
    return reverse(
        "visits:visit_form",
        kwargs={"municipality_slug": address_.municipality.slug, "pk": address_.pk},
    )


def _post(client, address_, **fields):
    data = {
        "client_id": str(uuid.uuid4()),
        "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "outcome": "visited",
        "follow_up": "none",
        **fields,
    }
    return client.post(_url(address_), data)


def _visited(**report):
    return {"follow_up": "none", "consent": False, **report}


def test_the_volunteer_opens_an_own_address_with_the_guide_and_only_the_door_fields(client, door):
    town, _round, mine, home = door
    VisitSettings.objects.create(municipality=town, conversation_guide="Stel uzelf voor.")
    login_verified(client, mine.user)
    page = client.get(_url(home))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Gespreksleidraad" in text and "Stel uzelf voor." in text
    assert "Bakker" in text and "Teststraat 7" in text
    assert "1945" not in text  # no date of birth at the door
    assert "Ik ervaar een leegte om me heen." in text
    assert AuditEvent.objects.filter(action="visit_address_opened", object_id=str(home.pk))


def test_help_with_consent_becomes_a_signal_for_the_district_team(client, door):
    town, running, mine, home = door
    login_verified(client, mine.user)
    response = _post(
        client, home, follow_up="help", consent="yes", contact_phone="06 1234 5678",
        someone_to_talk="no", wants_more_contact="yes", barriers=["transport"],
        wants_activities=["meeting"], life_satisfaction="5",
        **{f"scale_{n}": answer for n, answer in LONELY.items()},
    )  # fmt: skip
    assert response.status_code == 302
    report = VisitReport.objects.get(attempt__address=home)
    assert (report.scale_total, report.scale_emotional, report.scale_social) == (6, 3, 3)
    assert report.is_lonely is True
    signal = Signal.objects.get(pk=report.signal_id)
    assert signal.channel == Channel.HOME_VISIT
    assert signal.person_aware == "yes" and signal.reporter == mine.user
    assert signal.person_name == "T. Bakker" and signal.postcode.replace(" ", "") == "9920AB"
    assert "06 1234 5678" in signal.concern and "geen vervoer" in signal.concern
    assert "leegte" not in signal.concern and "ja" not in signal.concern.split()
    assert signal.case.team.name == "Team Midden"
    page = client.get(response["Location"])
    assert "doorgegeven aan een welzijnswerker" in page.content.decode()


def test_help_without_consent_makes_no_signal_and_says_so(client, door):
    _town, _round, mine, home = door
    login_verified(client, mine.user)
    response = _post(client, home, follow_up="help", consent="no")
    assert response.status_code == 302
    report = VisitReport.objects.get(attempt__address=home)
    assert report.signal_id is None and report.consent is False
    assert not Signal.objects.exists() and not Case.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Er is geen melding gemaakt: de inwoner gaf geen toestemming." in page


def test_the_same_client_id_twice_stores_one_attempt_and_one_signal(door):
    _town, _round, mine, home = door
    client_id = uuid.uuid4()
    report = _visited(follow_up="help", consent=True)
    first = record_visit(
        actor=mine.user, address=home, client_id=client_id, at=timezone.now(),
        outcome="visited", report=report,
    )  # fmt: skip
    again = record_visit(
        actor=mine.user, address=home, client_id=client_id, at=timezone.now(),
        outcome="not_home", report=None,
    )  # fmt: skip
    assert again.replayed and again.attempt.pk == first.attempt.pk
    assert VisitAttempt.objects.count() == 1 and Signal.objects.count() == 1
    home.refresh_from_db()
    assert home.attempts == 1 and home.last_outcome == "visited"
    assert home.status == VisitAddress.Status.DONE


def test_not_home_is_retried_until_the_municipalitys_number_of_attempts(door):
    town, running, mine, home = door
    VisitSettings.objects.create(municipality=town, max_attempts=2)
    record_visit(actor=mine.user, address=home, client_id=uuid.uuid4(), at=timezone.now(),
                 outcome="not_home")  # fmt: skip
    home.refresh_from_db()
    assert (home.attempts, home.status) == (1, VisitAddress.Status.TO_VISIT)
    record_visit(actor=mine.user, address=home, client_id=uuid.uuid4(), at=timezone.now(),
                 outcome="not_home")  # fmt: skip
    home.refresh_from_db()
    assert (home.attempts, home.status, home.last_outcome) == (2, "done", "not_home")
    attempt = VisitAttempt.objects.filter(address=home).last()
    assert attempt.round == running and attempt.district == home.district
    assert not VisitReport.objects.exists()


@pytest.mark.parametrize("outcome", ["declined", "moved", "deceased"])
def test_a_final_outcome_finishes_the_address_without_a_report(client, door, outcome):
    _town, _round, mine, home = door
    login_verified(client, mine.user)
    assert _post(client, home, outcome=outcome).status_code == 302
    home.refresh_from_db()
    assert (home.status, home.last_outcome) == ("done", outcome)
    assert not VisitReport.objects.exists()


def test_another_volunteers_address_is_404(client, door):
    town, running, mine, home = door
    other = volunteer(town)
    login_verified(client, other.user)
    assert client.get(_url(home)).status_code == 404
    assert _post(client, home).status_code == 404
    assert not VisitAttempt.objects.exists()


def test_an_expired_vog_is_404(client, door):
    town, running, mine, home = door
    mine.vog_valid_until = timezone.localdate() - timezone.timedelta(days=1)
    mine.save()
    login_verified(client, mine.user)
    assert client.get(_url(home)).status_code == 404
    with pytest.raises(PermissionDenied):
        record_visit(actor=mine.user, address=home, client_id=uuid.uuid4(),
                     at=timezone.now(), outcome="not_home")  # fmt: skip


def test_a_closed_round_is_404_for_the_volunteer(client, door):
    town, running, mine, home = door
    running.status = "closed"
    running.save()
    login_verified(client, mine.user)
    assert client.get(_url(home)).status_code == 404
    assert _post(client, home).status_code == 404


def test_the_coordinator_types_in_a_paper_form_for_any_address(client, door):
    town, running, mine, home = door
    coordinator = member(Role.COORDINATOR, town)
    login_verified(client, coordinator)
    assert client.get(_url(home)).status_code == 200
    assert _post(client, home, outcome="not_home").status_code == 302
    attempt = VisitAttempt.objects.get(address=home)
    assert attempt.volunteer == mine  # the volunteer who went, not the coordinator
    event = AuditEvent.objects.get(action="visit_recorded")
    assert event.actor == coordinator and event.extra["outcome"] == "not_home"


def test_a_closed_round_takes_no_paper_form_either(client, door):
    town, running, mine, home = door
    running.status = "closed"
    running.save()
    login_verified(client, member(Role.COORDINATOR, town))
    response = _post(client, home, outcome="not_home")
    assert response.status_code == 422
    assert "Deze ronde loopt niet" in response.content.decode()
    assert not VisitAttempt.objects.exists()


def test_the_form_keeps_what_was_typed_on_an_error(client, door):
    _town, _round, mine, home = door
    login_verified(client, mine.user)
    client_id = str(uuid.uuid4())
    response = _post(
        client, home, client_id=client_id, follow_up="help", contact_phone="12",
        wants_activities=["meeting"], scale_3="ja", life_satisfaction="7",
    )  # fmt: skip
    text = response.content.decode()
    assert response.status_code == 422
    assert "Controleer" in text or "Dit is niet gelukt" in text
    assert "Vraag of een welzijnswerker contact mag opnemen." in text
    assert "Vul een telefoonnummer in" in text
    assert f'value="{client_id}"' in text
    assert re.search(r'name="wants_activities" value="meeting"[^>]*checked', text)
    assert re.search(r'name="life_satisfaction" value="7"[^>]*checked', text)
    assert re.search(r'name="scale_3" value="ja"[^>]*checked', text)
    assert 'value="12"' in text
    assert not VisitAttempt.objects.exists()


def test_an_activity_to_give_shows_its_name_and_contact(client, door, small_municipality):
    town, _round, mine, home = door
    offer = initiative(
        OrganisationFactory(municipality=town), name="Koffie-ochtend De Brink",
        kinds=["meeting"], status="published", contact_phone="0591 123 456",
        latitude=52.505, longitude=4.915,
    )  # fmt: skip
    login_verified(client, mine.user)
    assert "Koffie-ochtend De Brink" in client.get(_url(home)).content.decode()
    response = _post(client, home, follow_up="activity", referral_initiative=str(offer.pk))
    assert VisitReport.objects.get().referral_initiative_id == offer.pk
    page = client.get(response["Location"]).content.decode()
    assert "Koffie-ochtend De Brink" in page and "0591 123 456" in page


def test_fetch_gets_json_and_a_replay_tells_nothing_twice(client, door):
    _town, _round, mine, home = door
    login_verified(client, mine.user)
    client_id = str(uuid.uuid4())
    for _ in range(2):
        response = client.post(
            _url(home),
            {"client_id": client_id, "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
             "outcome": "not_home"},
            headers={"Accept": "application/json", "X-Omzien-Replay": "1"},
        )  # fmt: skip
        assert response.status_code == 200 and response.json()["ok"] is True
    assert VisitAttempt.objects.count() == 1
    invalid = client.post(_url(home), {"client_id": client_id},
                          headers={"Accept": "application/json"})  # fmt: skip
    assert invalid.status_code == 422 and invalid.json()["ok"] is False


def test_the_list_links_each_address_to_its_form(client, door):
    _town, _round, mine, home = door
    login_verified(client, mine.user)
    page = client.get(reverse("visits:my_addresses", kwargs={"municipality_slug": "proefdorp"}))
    assert _url(home) in page.content.decode()


def test_an_address_with_an_objection_shows_why_and_takes_no_visit(client, door):
    _town, _round, mine, home = door
    home.status = VisitAddress.Status.OBJECTION
    home.save()
    login_verified(client, mine.user)
    page = client.get(_url(home)).content.decode()
    assert "bezwaar gemaakt: niet benaderen" in page and "Bezoek opslaan" not in page
    response = client.post(
        _url(home),
        {"client_id": str(uuid.uuid4()), "outcome": "not_home",
         "at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")},
        headers={"Accept": "application/json", "X-Omzien-Replay": "1"},
    )  # fmt: skip
    assert response.status_code == 422 and response.json()["final"] is True
    assert "niet benaderen" in " ".join(response.json()["errors"])
    assert not VisitAttempt.objects.exists()


def test_the_activity_select_names_kind_and_distance(door):
    from omzien.visits.door.queries import initiative_label, initiatives_near

    town, _round, _mine, home = door
    organisation = OrganisationFactory(municipality=town)
    near = initiative(organisation, name="Dichtbij", status="published",
                      latitude=52.505, longitude=4.915)  # fmt: skip
    initiative(organisation, name="Ver weg", status="published", latitude=52.6, longitude=4.9)
    initiative(organisation, name="Concept", status="draft", latitude=52.505, longitude=4.915)
    rows = initiatives_near(home)
    assert [row.name for row in rows] == ["Dichtbij", "Ver weg"]
    assert initiative_label(rows[0]) == f"Dichtbij · ontmoeting · {rows[0].km:.1f} km".replace(
        ".", ","
    )
    assert near.pk == rows[0].pk


def test_the_guide_reads_as_headed_paragraphs_on_a_phone():
    from omzien.visits.door.views import guide_paragraphs

    text = "Openen\nStel uzelf voor\nen laat uw pas zien.\n\nLees de zes stellingen voor."
    assert guide_paragraphs(text) == [
        ("Openen", "Stel uzelf voor en laat uw pas zien."),
        ("", "Lees de zes stellingen voor."),
    ]


def test_the_coordinators_list_points_to_the_rounds_not_to_a_vog(client, door):
    town, _round, _mine, _home = door
    login_verified(client, member(Role.COORDINATOR, town))
    page = client.get(reverse("visits:my_addresses", kwargs={"municipality_slug": town.slug}))
    text = page.content.decode()
    assert "U bent kartrekker." in text and "Verklaring Omtrent het Gedrag" not in text


def test_the_phone_number_is_only_kept_to_call_back_someone_who_asked_for_help(door):
    """Review of issue 11: without help asked with consent, no phone number is stored."""
    _town, _round, mine, home = door
    record_visit(
        actor=mine.user, address=home, client_id=uuid.uuid4(), at=timezone.now(),
        outcome="visited",
        report=_visited(follow_up="help", consent=False, contact_phone="0612345678"),
    )  # fmt: skip
    assert VisitReport.objects.get(attempt__address=home).contact_phone == ""
