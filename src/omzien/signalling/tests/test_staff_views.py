"""The staff screens of the signalling point: case page and its actions, phone intake,
overview and setup (issue 4). Each action is tried as a plain POST and as an htmx request."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from omzien.assessment.models import Assessment
from omzien.core.models import AuditEvent, District, Municipality
from omzien.core.navigation import navigation_for
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, login_verified, member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.extensions import register as register_navigation
from omzien.signalling.models import (
    ApiKey,
    Case,
    CaseEvent,
    Channel,
    PartnerLink,
    Signal,
)
from omzien.signalling.secrets import hash_secret
from omzien.signalling.settings import settings_of
from omzien.signalling.tests.factories import fail_to_reach, file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]

HTMX = {"HTTP_HX_REQUEST": "true"}


class World:
    """Zeist with two teams (Centrum -> Noord, Oost -> Oost), a coordinator and caseworkers."""

    def __init__(self):
        self.municipality = zeist()
        self.org = OrganisationFactory(municipality=self.municipality, name="Welzijn Test")
        self.centrum = District.objects.get(code="WK035501")
        self.noord = District.objects.get(code="WK035502")
        self.oost = District.objects.get(code="WK035504")
        self.team_noord = TeamFactory(
            municipality=self.municipality, organisation=self.org, name="Team Noord (test)"
        )
        self.team_noord.districts.set([self.centrum])
        self.team_oost = TeamFactory(
            municipality=self.municipality, organisation=self.org, name="Team Oost (test)"
        )
        self.team_oost.districts.set([self.oost])
        self.coordinator = member(Role.COORDINATOR, self.municipality)
        self.worker = member(
            Role.CASEWORKER, self.municipality, team=self.team_noord, first_name="Wendy"
        )
        self.other_worker = member(Role.CASEWORKER, self.municipality, team=self.team_oost)

    def url(self, name, **kwargs):
        return reverse(name, kwargs={"municipality_slug": self.municipality.slug, **kwargs})

    def case_url(self, name, case):
        return self.url(name, pk=case.pk)


@pytest.fixture
def world():
    return World()


def as_user(client, user):
    login_verified(client, user)
    return client


def assigned_case(world, **signal_fields):
    case = file_signal(world.municipality, postcode="3701 AB", **signal_fields).case
    services.assign_case(actor=world.coordinator, case=case, caseworker=world.worker)
    return case


# --- Navigation ----------------------------------------------------------------------------


def test_navigation_shows_each_role_its_signalling_screens(world):
    register_navigation()
    register_navigation()  # idempotent
    labels = {
        role: [item.label for item in navigation_for(user, world.municipality, "/")]
        for role, user in (("coordinator", world.coordinator), ("caseworker", world.worker))
    }
    assert {"Meldingen", "Overzicht", "Signaalpunt instellen"} <= set(labels["coordinator"])
    assert labels["coordinator"].count("Meldingen") == 1
    assert "Meldingen" in labels["caseworker"]
    assert "Overzicht" not in labels["caseworker"]
    assert "Signaalpunt instellen" not in labels["caseworker"]


# --- The case page ---------------------------------------------------------------------------


def test_case_page_shows_one_timeline_of_everything(client, world):
    case = assigned_case(
        world, signs=["curtains_closed", "letterbox_full"], person_name="Fictieve Fenna"
    )
    file_signal(world.municipality, postcode="3701 AB", concern="Ook de buurvrouw zag het.")
    services.log_attempt(actor=world.worker, case=case, method="phone", reached=False)
    services.log_attempt(actor=world.worker, case=case, method="visit", reached=True)
    services.add_note(actor=world.worker, case=case, text="Gesprek aan de deur gehad.")
    services.record_consent(actor=world.worker, case=case, scope="doorverwijzen", how="verbal")
    services.move_case(actor=world.worker, case=case, target=CaseState.IN_PROGRESS)

    page = as_user(client, world.worker).get(world.case_url("signalling:case_detail", case))

    assert page.status_code == 200
    kinds = [entry.kind for entry in page.context["timeline"]]
    assert kinds.count("signal") == 2
    assert {"attempt", "note", "consent", "state", "assignment"} <= set(kinds)
    times = [entry.at for entry in page.context["timeline"]]
    assert times == sorted(times)
    html = page.content.decode()
    assert "De gordijnen zijn al dagen dicht" in html and "De brievenbus puilt uit" in html
    assert "Ook de buurvrouw zag het." in html
    assert "Gesprek aan de deur gehad." in html
    assert "Fictieve Fenna" in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
    assert 'aria-live="polite"' in html
    assert AuditEvent.objects.filter(action="case_viewed", object_id=str(case.pk)).exists()


def test_case_page_offers_only_the_moves_the_workflow_allows(client, world):
    case = file_signal(world.municipality, postcode="3701 AB").case
    as_user(client, world.coordinator)

    new = client.get(world.case_url("signalling:case_detail", case)).context
    assert set(new["forms"]) == {"assign", "note", "consent"}

    services.assign_case(actor=world.coordinator, case=case, caseworker=world.worker)
    services.log_attempt(actor=world.worker, case=case, method="phone", reached=True)
    contacting = client.get(world.case_url("signalling:case_detail", case)).context
    assert {"attempt", "move", "close"} <= set(contacting["forms"])
    assert "reopen" not in contacting["forms"]
    assert [value for value, _ in contacting["forms"]["move"].fields["target"].choices] == [
        CaseState.IN_PROGRESS
    ]

    services.close_case(actor=world.worker, case=case, outcome=Outcome.NO_CONCERN)
    closed = client.get(world.case_url("signalling:case_detail", case)).context
    assert set(closed["forms"]) == {"note", "reopen"}
    assert not closed["can_assess"]


def test_a_caseworker_cannot_open_another_teams_case(client, world):
    oost_case = file_signal(world.municipality, postcode="3707 AB").case
    assert oost_case.team == world.team_oost
    as_user(client, world.worker)
    assert client.get(world.case_url("signalling:case_detail", oost_case)).status_code == 404
    response = client.post(world.case_url("signalling:case_note", oost_case), {"notitie-text": "x"})
    assert response.status_code == 404
    assert not oost_case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


def test_a_foreign_municipalitys_case_is_not_found(client, world):
    de_bilt = Municipality.objects.get(code="GM0310")
    foreign = file_signal(de_bilt, postcode="3721 AB").case
    as_user(client, world.coordinator)
    # Through our own municipality's URL: not one of ours.
    assert client.get(world.url("signalling:case_detail", pk=foreign.pk)).status_code == 404
    assert client.post(world.url("signalling:case_close", pk=foreign.pk), {}).status_code == 404
    # Through the other municipality's URL: no role there.
    foreign_url = reverse(
        "signalling:case_detail", kwargs={"municipality_slug": de_bilt.slug, "pk": foreign.pk}
    )
    assert client.get(foreign_url).status_code == 404


# --- Actions ---------------------------------------------------------------------------------


def test_assign_by_post_redirects_and_by_htmx_swaps_the_work_area(client, world):
    first = file_signal(world.municipality, postcode="3701 AB").case
    second = file_signal(world.municipality, postcode="3707 AB", house_number="9").case
    as_user(client, world.coordinator)

    response = client.post(
        world.case_url("signalling:case_assign", first), {"toewijzen-caseworker": world.worker.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == world.case_url("signalling:case_detail", first)
    first.refresh_from_db()
    assert (first.state, first.caseworker) == (CaseState.ASSIGNED, world.worker)

    response = client.post(
        world.case_url("signalling:case_assign", second),
        {"toewijzen-caseworker": world.other_worker.pk},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="traject-melding" hx-swap-oob="innerHTML"' in html
    assert "is toegewezen aan" in html
    second.refresh_from_db()
    assert second.caseworker == world.other_worker


def test_only_a_coordinator_assigns_and_only_to_a_caseworker(client, world):
    case = file_signal(world.municipality, postcode="3701 AB").case
    as_user(client, world.worker)
    refused = client.post(
        world.case_url("signalling:case_assign", case), {"toewijzen-caseworker": world.worker.pk}
    )
    assert refused.status_code == 403

    as_user(client, world.coordinator)
    not_a_caseworker = client.post(
        world.case_url("signalling:case_assign", case),
        {"toewijzen-caseworker": world.coordinator.pk},
    )
    assert not_a_caseworker.status_code == 422
    case.refresh_from_db()
    assert case.caseworker is None and case.state == CaseState.NEW
    # The choice list holds exactly the caseworkers of this municipality.
    choices = not_a_caseworker.context["forms"]["assign"].fields["caseworker"].queryset
    assert set(choices) == {world.worker, world.other_worker}


@pytest.mark.parametrize("htmx", [False, True], ids=["post", "htmx"])
def test_each_case_action_works(client, world, htmx):
    extra = HTMX if htmx else {}
    ok = 200 if htmx else 302
    case = assigned_case(world)
    as_user(client, world.worker)

    def post(name, data):
        response = client.post(world.case_url(name, case), data, **extra)
        assert response.status_code == ok, response.content.decode()[:2000]
        case.refresh_from_db()
        return response

    post("signalling:case_attempt", {"poging-method": "phone", "poging-reached": "no"})
    assert case.state == CaseState.CONTACTING and case.first_contact_at is None
    post(
        "signalling:case_attempt",
        {"poging-method": "visit", "poging-reached": "yes", "poging-note": "Thuis."},
    )
    assert case.first_contact_at is not None
    post("signalling:case_note", {"notitie-text": "Mevrouw mist haar man."})
    post(
        "signalling:case_consent",
        {"toestemming-scope": "contact met buurtcoach", "toestemming-how": "written"},
    )
    consent = case.events.get(kind=CaseEvent.Kind.CONSENT)
    assert (consent.consent_scope, consent.consent_how) == ("contact met buurtcoach", "written")
    post("signalling:case_move", {"status-target": CaseState.IN_PROGRESS})
    post(
        "signalling:case_move",
        {"status-target": CaseState.REFERRED, "status-note": "Naar de buurtcoach."},
    )
    assert case.state == CaseState.REFERRED
    post("signalling:case_close", {"afsluiten-outcome": Outcome.REFERRED})
    assert case.state == CaseState.CLOSED and case.outcome == Outcome.REFERRED
    post("signalling:case_reopen", {"heropenen-note": "Belde zelf terug."})
    assert case.state == CaseState.REOPENED
    kinds = list(case.events.values_list("kind", flat=True))
    assert kinds.count(CaseEvent.Kind.ATTEMPT) == 2
    assert CaseEvent.Kind.NOTE in kinds


@pytest.mark.parametrize("htmx", [False, True], ids=["post", "htmx"])
def test_a_refused_move_shows_the_dutch_reason_and_keeps_what_was_typed(client, world, htmx):
    extra = HTMX if htmx else {}
    case = assigned_case(world)
    services.log_attempt(actor=world.worker, case=case, method="phone", reached=True)
    as_user(client, world.worker)

    response = client.post(
        world.case_url("signalling:case_move", case),
        {"status-target": CaseState.IN_PROGRESS, "status-note": "Mijn getypte toelichting"},
        **extra,
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "Leg eerst de toestemming van de persoon vast." in html
    assert "Mijn getypte toelichting" in html
    assert ("<html" in html) is not htmx
    case.refresh_from_db()
    assert case.state == CaseState.CONTACTING


@pytest.mark.parametrize("htmx", [False, True], ids=["post", "htmx"])
def test_unreachable_only_after_the_set_number_of_attempts(client, world, htmx):
    extra = HTMX if htmx else {}
    case = assigned_case(world)
    as_user(client, world.worker)
    services.log_attempt(actor=world.worker, case=case, method="phone", reached=False)

    refused = client.post(
        world.case_url("signalling:case_close", case),
        {"afsluiten-outcome": Outcome.UNREACHABLE},
        **extra,
    )
    assert refused.status_code == 422
    assert "kan pas na 3 contactpogingen zonder gehoor" in refused.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.CONTACTING

    fail_to_reach(case, world.worker, methods=("letter", "visit"), days_apart=2)
    done = client.post(
        world.case_url("signalling:case_close", case),
        {"afsluiten-outcome": Outcome.UNREACHABLE},
        **extra,
    )
    assert done.status_code in (200, 302)
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.CLOSED, Outcome.UNREACHABLE)


def test_form_errors_keep_the_input_and_name_the_field(client, world):
    case = assigned_case(world)
    as_user(client, world.worker)

    response = client.post(
        world.case_url("signalling:case_attempt", case),
        {"poging-note": "Niemand deed open"},
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Niemand deed open" in html
    assert "Kies hoe u contact heeft gezocht." in html
    assert 'href="#id_poging-method"' in html
    assert 'role="alert"' in html

    empty_note = client.post(world.case_url("signalling:case_note", case), {"notitie-text": "  "})
    assert empty_note.status_code == 422
    assert "Schrijf eerst iets op." in empty_note.content.decode()
    assert not case.events.filter(kind=CaseEvent.Kind.ATTEMPT).exists()


def test_get_on_an_action_is_not_allowed(client, world):
    case = assigned_case(world)
    as_user(client, world.worker)
    assert client.get(world.case_url("signalling:case_note", case)).status_code == 405


#: The items of the 6-item De Jong Gierveld scale, numbered as in the 11-item list.
DJG6_ITEMS = (3, 4, 7, 8, 9, 10)


def test_assessment_within_a_case_lands_on_the_timeline(client, world):
    case = assigned_case(world)
    services.log_attempt(actor=world.worker, case=case, method="phone", reached=True)
    as_user(client, world.worker)
    assessment_url = world.case_url("signalling:case_assessment", case)
    # Without the person's consent a meting is not offered, and a POST is refused.
    assert (
        assessment_url
        not in client.get(world.case_url("signalling:case_detail", case)).content.decode()
    )
    refused = client.post(
        assessment_url + "?instrument=djg6",
        {"taken_on": "2026-01-05", **{f"item_{n}": "ja" for n in DJG6_ITEMS}},
    )
    assert refused.status_code == 422
    assert "toestemming" in refused.content.decode()
    assert not Assessment.objects.exists()
    services.record_consent(actor=world.worker, case=case, scope="meting", how="verbal")
    detail = client.get(world.case_url("signalling:case_detail", case)).content.decode()
    assert assessment_url in detail

    form = client.get(assessment_url + "?instrument=djg6")
    assert form.status_code == 200
    answers = {f"item_{n}": "ja" for n in DJG6_ITEMS}
    response = client.post(
        assessment_url + "?instrument=djg6", {"taken_on": "2026-01-05", **answers}
    )

    assert response.status_code == 302
    assert response["Location"] == world.case_url("signalling:case_detail", case)
    assessment = Assessment.objects.get(resident=case.resident)
    assert (assessment.context, assessment.context_id) == ("case", case.pk)
    event = case.events.get(kind=CaseEvent.Kind.ASSESSMENT)
    assert event.related_id == assessment.pk
    timeline = client.get(world.case_url("signalling:case_detail", case)).context["timeline"]
    assert any(e.assessment == assessment for e in timeline)


# --- Phone intake ----------------------------------------------------------------------------


def test_phone_intake_creates_a_signal_and_opens_the_case(client, world):
    as_user(client, world.worker)
    response = client.post(
        world.url("signalling:phone_signal"),
        {
            "channel": Channel.PHONE,
            "postcode": "3701ab",
            "house_number": "12",
            "person_name": "Fictieve Piet",
            "signs": ["not_seen_outside"],
            "concern": "Buurman belt: meneer komt niet meer buiten.",
            "person_aware": "no",
            "relation": "neighbour",
            "reporter_name": "Buurman",
            "reporter_phone": "06-12345678",
        },
    )
    signal = Signal.objects.get(person_name="Fictieve Piet")
    assert response.status_code == 302
    assert response["Location"] == world.case_url("signalling:case_detail", signal.case)
    assert signal.channel == Channel.PHONE
    assert signal.reporter == world.worker
    assert signal.postcode == "3701 AB"
    assert signal.case.team == world.team_noord


def test_self_referral_intake_records_the_channel_and_relation(client, world):
    as_user(client, world.coordinator)
    client.post(
        world.url("signalling:phone_signal"),
        {
            "channel": Channel.SELF_REFERRAL,
            "postcode": "3705 AB",
            "house_number": "3",
            "concern": "Ik wil graag contact, ik zit veel alleen.",
            "person_aware": "yes",
        },
    )
    signal = Signal.objects.get(postcode="3705 AB", house_number="3")
    assert (signal.channel, signal.relation) == (Channel.SELF_REFERRAL, "self")


def test_urgent_phone_intake_shows_112_and_113(client, world):
    as_user(client, world.coordinator)
    response = client.post(
        world.url("signalling:phone_signal"),
        {
            "channel": Channel.PHONE,
            "postcode": "3701 AB",
            "house_number": "5",
            "concern": "Hij zei dat hij niet meer wil leven.",
            "person_aware": "unknown",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "112" in html and "0800-0113" in html
    assert response.context["case"].urgent


def test_intake_errors_keep_what_was_typed(client, world):
    as_user(client, world.worker)
    response = client.post(
        world.url("signalling:phone_signal"),
        {
            "channel": Channel.PHONE,
            "postcode": "12",
            "house_number": "",
            "person_name": "Fictieve Truus",
            "concern": "",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Fictieve Truus" in html
    assert "Vul een postcode in zoals 3701 AB." in html
    assert "Vul het huisnummer in." in html
    assert "Vertel kort wat de zorg is" in html
    assert not Signal.objects.filter(person_name="Fictieve Truus").exists()


def test_intake_outside_the_caseworkers_area_goes_back_to_the_queue(client, world):
    as_user(client, world.worker)
    response = client.post(
        world.url("signalling:phone_signal"),
        {"channel": Channel.PHONE, "postcode": "3707 AB", "house_number": "1", "concern": "Zorg"},
    )
    assert response.status_code == 302
    assert response["Location"] == world.url("signalling:case_queue")
    assert Signal.objects.filter(postcode="3707 AB", channel=Channel.PHONE).count() == 1


# --- Overview --------------------------------------------------------------------------------


def test_overview_counts_per_state_team_and_channel(client, world):
    new = file_signal(world.municipality, postcode="3701 AB", house_number="1").case
    assigned = assigned_case(world, house_number="2")
    closed = assigned_case(world, house_number="3")
    services.close_case(actor=world.worker, case=closed, outcome=Outcome.DUPLICATE)
    unrouted = file_signal(
        world.municipality,
        postcode="3705 AB",
        house_number="4",
        channel=Channel.SELF_REFERRAL,
        actor=world.coordinator,
    ).case
    assert unrouted.team is None

    response = as_user(client, world.coordinator).get(world.url("signalling:overview"))

    assert response.status_code == 200
    data = response.context["overview"]
    per_state = {state: n for state, _label, n in data.per_state}
    assert per_state[CaseState.NEW] == 2
    assert per_state[CaseState.ASSIGNED] == 1
    assert per_state[CaseState.CLOSED] == 1
    assert data.open_total == 3
    assert {c.pk for c in data.unassigned} == {new.pk, unrouted.pk}
    teams = {row.team.pk if row.team else None: row for row in data.per_team}
    assert teams[world.team_noord.pk].open == 2
    assert teams[world.team_noord.pk].unassigned == 1
    assert teams[None].open == 1
    per_channel = {channel: n for channel, _label, n in data.per_channel}
    assert per_channel[Channel.PUBLIC_FORM] == 3
    assert per_channel[Channel.SELF_REFERRAL] == 1
    assert data.signals_this_month == 4
    assert assigned.pk not in {c.pk for c in data.unassigned}


def test_overview_is_for_the_coordinator_only(client, world):
    assert as_user(client, world.worker).get(world.url("signalling:overview")).status_code == 403


# --- Setup: routing --------------------------------------------------------------------------


def test_routing_table_edit_changes_where_the_next_signal_goes(client, world):
    assert file_signal(world.municipality, postcode="3705 AB", house_number="1").case.team is None
    as_user(client, world.coordinator)
    page = client.get(world.url("signalling:setup"))
    assert page.status_code == 200
    assert "kartrekker" in page.content.decode()
    form = page.context["routing_form"]
    data = {"onderdeel": "routering"}
    for name, field in form.fields.items():
        initial = field.initial
        data[f"routering-{name}"] = initial if initial is not None else ""
    data[f"routering-wijk_{world.noord.pk}"] = world.team_noord.pk  # Noord now served
    data[f"routering-wijk_{world.centrum.pk}"] = world.team_oost.pk  # Centrum moves to Oost

    response = client.post(world.url("signalling:setup"), data)

    assert response.status_code == 302
    assert list(world.team_noord.districts.all()) == [world.noord]
    assert set(world.team_oost.districts.all()) == {world.centrum, world.oost}
    assert file_signal(world.municipality, postcode="3705 AB", house_number="2").case.team == (
        world.team_noord
    )
    assert file_signal(world.municipality, postcode="3701 AB", house_number="9").case.team == (
        world.team_oost
    )
    assert AuditEvent.objects.filter(action="routing_changed").count() == 1

    # Emptying a district sends its next signal to the coordinator.
    data[f"routering-wijk_{world.noord.pk}"] = ""
    client.post(world.url("signalling:setup"), data)
    assert file_signal(world.municipality, postcode="3705 AB", house_number="3").case.team is None


def test_a_district_ends_up_with_at_most_one_team(client, world):
    world.team_oost.districts.add(world.centrum)  # two teams on Centrum before the edit
    as_user(client, world.coordinator)
    form = client.get(world.url("signalling:setup")).context["routing_form"]
    assert form.fields[f"wijk_{world.centrum.pk}"].initial == world.team_noord.pk
    data = {"onderdeel": "routering"}
    for name, field in form.fields.items():
        data[f"routering-{name}"] = field.initial or ""
    client.post(world.url("signalling:setup"), data)
    assert list(world.centrum.teams.all()) == [world.team_noord]


def test_routing_refuses_a_team_of_another_municipality(client, world):
    foreign_team = TeamFactory()
    as_user(client, world.coordinator)
    response = client.post(
        world.url("signalling:setup"),
        {"onderdeel": "routering", f"routering-wijk_{world.centrum.pk}": foreign_team.pk},
    )
    assert response.status_code == 422
    assert list(world.team_noord.districts.all()) == [world.centrum]


def test_setup_is_for_the_coordinator_only(client, world):
    as_user(client, world.worker)
    assert client.get(world.url("signalling:setup")).status_code == 403
    assert client.post(world.url("signalling:setup"), {"onderdeel": "teksten"}).status_code == 403


# --- Setup: texts, API keys, partner links ---------------------------------------------------


def test_reporter_texts_are_saved(client, world):
    as_user(client, world.coordinator)
    response = client.post(
        world.url("signalling:setup"),
        {
            "onderdeel": "teksten",
            "teksten-received_text": "Dank u wel!",
            "teksten-in_progress_text": "We zijn ermee bezig.",
            "teksten-closed_text": "Klaar. Dank voor het omkijken.",
            "teksten-reporter_guide": "Maak eerst een praatje.\n- Vraag hoe het gaat.",
            "teksten-first_contact_guide": "Stel u voor.",
            "teksten-notify_email": "signaalpunt@zeist.invalid",
        },
    )
    assert response.status_code == 302
    settings = settings_of(world.municipality)
    assert settings.received_text == "Dank u wel!"
    assert settings.notify_email == "signaalpunt@zeist.invalid"

    bad = client.post(
        world.url("signalling:setup"),
        {"onderdeel": "teksten", "teksten-received_text": "Nieuw", "teksten-notify_email": "nee"},
    )
    assert bad.status_code == 422
    assert "Nieuw" in bad.content.decode()
    settings.refresh_from_db()
    assert settings.received_text == "Dank u wel!"


def test_api_key_is_shown_once_and_stored_hashed(client, world):
    as_user(client, world.coordinator)
    response = client.post(
        world.url("signalling:setup"),
        {"onderdeel": "sleutel", "sleutel-organisation": world.org.pk, "sleutel-name": "Koppeling"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = response.context["issued_key"].secret
    assert key.startswith("oz_") and key in response.content.decode()

    stored = ApiKey.objects.get()
    assert stored.key_hash == hash_secret(key)
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    assert key.removeprefix("oz_").startswith(stored.prefix)
    assert not any(key in str(e.extra) for e in AuditEvent.objects.all())

    again = client.get(world.url("signalling:setup")).content.decode()
    assert key not in again
    assert f"oz_{stored.prefix}" in again

    revoke = client.post(world.url("signalling:api_key_revoke", pk=stored.pk))
    assert revoke.status_code == 302
    stored.refresh_from_db()
    assert stored.revoked_at is not None


def test_partner_link_is_shown_once_and_its_token_is_stored_hashed(client, world):
    as_user(client, world.coordinator)
    response = client.post(
        world.url("signalling:setup"), {"onderdeel": "link", "link-organisation": world.org.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r"/melden/zeist/p/([A-Za-z0-9_\-]+)/", html)
    assert match, "the partner link is shown"
    token = match.group(1)
    link = PartnerLink.objects.get()
    assert link.organisation == world.org
    assert link.token_hash == hash_secret(token)
    assert token not in client.get(world.url("signalling:setup")).content.decode()

    # The public signal form opens with the link, and no longer once it is revoked.
    path = match.group(0)
    client.logout()
    assert client.get(path).status_code == 200
    as_user(client, world.coordinator)
    client.post(world.url("signalling:partner_link_revoke", pk=link.pk))
    link.refresh_from_db()
    assert link.revoked_at is not None
    client.logout()
    assert client.get(path).status_code == 404


def test_partner_secrets_of_another_municipality_cannot_be_revoked(client, world):
    de_bilt = Municipality.objects.get(code="GM0310")
    foreign_org = OrganisationFactory(municipality=de_bilt)
    foreign_coordinator = member(Role.COORDINATOR, de_bilt)
    from omzien.signalling.setup import services as services_setup

    issued = services_setup.create_api_key(
        actor=foreign_coordinator, organisation=foreign_org, name="Elders"
    )
    as_user(client, world.coordinator)
    assert (
        client.post(world.url("signalling:api_key_revoke", pk=issued.record.pk)).status_code == 404
    )
    # The setup page lists only this municipality's keys (issue 7).
    assert issued.record.prefix not in client.get(world.url("signalling:setup")).content.decode()
    # Nor can a key be made for another municipality's organisation.
    response = client.post(
        world.url("signalling:setup"),
        {"onderdeel": "sleutel", "sleutel-organisation": foreign_org.pk, "sleutel-name": "x"},
    )
    assert response.status_code == 422
    assert ApiKey.objects.filter(organisation=foreign_org).count() == 1


def test_setup_forms_keep_their_input_on_errors(client, world):
    as_user(client, world.coordinator)
    response = client.post(
        world.url("signalling:setup"),
        {"onderdeel": "sleutel", "sleutel-organisation": "", "sleutel-name": "Mijn omschrijving"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Mijn omschrijving" in html
    assert "Kies een organisatie." in html
    assert not ApiKey.objects.exists()
    assert Case.objects.count() == 0


def test_case_page_reads_a_long_timeline_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    case = assigned_case(world)
    for number in range(10):
        services.log_attempt(actor=world.worker, case=case, method="phone", reached=False)
        services.add_note(actor=world.worker, case=case, text=f"Notitie {number}")
        file_signal(world.municipality, postcode="3701 AB", concern=f"Melding {number}")
    as_user(client, world.worker)
    client.get(world.case_url("signalling:case_detail", case))
    with django_assert_max_num_queries(25):
        page = client.get(world.case_url("signalling:case_detail", case))
    assert len(page.context["timeline"]) >= 32


def test_resident_page_lists_closed_cases_so_they_can_be_reopened(client, world):
    case = assigned_case(world)
    services.close_case(actor=world.worker, case=case, outcome="no_concern")
    as_user(client, world.worker)
    page = client.get(
        reverse("core:resident_detail", args=[case.municipality.slug, case.resident_id])
    ).content.decode()
    assert world.case_url("signalling:case_detail", case) in page
    assert "Geen zorgen" in page
