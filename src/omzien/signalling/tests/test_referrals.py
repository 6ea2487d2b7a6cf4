"""Referrals as a case action (issue 9, item 5): a case's needs, the match page, referring
through the one gate, the referral's states with their dates, the warm handover with only
what the resident allowed to share, the follow-up in the queue and on the start page, and
erasure of the personal parts."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    login_verified,
    member,
)
from omzien.signalling.cases import services as case_services
from omzien.signalling.cases.actions import Action, available_actions
from omzien.signalling.cases.queue import TAB_REFERRALS
from omzien.signalling.cases.workflow import CaseState, Outcome, TransitionError
from omzien.signalling.models import CaseEvent, CaseNeeds, Referral, ReferralState, Tombstone
from omzien.signalling.privacy.erasure import erase_case
from omzien.signalling.referrals import services
from omzien.signalling.tests.factories import file_signal, zeist
from omzien.socialmap.choices import Status
from omzien.socialmap.tests.factories import initiative as make_initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]

_numbers = itertools.count(300)
#: De Jong Gierveld 11, every answer "ja": emotionally lonely, not socially.
EMOTIONAL_11 = dict.fromkeys(range(1, 12), "ja")
NAME, PHONE, EMAIL = "Mevrouw Jansen-de Boer", "030 123 4567", "jansen@example.invalid"


@pytest.fixture
def people():
    municipality = zeist()
    return member(Role.COORDINATOR, municipality), member(Role.CASEWORKER, municipality)


@pytest.fixture
def offer():
    organisation = OrganisationFactory(municipality=zeist())
    return make_initiative(
        organisation,
        status=Status.PUBLISHED,
        contact_name="Els",
        contact_email="els@koffie.example.invalid",
        latitude=52.09,
        longitude=5.23,
    )


def in_progress(people, *, consent: bool = True):
    """A case of the caseworker, contacted, with consent, in progress; the resident has a
    name, phone, e-mail address and a birth date."""
    coordinator, caseworker = people
    case = file_signal(house_number=str(next(_numbers))).case
    resident = case.resident
    resident.name, resident.phone, resident.email = NAME, PHONE, EMAIL
    resident.street, resident.birth_date = "Slotlaan", dt.date(1948, 1, 15)
    resident.save()
    case_services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
    case_services.log_attempt(actor=caseworker, case=case, method="phone", reached=True)
    if consent:
        case_services.record_consent(actor=caseworker, case=case, scope="Verwijzen", how="verbal")
        case_services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    else:
        case.state = CaseState.IN_PROGRESS  # as if; the gate must still ask for consent
        case.save(update_fields=["state"])
    return case


def refer(actor, case, initiative, **kwargs):
    return services.refer(actor=actor, case=case, initiative=initiative, **kwargs)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


# --- Referring through the gate ---------------------------------------------------------------


def test_a_referral_goes_through_every_state_with_its_dates(people, offer):
    _coordinator, caseworker = people
    case = in_progress(people)
    referral = refer(caseworker, case, offer, proposed_on=days_ago(20))
    case.refresh_from_db()
    assert case.state == CaseState.REFERRED
    assert referral.state == ReferralState.PROPOSED and referral.proposed_on == days_ago(20)
    assert referral.follow_up_on == days_ago(20) + dt.timedelta(days=42)

    for state, on in [
        (ReferralState.ACCEPTED, days_ago(15)),
        (ReferralState.STARTED, days_ago(10)),
        (ReferralState.ENDED, None),
    ]:
        referral = services.move_referral(
            actor=caseworker, referral=referral, state=state, on=on, note=""
        )
    referral.refresh_from_db()
    assert (referral.state, referral.accepted_on, referral.started_on, referral.ended_on) == (
        ReferralState.ENDED, days_ago(15), days_ago(10), timezone.localdate(),
    )  # fmt: skip
    steps = list(
        case.events.filter(kind=CaseEvent.Kind.REFERRAL).values_list("referral_state", flat=True)
    )
    assert steps == ["proposed", "accepted", "started", "ended"]
    actions = set(
        AuditEvent.objects.filter(object_id=str(case.pk)).values_list("action", flat=True)
    )
    assert {"referral_proposed", "referral_moved"} <= actions


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ([ReferralState.DECLINED], "declined_on"),
        ([ReferralState.ACCEPTED, ReferralState.NOT_STARTED], "not_started_on"),
    ],
)
def test_a_referral_can_be_declined_or_not_start(people, offer, path, field):
    case = in_progress(people)
    referral = refer(people[1], case, offer)
    for state in path:
        referral = services.move_referral(actor=people[1], referral=referral, state=state)
    referral.refresh_from_db()
    assert referral.state == path[-1] and getattr(referral, field) == timezone.localdate()


def test_the_gate_refuses_wrong_moves_and_dates(people, offer):
    caseworker = people[1]
    case = in_progress(people)
    referral = refer(caseworker, case, offer, proposed_on=days_ago(5))
    with pytest.raises(TransitionError, match="kan niet van 'Voorgesteld' naar 'Begonnen'"):
        services.move_referral(actor=caseworker, referral=referral, state=ReferralState.STARTED)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(TransitionError, match="toekomst"):
        services.move_referral(
            actor=caseworker, referral=referral, state=ReferralState.ACCEPTED, on=tomorrow
        )
    with pytest.raises(TransitionError, match="vorige stap"):
        services.move_referral(
            actor=caseworker, referral=referral, state=ReferralState.ACCEPTED, on=days_ago(6)
        )
    with pytest.raises(TransitionError, match="toekomst"):
        refer(caseworker, case, offer, proposed_on=tomorrow)
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED and Referral.objects.count() == 1


def test_a_case_holds_several_referrals(people, offer):
    caseworker = people[1]
    case = in_progress(people)
    other = make_initiative(offer.organisation, name="Wandelclub", status=Status.PUBLISHED)
    first = refer(caseworker, case, offer)
    second = refer(caseworker, case, other)
    case.refresh_from_db()
    assert case.state == CaseState.REFERRED
    assert list(case.referrals.order_by("pk")) == [first, second]
    # One move to "referred", not two.
    moves = case.events.filter(kind=CaseEvent.Kind.STATE, to_state=CaseState.REFERRED)
    assert moves.count() == 1
    assert available_actions(case, caseworker)[Action.REFER_AGAIN].allowed


def test_referring_without_consent_is_refused(
    people, offer, client, django_capture_on_commit_callbacks
):
    caseworker = people[1]
    case = in_progress(people, consent=False)
    with (
        django_capture_on_commit_callbacks(execute=True),  # a handover goes after commit
        pytest.raises(TransitionError, match="toestemming"),
    ):
        refer(caseworker, case, offer, share=["name"])
    login_verified(client, caseworker)
    url = reverse("signalling:case_refer", args=["zeist", case.pk])
    today = timezone.localdate().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"verwijzen-initiative": offer.pk,
                                     "verwijzen-proposed_on": today,
                                     "verwijzen-share": ["name", "phone"]})  # fmt: skip
    assert response.status_code == 422
    assert "Leg eerst de toestemming van de persoon vast." in response.content.decode()
    assert not Referral.objects.exists() and mail.outbox == []
    case.refresh_from_db()
    assert case.state == CaseState.IN_PROGRESS


def test_an_unpublished_initiative_cannot_be_chosen(people, offer):
    offer.status = Status.DRAFT
    offer.save()
    with pytest.raises(TransitionError, match="kunt u niet verwijzen"):
        refer(people[1], in_progress(people), offer)


# --- The warm handover ------------------------------------------------------------------------


def test_nothing_ticked_sends_no_email_and_no_personal_data(
    people, offer, django_capture_on_commit_callbacks
):
    case = in_progress(people)
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(people[1], case, offer, share=[], handover_note="Zoekt gezelschap.")
    referral.refresh_from_db()
    assert mail.outbox == []
    assert referral.handover_sent_at is None and referral.shared == []


def test_only_the_note_ticked_shares_no_name_phone_or_address(
    people, offer, django_capture_on_commit_callbacks
):
    case = in_progress(people)
    with django_capture_on_commit_callbacks(execute=True):
        refer(people[1], case, offer, share=["note"], handover_note="Houdt van zingen.")
    (message,) = mail.outbox
    text = message.subject + message.body
    assert "Houdt van zingen." in text
    for personal in (NAME, PHONE, EMAIL, "Slotlaan", case.resident.postcode):
        assert personal not in text


def test_the_handover_holds_only_the_consented_fields(
    people, offer, django_capture_on_commit_callbacks
):
    case = in_progress(people)
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(people[1], case, offer, share=["name", "phone"])
    (message,) = mail.outbox
    assert message.to == ["els@koffie.example.invalid"]
    assert NAME not in message.subject
    assert NAME in message.body and PHONE in message.body
    assert EMAIL not in message.body and "Slotlaan" not in message.body
    referral.refresh_from_db()
    assert referral.shared == ["name", "phone"] and referral.handover_sent_at is not None
    assert AuditEvent.objects.filter(action="referral_handover_sent").exists()


# --- Follow-up --------------------------------------------------------------------------------


def test_the_follow_up_shows_in_the_queue_and_on_the_start_page_on_its_date(people, offer, client):
    caseworker = people[1]
    not_yet = in_progress(people)
    due_today = in_progress(people)
    early = refer(caseworker, not_yet, offer, proposed_on=days_ago(41))
    due = refer(caseworker, due_today, offer, proposed_on=days_ago(42))
    assert early.follow_up_on == timezone.localdate() + dt.timedelta(days=1)
    assert due.follow_up_on == timezone.localdate()

    login_verified(client, caseworker)
    queue = reverse("signalling:case_queue", args=["zeist"])
    page = client.get(queue, {"lijst": TAB_REFERRALS}).content.decode()
    detail = reverse("signalling:case_detail", args=["zeist", due_today.pk])
    assert f'href="{detail}"' in page
    assert reverse("signalling:case_detail", args=["zeist", not_yet.pk]) + '"' not in page

    start = client.get(reverse("core:municipality_home", args=["zeist"])).content.decode()
    assert reverse("signalling:referral_detail", args=["zeist", due.pk]) in start
    assert reverse("signalling:referral_detail", args=["zeist", early.pk]) not in start

    # Followed up: gone from both.
    services.follow_up_referral(actor=caseworker, referral=due, still_going=True)
    page = client.get(queue, {"lijst": TAB_REFERRALS}).content.decode()
    assert f'href="{detail}"' not in page


def test_the_follow_up_records_how_it_goes_and_invites_a_new_assessment(people, offer, client):
    caseworker = people[1]
    case = in_progress(people)
    referral = refer(caseworker, case, offer, proposed_on=days_ago(42))
    login_verified(client, caseworker)
    url = reverse("signalling:referral_detail", args=["zeist", referral.pk])
    page = client.get(url).content.decode()
    assert "moet nu worden opgevolgd" in page
    assert reverse("signalling:case_assessment", args=["zeist", case.pk]) in page

    response = client.post(
        reverse("signalling:referral_follow_up", args=["zeist", referral.pk]),
        {"opvolgen-still_going": "no", "opvolgen-note": "Vond de groep te druk.",
         "opvolgen-on": timezone.localdate().isoformat(), "opvolgen-invite": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.still_going is False and referral.outcome_note == "Vond de groep te druk."
    assert referral.followed_up_on == referral.assessment_invited_on == timezone.localdate()
    assert "Meting nu afnemen" in client.get(url).content.decode()


def test_a_bad_follow_up_keeps_what_was_typed(people, offer, client):
    caseworker = people[1]
    referral = refer(caseworker, in_progress(people), offer)
    login_verified(client, caseworker)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("signalling:referral_follow_up", args=["zeist", referral.pk]),
        {"opvolgen-note": "Gaat goed.", "opvolgen-on": tomorrow},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert "Kies of de inwoner er nog heen gaat." in page and "toekomst" in page
    assert "Gaat goed." in page


def test_the_referral_steps_through_the_page(people, offer, client):
    caseworker = people[1]
    referral = refer(caseworker, in_progress(people), offer)
    login_verified(client, caseworker)
    url = reverse("signalling:referral_move", args=["zeist", referral.pk])
    response = client.post(url, {"stand-state": "started", "stand-on": "2020-01-01"})
    assert response.status_code == 422  # not a next state, and before the proposal
    response = client.post(
        url, {"stand-state": "accepted", "stand-on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.state == ReferralState.ACCEPTED


# --- Needs and the match page -----------------------------------------------------------------


def test_needs_are_recorded_and_audited(people, client):
    caseworker = people[1]
    case = in_progress(people)
    login_verified(client, caseworker)
    url = reverse("signalling:case_needs", args=["zeist", case.pk])
    response = client.post(url, {"wensen-barriers": ["nonsense"], "wensen-interests_text": "x"})
    assert response.status_code == 422 and 'value="x"' in response.content.decode()
    response = client.post(
        url,
        {"wensen-interests": ["meeting"], "wensen-interests_text": "zingen",
         "wensen-barriers": ["mobility"], "wensen-wishes": ["one_to_one"]},
    )  # fmt: skip
    assert response.status_code == 302
    needs = CaseNeeds.objects.get(case=case)
    assert (needs.interests, needs.barriers, needs.wishes) == (
        ["meeting"], ["mobility"], ["one_to_one"],
    )  # fmt: skip
    assert AuditEvent.objects.filter(action="case_needs_recorded", object_id=str(case.pk)).exists()


def test_the_match_page_says_what_it_used_and_what_is_missing(people, offer, client):
    caseworker = people[1]
    case = in_progress(people)
    login_verified(client, caseworker)
    url = reverse("signalling:case_matches", args=["zeist", case.pk])
    page = client.get(url).content.decode()
    assert "Er is nog geen meting" in page
    assert offer.name in page  # still matched by the rest
    age = (
        timezone.localdate().year
        - 1948
        - (timezone.localdate() < dt.date(timezone.localdate().year, 1, 15))
    )

    case_services.record_case_assessment(
        actor=caseworker, case=case, instrument="djg11", answers=EMOTIONAL_11,
        taken_on=dt.date(2026, 3, 3),
    )  # fmt: skip
    page = client.get(url).content.decode()
    assert "Op basis van de meting van 3 maart 2026: emotioneel eenzaam" in page
    assert f"{age} jaar" in page and "3701" in page
    assert "Er is nog geen meting" not in page
    assert "Verwijzen" in page


def test_the_match_page_says_when_referring_cannot_yet(people, offer, client):
    case = in_progress(people, consent=False)
    login_verified(client, people[1])
    page = client.get(reverse("signalling:case_matches", args=["zeist", case.pk])).content.decode()
    assert "Leg eerst de toestemming van de persoon vast." in page


def test_the_case_page_and_timeline_show_the_referral(people, offer, client):
    caseworker = people[1]
    case = in_progress(people)
    referral = refer(caseworker, case, offer, handover_note="Zoekt gezelschap.")
    login_verified(client, caseworker)
    page = client.get(reverse("signalling:case_detail", args=["zeist", case.pk])).content.decode()
    assert f"{offer.name}: voorgesteld" in page
    assert reverse("signalling:referral_detail", args=["zeist", referral.pk]) in page
    assert reverse("signalling:case_matches", args=["zeist", case.pk]) in page


# --- Isolation and erasure --------------------------------------------------------------------


def test_a_caseworker_of_another_municipality_cannot_see_or_refer(people, offer, client):
    case = in_progress(people)
    referral = refer(people[1], case, offer)
    stranger = member(Role.CASEWORKER, MunicipalityFactory())
    login_verified(client, stranger)
    for name, pk in [("case_matches", case.pk), ("case_needs", case.pk),
                     ("case_refer", case.pk), ("referral_detail", referral.pk)]:  # fmt: skip
        for slug in ("zeist", stranger.memberships.get().municipality.slug):
            url = reverse(f"signalling:{name}", args=[slug, pk])
            assert client.get(url).status_code in (403, 404), url
            assert client.post(url, {"verwijzen-initiative": offer.pk}).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        refer(stranger, case, offer)
    assert Referral.objects.count() == 1


def test_erasure_clears_the_needs_and_the_referral_notes(
    people, offer, django_capture_on_commit_callbacks
):
    coordinator, caseworker = people
    case = in_progress(people)
    services.record_needs(actor=caseworker, case=case, interests=["meeting"], barriers=["money"])
    with django_capture_on_commit_callbacks(execute=True):
        referral = refer(caseworker, case, offer, share=["name"], handover_note="Zoekt zang.")
    services.follow_up_referral(
        actor=caseworker, referral=referral, still_going=True, note="Gaat elke week."
    )
    case_services.close_case(actor=coordinator, case=case, outcome=Outcome.REFERRED)
    erase_case(case.pk, reason=Tombstone.Reason.REQUEST, actor=coordinator)

    assert not CaseNeeds.objects.filter(case=case).exists()
    referral.refresh_from_db()
    assert referral.outcome_note == "" and referral.shared == []
    assert referral.initiative == offer and referral.still_going is True  # for "what works"
    texts = case.events.filter(kind__in=["referral", "referral_follow_up"])
    assert set(texts.values_list("text", flat=True)) == {""}
    assert Tombstone.objects.filter(object_type="signalling.caseneeds").exists()
    assert Tombstone.objects.filter(object_type="signalling.referral").exists()


def test_another_referral_needs_a_referred_case_and_steps_may_follow_a_closed_one(people, offer):
    coordinator, caseworker = people
    case = in_progress(people)
    verdict = available_actions(case, caseworker)[Action.REFER_AGAIN]
    assert not verdict.allowed and "nog niet doorverwezen" in verdict.reason
    referral = refer(caseworker, case, offer)
    case_services.close_case(actor=coordinator, case=case, outcome=Outcome.REFERRED)
    # What happened with the referral may still be recorded after the case closed.
    services.move_referral(actor=caseworker, referral=referral, state=ReferralState.ACCEPTED)
    with pytest.raises(TransitionError, match="'Afgesloten' naar 'Doorverwezen'"):
        refer(caseworker, case, offer)


def test_the_case_api_shows_the_referral_steps_on_the_timeline(people, offer, client):
    coordinator, caseworker = people
    case = in_progress(people)
    referral = refer(caseworker, case, offer)
    login_verified(client, coordinator)
    timeline = client.get(f"/api/v1/cases/{case.pk}/").json()["timeline"]
    (step,) = [e for e in timeline if e["kind"] == "referral"]
    assert step["related_id"] == referral.pk and step["referral_state"] == "proposed"


def test_the_inzage_holds_the_needs_and_referrals(people, offer):
    from omzien.signalling.privacy.rights import export_resident

    coordinator, caseworker = people
    case = in_progress(people)
    services.record_needs(actor=caseworker, case=case, barriers=["money"], interests_text="koor")
    refer(caseworker, case, offer, proposed_on=days_ago(3))
    data = export_resident(actor=coordinator, resident=case.resident, as_format="json")
    (exported,) = [c for c in data["cases"] if c["number"] == case.pk]
    assert exported["needs"]["interests_text"] == "koor"
    assert exported["needs"]["barriers"] == ["Weinig geld"]
    (referral,) = exported["referrals"]
    assert referral["initiative"] == offer.name and referral["proposed_on"] == str(days_ago(3))
