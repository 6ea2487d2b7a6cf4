"""The public side of the signalling point: the three-step form, partner links, logged-in
reporters, self-referral, the status page and the reporter's own list (issue 4)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien.core.models import District, PostcodeArea
from omzien.core.navigation import navigation_for
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, TeamFactory, UserFactory, member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import Outcome
from omzien.signalling.extensions import register as register_navigation
from omzien.signalling.intake import services as intake_services
from omzien.signalling.intake.crisis import CRISIS_MESSAGE
from omzien.signalling.models import (
    Case,
    Channel,
    PartnerLink,
    PersonAware,
    Relation,
    Sign,
    Signal,
)
from omzien.signalling.secrets import hash_secret, new_secret
from omzien.signalling.settings import settings_of
from omzien.signalling.tests.factories import file_signal, go_live, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]

ABOUT = {
    "postcode": "3701 ab",
    "house_number": "12",
    "house_number_addition": "",
    "person_name": "",
}
CONCERN = {
    "signs": [Sign.CURTAINS_CLOSED, Sign.LETTERBOX_FULL],
    "concern": "Ik zie mevrouw al twee weken niet meer.",
    "person_aware": PersonAware.NO,
    "relation": Relation.NEIGHBOUR,
}
CONTACT = {"reporter_name": "", "reporter_phone": "", "reporter_email": ""}


@pytest.fixture(autouse=True)
def _zeist_is_live(request):
    """Zeist uses the signalling point in these tests (tests that need the database)."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        go_live()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_url(slug: str = "zeist") -> str:
    return reverse("signalling:signal_form", kwargs={"municipality_slug": slug})


def post_step(client, url: str, step: int, data: dict, action: str = "next", **extra):
    return client.post(url, {"step": step, "action": action, **data}, **extra)


def file_through_form(client, url=None, about=None, concern=None, contact=None):
    """Walk the three steps; returns the answer to the last one."""
    url = url or form_url()
    first = post_step(client, url, 1, {**ABOUT, **(about or {})})
    assert first.status_code == 302, first.content.decode()[:2000]
    second = post_step(client, url, 2, {**CONCERN, **(concern or {})})
    assert second.status_code == 302, second.content.decode()[:2000]
    return post_step(client, url, 3, {**CONTACT, **(contact or {})})


def only_signal() -> Signal:
    return Signal.objects.select_related("case").get()


# --- The three steps ------------------------------------------------------------------------


def test_anyone_files_a_signal_in_three_steps_and_gets_a_code(client):
    url = form_url()
    page = client.get(url)
    assert page.status_code == 200
    assert "Stap 1 van 3" in page.content.decode()

    answer = post_step(client, url, 1, {**ABOUT, "person_name": "Mevrouw De Vries"})
    assert answer.status_code == 302 and answer["Location"] == f"{url}?stap=2"
    answer = post_step(client, url, 2, CONCERN)
    assert answer["Location"] == f"{url}?stap=3"
    step3 = client.get(f"{url}?stap=3").content.decode()
    assert "3701 AB 12" in step3 and "Mevrouw De Vries" in step3  # the summary to check
    answer = post_step(client, url, 3, {**CONTACT, "reporter_name": "Buurman Jan"})
    received = reverse("signalling:signal_received", kwargs={"municipality_slug": "zeist"})
    assert answer.status_code == 302 and answer["Location"] == received

    signal = only_signal()
    assert signal.channel == Channel.PUBLIC_FORM
    assert (signal.postcode, signal.house_number) == ("3701 AB", "12")
    assert signal.person_name == "Mevrouw De Vries"
    assert signal.signs == [Sign.CURTAINS_CLOSED, Sign.LETTERBOX_FULL]
    assert signal.person_aware == PersonAware.NO and signal.relation == Relation.NEIGHBOUR
    assert signal.reporter_name == "Buurman Jan" and signal.reporter is None
    assert signal.organisation is None and not signal.urgent

    page = client.get(received)
    content = page.content.decode()
    assert signal.receipt_code in content
    assert settings_of(zeist()).received_text in content
    assert (
        reverse("signalling:signal_status_detail", kwargs={"code": signal.receipt_code}) in content
    )
    assert 'role="alert"' not in content
    # The draft is gone: a new report starts empty.
    assert "Mevrouw De Vries" not in client.get(url).content.decode()


def test_a_minimal_anonymous_signal_is_valid(client):
    answer = file_through_form(
        client,
        concern={
            "signs": [Sign.NOT_SEEN_OUTSIDE],
            "concern": "",
            "person_aware": "",
            "relation": "",
        },
    )
    assert answer.status_code == 302
    signal = only_signal()
    assert signal.signs == [Sign.NOT_SEEN_OUTSIDE]
    assert signal.person_aware == PersonAware.UNKNOWN
    assert not signal.has_reporter_contact


def test_step_two_needs_a_sign_or_some_words(client):
    url = form_url()
    post_step(client, url, 1, ABOUT)
    answer = post_step(client, url, 2, {"signs": [], "concern": "  ", "person_aware": "yes"})
    content = answer.content.decode()
    assert answer.status_code == 200
    assert 'href="#id_signs_0"' in content  # the error summary leads to the first option
    assert re.search(r'value="yes"[^>]*checked', content)  # the chosen answer stays


def test_invalid_input_keeps_everything_typed_and_links_errors_to_fields(client):
    url = form_url()
    answer = post_step(
        client,
        url,
        1,
        {**ABOUT, "postcode": "37O1", "person_name": "Piet Puk", "house_number": "x"},
    )
    content = answer.content.decode()
    assert answer.status_code == 200
    assert "Controleer wat u heeft ingevuld" in content
    assert 'href="#id_postcode"' in content and 'href="#id_house_number"' in content
    assert 'value="37O1"' in content and 'value="Piet Puk"' in content
    assert 'aria-invalid="true"' in content
    assert "<title>Fout:" in content
    # Still there when the page is opened again.
    assert 'value="Piet Puk"' in client.get(url).content.decode()


def test_going_back_keeps_what_was_typed_on_every_step(client):
    url = form_url()
    post_step(client, url, 1, {**ABOUT, "person_name": "Mevrouw Jansen"})
    answer = post_step(client, url, 2, {"concern": "Half af", "signs": []}, action="back")
    assert answer["Location"] == url
    assert 'value="Mevrouw Jansen"' in client.get(url).content.decode()
    assert "Half af" in client.get(f"{url}?stap=2").content.decode()


def test_a_later_step_cannot_be_skipped_to(client):
    url = form_url()
    assert client.get(f"{url}?stap=3")["Location"] == url
    post_step(client, url, 1, ABOUT)
    assert client.get(f"{url}?stap=3")["Location"] == f"{url}?stap=2"
    assert client.get(f"{url}?stap=banaan").status_code == 200


def test_an_expired_session_loses_nothing_thanks_to_the_signed_draft(client, django_user_model):
    from django.test import Client

    url = form_url()
    post_step(client, url, 1, ABOUT)
    post_step(client, url, 2, CONCERN)
    token = re.search(r'name="draft" value="([^"]+)"', client.get(f"{url}?stap=3").content.decode())
    fresh = Client()  # a new session, as after the idle timeout
    answer = post_step(fresh, url, 3, {**CONTACT, "draft": token.group(1)})
    assert answer.status_code == 302
    assert only_signal().concern == CONCERN["concern"]


def test_a_tampered_draft_is_ignored(client):
    url = form_url()
    answer = post_step(client, url, 3, {**CONTACT, "draft": "nep:token"})
    assert answer.status_code == 302 and answer["Location"] == url
    assert not Signal.objects.exists()


def test_unknown_municipality_is_404(client):
    assert client.get(form_url("bestaat-niet")).status_code == 404


# --- Channels ------------------------------------------------------------------------------------


def make_partner_link(municipality, **kwargs):
    token = new_secret()
    organisation = OrganisationFactory(municipality=municipality, name="Apotheek De Linde")
    link = PartnerLink.objects.create(
        organisation=organisation,
        municipality=municipality,
        token_hash=hash_secret(token),
        **kwargs,
    )
    return link, token


def partner_url(token: str, slug: str = "zeist") -> str:
    return reverse(
        "signalling:partner_signal_form", kwargs={"municipality_slug": slug, "token": token}
    )


def test_a_partner_link_records_its_organisation(client):
    link, token = make_partner_link(zeist())
    url = partner_url(token)
    page = client.get(url).content.decode()
    assert "Apotheek De Linde" in page
    post_step(client, url, 1, ABOUT)
    # The relation is pre-filled with "via my work" for a partner.
    assert re.search(
        r'value="professional"[^>]*checked', client.get(f"{url}?stap=2").content.decode()
    )
    post_step(client, url, 2, CONCERN)
    assert post_step(client, url, 3, CONTACT).status_code == 302
    signal = only_signal()
    assert signal.channel == Channel.PARTNER_LINK
    assert signal.organisation == link.organisation


def test_revoked_unknown_and_foreign_partner_links_are_404(client):
    from django.utils import timezone

    from omzien.core.models import Municipality

    _link, revoked = make_partner_link(zeist(), revoked_at=timezone.now())
    utrecht = Municipality.objects.get(code="GM0344")
    _other, foreign = make_partner_link(utrecht)
    assert client.get(partner_url(revoked)).status_code == 404
    assert client.get(partner_url("geen-echte-sleutel")).status_code == 404
    assert client.get(partner_url(foreign)).status_code == 404
    assert client.get(partner_url("x" * 300)).status_code == 404
    assert post_step(client, partner_url(revoked), 1, ABOUT).status_code == 404


def test_a_logged_in_reporter_files_for_their_organisation(client_as):
    municipality = zeist()
    client = client_as(Role.REPORTER, municipality, first_name="Sanne", last_name="Signaal")
    organisation = OrganisationFactory(municipality=municipality, name="Woningstichting")
    client.user.memberships.update(organisation=organisation)
    url = reverse("signalling:reporter_signal_form", kwargs={"municipality_slug": "zeist"})
    assert "Woningstichting" in client.get(url).content.decode()
    post_step(client, url, 1, ABOUT)
    post_step(client, url, 2, CONCERN)
    step3 = client.get(f"{url}?stap=3").content.decode()
    assert 'value="Sanne Signaal"' in step3  # pre-filled, may be changed
    answer = post_step(client, url, 3, {**CONTACT, "reporter_name": "Sanne Signaal"})
    assert answer["Location"] == reverse(
        "signalling:reporter_signal_received", kwargs={"municipality_slug": "zeist"}
    )
    signal = only_signal()
    assert signal.channel == Channel.REPORTER
    assert signal.reporter == client.user
    assert signal.organisation == organisation
    received = client.get(answer["Location"]).content.decode()
    assert signal.receipt_code in received
    assert reverse("signalling:reporter_signals", kwargs={"municipality_slug": "zeist"}) in received


def test_only_reporters_use_the_reporter_form(client_as):
    url = reverse("signalling:reporter_signal_form", kwargs={"municipality_slug": "zeist"})
    assert client_as(Role.POLICY, zeist()).get(url).status_code == 403


def test_self_referral_is_a_short_form_about_yourself(client):
    url = reverse("signalling:self_referral", kwargs={"municipality_slug": "zeist"})
    page = client.get(url).content.decode()
    assert 'autocomplete="postal-code"' in page and 'autocomplete="tel"' in page
    answer = client.post(
        url,
        {
            "postcode": "3705AB",
            "house_number": "7",
            "name": "Henk",
            "phone": "06 12345678",
            "message": "Ik zit veel alleen en wil graag eens praten.",
        },
    )
    assert answer.status_code == 302
    signal = only_signal()
    assert signal.channel == Channel.SELF_REFERRAL
    assert signal.relation == Relation.SELF and signal.person_aware == PersonAware.YES
    assert signal.reporter_phone == "06 12345678" and signal.person_name == "Henk"
    assert signal.reporter is None
    assert signal.receipt_code in client.get(answer["Location"]).content.decode()


def test_self_referral_keeps_input_on_errors(client):
    url = reverse("signalling:self_referral", kwargs={"municipality_slug": "zeist"})
    answer = client.post(url, {"postcode": "", "house_number": "7", "name": "Henk"})
    assert answer.status_code == 200
    content = answer.content.decode()
    assert 'value="Henk"' in content and 'href="#id_postcode"' in content
    assert not Signal.objects.exists()


# --- Triage: joining, routing, crisis --------------------------------------------------------


def test_a_second_signal_about_the_same_address_joins_the_open_case(client):
    file_through_form(client)
    file_through_form(client, about={"postcode": "3701AB"}, concern={"concern": "Weer dicht."})
    assert Case.objects.count() == 1
    assert Signal.objects.filter(case=Case.objects.get()).count() == 2


def test_routing_by_postcode_goes_to_the_district_and_its_team(client):
    municipality = zeist()
    district = PostcodeArea.objects.get(pc4="3701").district
    assert district.municipality == municipality
    team = TeamFactory(municipality=municipality, name="Team Centrum")
    team.districts.add(district)
    file_through_form(client)
    case = only_signal().case
    assert case.district == district and case.team == team


@pytest.mark.issue(8)
@pytest.mark.parametrize(
    ("postcode", "check"),
    [("1000 AA", "unknown"), ("1012 AB", "elsewhere")],
    ids=["unknown", "amsterdam"],
)
def test_unknown_or_foreign_postcodes_are_checked_then_go_to_the_coordinator(
    client, postcode, check
):
    team = TeamFactory(municipality=zeist())
    team.districts.set(District.objects.filter(municipality=zeist()))
    url = form_url()
    # Not confirmed: the reporter is told, and what was typed stays.
    response = post_step(client, url, 1, {**ABOUT, "postcode": postcode})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="postcode-place"' in page
    expected = "Wij kennen postcode" if check == "unknown" else "ligt in de gemeente Amsterdam"
    assert expected in page and f'value="{postcode}"' in page
    assert not Signal.objects.exists()
    # Confirmed: it goes to Zeist, to the coordinator, and the case says so.
    answer = file_through_form(client, about={"postcode": postcode, "postcode_confirmed": "on"})
    assert answer.status_code == 302
    signal = only_signal()
    assert signal.case.district is None and signal.case.team is None
    assert signal.postcode_check == check


def test_crisis_text_shows_112_113_before_sending_and_mails_only_code_and_link(
    client, django_capture_on_commit_callbacks
):
    municipality = zeist()
    member(Role.COORDINATOR, municipality, email="kartrekker@zeist.example")
    url = form_url()
    post_step(client, url, 1, {**ABOUT, "person_name": "Gerrit Geheim"})
    post_step(client, url, 2, {**CONCERN, "concern": "Hij zegt dat hij er een eind aan wil maken"})
    step3 = client.get(f"{url}?stap=3").content.decode()
    assert 'role="alert"' in step3 and CRISIS_MESSAGE in step3  # before sending

    with django_capture_on_commit_callbacks(execute=True):
        answer = post_step(client, url, 3, {**CONTACT, "reporter_name": "Melder Mol"})
    signal = only_signal()
    assert signal.urgent and signal.case.urgent

    receipt = client.get(answer["Location"]).content.decode()
    assert 'role="alert"' in receipt and CRISIS_MESSAGE in receipt
    assert receipt.index(CRISIS_MESSAGE) < receipt.index(signal.receipt_code)  # at once

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kartrekker@zeist.example"]
    text = f"{message.subject}\n{message.body}"
    assert signal.receipt_code in text
    assert f"/meldingen/{signal.case_id}/" in text
    for secret in ("Gerrit", "Geheim", "3701", "eind aan", "Melder Mol"):
        assert secret not in text, secret


def test_html_in_any_text_is_shown_escaped(client):
    url = form_url()
    evil = '<script>alert("x")</script><b>vet</b>'
    post_step(client, url, 1, {**ABOUT, "person_name": evil})
    post_step(client, url, 2, {**CONCERN, "concern": evil})
    page = client.get(f"{url}?stap=3").content.decode()
    assert "<script>alert" not in page and "<b>vet</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    answer = post_step(client, url, 3, {**CONTACT, "reporter_name": evil})
    assert only_signal().person_name == evil  # stored as typed, escaped when shown
    assert "<script>" not in client.get(answer["Location"]).content.decode()


# --- Bad input ------------------------------------------------------------------------------------


def test_a_concern_over_5000_characters_is_refused_but_kept(client):
    url = form_url()
    post_step(client, url, 1, ABOUT)
    answer = post_step(client, url, 2, {**CONCERN, "concern": "a" * 5001})
    assert answer.status_code == 200
    assert "5000" in answer.content.decode()
    assert 'maxlength="5000"' in answer.content.decode()
    assert not Signal.objects.exists()


def test_a_too_large_body_is_refused_without_a_500(client):
    url = form_url()
    huge = "x" * (3 * 1024 * 1024)
    answer = post_step(client, url, 2, {**CONCERN, "concern": huge})
    assert answer.status_code in (400, 413)
    assert not Signal.objects.exists()
    many = {f"veld{i}": "x" for i in range(1500)}
    assert client.post(url, many).status_code in (400, 413)
    self_url = reverse("signalling:self_referral", kwargs={"municipality_slug": "zeist"})
    assert client.post(self_url, {"message": huge}).status_code in (400, 413)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    step=st.sampled_from(["1", "2", "3", "0", "-1", "x", ""]),
    action=st.sampled_from(["next", "back", "goto-2", "goto-x", ""]),
    text=st.text(max_size=300),
    signs=st.lists(st.text(max_size=20), max_size=3),
)
def test_arbitrary_input_never_causes_a_500(client, step, action, text, signs):
    url = form_url()
    data = {
        "step": step,
        "action": action,
        "postcode": text,
        "house_number": text[:8],
        "person_name": text,
        "signs": signs,
        "concern": text,
        "person_aware": text[:5],
        "relation": text[:5],
        "reporter_email": text,
        "reporter_phone": text,
        "draft": text,
    }
    assert client.post(url, data).status_code < 500
    assert client.get(url, {"stap": text[:5]}).status_code < 500
    self_url = reverse("signalling:self_referral", kwargs={"municipality_slug": "zeist"})
    assert client.post(self_url, {"postcode": text, "message": text}).status_code < 500
    assert client.get(reverse("signalling:signal_status"), {"code": text}).status_code < 500


# --- Status page ----------------------------------------------------------------------------------


def status_url(code: str) -> str:
    return reverse("signalling:signal_status_detail", kwargs={"code": code})


def test_status_shows_only_the_public_status_and_the_standard_text(client):
    coordinator = member(Role.COORDINATOR, zeist())
    caseworker = member(Role.CASEWORKER, zeist())
    texts = settings_of(zeist())
    result = file_signal(person_name="Truus Geheim", concern="Gordijnen dicht bij Truus.")
    code = result.signal.receipt_code

    page = client.get(status_url(code))
    content = page.content.decode()
    assert page.status_code == 200 and "Ontvangen" in content and texts.received_text in content

    case = services.assign_case(actor=coordinator, case=result.case, caseworker=caseworker)
    services.log_attempt(actor=caseworker, case=case, method="phone", reached=True)
    services.add_note(actor=caseworker, case=case, text="Vertrouwelijk gesprek met Truus.")
    content = client.get(status_url(code)).content.decode()
    assert "In behandeling" in content and texts.in_progress_text in content

    services.close_case(actor=caseworker, case=case, outcome=Outcome.SUPPORTED)
    content = client.get(status_url(code.lower().replace("-", " "))).content.decode()
    assert "Afgerond" in content and texts.closed_text in content
    for secret in ("Truus", "Geheim", "Gordijnen", "3701", "Vertrouwelijk", "Ondersteund"):
        assert secret not in content


def test_a_signal_joining_a_running_case_does_not_reveal_the_follow_up(client):
    coordinator = member(Role.COORDINATOR, zeist())
    caseworker = member(Role.CASEWORKER, zeist())
    first = file_signal()
    services.assign_case(actor=coordinator, case=first.case, caseworker=caseworker)
    second = file_signal(concern="Ik wil weten of hier al iemand mee bezig is.")
    assert second.joined_existing_case
    assert "Ontvangen" in client.get(status_url(second.signal.receipt_code)).content.decode()
    services.log_attempt(actor=caseworker, case=first.case, method="phone", reached=True)
    content = client.get(status_url(second.signal.receipt_code)).content.decode()
    assert "In behandeling" in content


def test_an_unknown_code_gets_the_same_friendly_page(client):
    known = file_signal().signal.receipt_code
    found = client.get(status_url(known))
    for code in ("ABCD-2345", "nonsense", "x" * 100):
        missing = client.get(status_url(code))
        assert missing.status_code == 404
        assert missing.templates[0].name == found.templates[0].name
        assert "We vinden geen melding met deze code" in missing.content.decode()


def test_the_status_form_leads_to_the_status_page(client):
    code = file_signal().signal.receipt_code
    answer = client.get(
        reverse("signalling:signal_status"), {"code": code.lower().replace("-", "")}
    )
    assert answer["Location"] == status_url(code)
    wrong = client.get(reverse("signalling:signal_status"), {"code": "12"})
    assert wrong.status_code == 200 and 'href="#id_code"' in wrong.content.decode()


# --- Rate limiting ------------------------------------------------------------------------------


def test_the_form_is_rate_limited_per_client_without_losing_input(client, settings):
    settings.OMZIEN_PUBLIC_FORM_RATE = "1/h"
    assert file_through_form(client).status_code == 302
    answer = file_through_form(
        client,
        about={"person_name": "Tante Truus"},
        concern={"concern": "Nog een zorg over Truus."},
        contact={"reporter_name": "Ingevuld Door Mij", "reporter_phone": "030 1234567"},
    )
    assert answer.status_code == 429
    assert int(answer["Retry-After"]) > 0
    content = answer.content.decode()
    assert "Wat u heeft ingevuld, staat er nog" in content
    assert 'value="Ingevuld Door Mij"' in content and 'value="030 1234567"' in content
    assert "Tante Truus" in content and "Nog een zorg over Truus." in content
    assert Signal.objects.count() == 1
    # The draft survives for a later try.
    assert "Tante Truus" in client.get(f"{form_url()}?stap=3").content.decode()

    # Another client is not affected.
    from django.test import Client

    other = Client(REMOTE_ADDR="192.0.2.99")
    assert file_through_form(other).status_code == 302


def test_self_referral_is_rate_limited_too(client, settings):
    settings.OMZIEN_PUBLIC_FORM_RATE = "1/h"
    url = reverse("signalling:self_referral", kwargs={"municipality_slug": "zeist"})
    data = {"postcode": "3705 AB", "house_number": "7", "name": "Henk"}
    assert client.post(url, data).status_code == 302
    answer = client.post(url, data)
    assert answer.status_code == 429 and 'value="Henk"' in answer.content.decode()


def test_status_look_ups_are_rate_limited(client, settings):
    settings.OMZIEN_STATUS_RATE = "2/h"
    assert client.get(status_url("ABCD-2345")).status_code == 404
    assert client.get(status_url("ABCD-2346")).status_code == 404
    assert client.get(status_url("ABCD-2347")).status_code == 429


# --- Reporter pages ---------------------------------------------------------------------------


def test_the_reporter_sees_own_and_organisation_signals_without_personal_details(client_as):
    municipality = zeist()
    organisation = OrganisationFactory(municipality=municipality, name="Buurtsuper")
    client = client_as(Role.REPORTER, municipality)
    client.user.memberships.update(organisation=organisation)
    colleague = member(Role.REPORTER, municipality)
    colleague.memberships.update(organisation=organisation)
    mine = file_signal(
        actor=client.user, channel=Channel.REPORTER, person_name="Opa Geheim", house_number="3"
    ).signal
    Signal.objects.filter(pk=mine.pk).update(organisation=organisation)
    theirs = intake_services.submit_signal(
        actor=colleague,
        municipality=municipality,
        channel=Channel.REPORTER,
        organisation=organisation,
        data=intake_services.SignalInput(postcode="3702 AB", house_number="8", concern="Oma Zorg"),
    ).signal
    stranger = file_signal(house_number="99", concern="Niet van hen").signal

    url = reverse("signalling:reporter_signals", kwargs={"municipality_slug": "zeist"})
    content = client.get(url).content.decode()
    assert mine.receipt_code in content and theirs.receipt_code in content
    assert stranger.receipt_code not in content
    assert "Ontvangen" in content
    for secret in ("Opa", "Geheim", "3701", "3702", "Oma Zorg", "Niet van hen"):
        assert secret not in content
    assert (
        reverse("signalling:reporter_signal_form", kwargs={"municipality_slug": "zeist"}) in content
    )


def test_a_reporter_without_organisation_sees_only_own_signals(client_as):
    municipality = zeist()
    client = client_as(Role.REPORTER, municipality)
    other = member(Role.REPORTER, municipality)
    mine = file_signal(actor=client.user, channel=Channel.REPORTER).signal
    theirs = file_signal(actor=other, channel=Channel.REPORTER, house_number="5").signal
    content = client.get(
        reverse("signalling:reporter_signals", kwargs={"municipality_slug": "zeist"})
    )
    assert mine.receipt_code in content.content.decode()
    assert theirs.receipt_code not in content.content.decode()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.POLICY, Role.VOLUNTEER])
def test_other_roles_have_no_reporter_list(client_as, role):
    url = reverse("signalling:reporter_signals", kwargs={"municipality_slug": "zeist"})
    assert client_as(role, zeist()).get(url).status_code == 403


def test_the_navigation_offers_the_reporter_pages(rf):
    register_navigation()
    reporter = member(Role.REPORTER, zeist())
    labels = [item.label for item in navigation_for(reporter, zeist(), "/")]
    assert "Zorgen melden" in labels and "Mijn meldingen" in labels
    caseworker = member(Role.CASEWORKER, zeist(), user=UserFactory())
    labels = [item.label for item in navigation_for(caseworker, zeist(), "/")]
    assert "Mijn meldingen" not in labels


def test_the_receipt_page_without_a_receipt_is_friendly(client):
    page = client.get(reverse("signalling:signal_received", kwargs={"municipality_slug": "zeist"}))
    assert page.status_code == 200
    assert "Geen melding gevonden" in page.content.decode()


@pytest.mark.parametrize(
    ("typed", "addition", "expected"),
    [
        ("12a", "", ("12", "A")),
        ("12 bis", "", ("12", "BIS")),
        ("12-2", "", ("12", "2")),
        ("12", "b", ("12", "B")),
    ],
)
def test_a_letter_typed_with_the_house_number_becomes_the_addition(
    client, typed, addition, expected
):
    file_through_form(client, about={"house_number": typed, "house_number_addition": addition})
    signal = only_signal()
    assert (signal.house_number, signal.house_number_addition) == expected


def test_two_different_additions_are_questioned(client):
    url = form_url()
    answer = post_step(
        client, url, 1, {**ABOUT, "house_number": "12a", "house_number_addition": "b"}
    )
    assert answer.status_code == 200
    assert 'href="#id_house_number_addition"' in answer.content.decode()
