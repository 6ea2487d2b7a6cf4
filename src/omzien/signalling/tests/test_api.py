"""The signalling API: the partner intake (API keys, idempotency, problem+json, accept then
process) and the private case API (session or personal token, scoping, workflow errors as
409)."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import uuid

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omzien.core.models import AuditEvent, Membership
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    login_verified,
    member,
)
from omzien.signalling.api.partner import request_hash_of as _request_hash
from omzien.signalling.cases.services import assign_case, log_attempt, record_consent
from omzien.signalling.intake import inbox as intake
from omzien.signalling.intake import services as intake_services
from omzien.signalling.intake.crisis import CRISIS_MESSAGE
from omzien.signalling.models import AcceptedSignal, ApiKey, Case, CaseEvent, Channel, Signal
from omzien.signalling.privacy import retention
from omzien.signalling.settings import settings_of
from omzien.signalling.setup.services import create_api_key, revoke_api_key
from omzien.signalling.tests.factories import file_signal, go_live, zeist

pytestmark = pytest.mark.issue(4)

SIGNALS = "/api/v1/signals/"
MINIMAL = {"postcode": "3701 AB", "house_number": "12", "concern": "Zie haar al weken niet."}


def case_url(case, action: str = "") -> str:
    return f"/api/v1/cases/{case.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def coordinator(db):
    return member(Role.COORDINATOR, zeist())


@pytest.fixture
def partner(db):
    return OrganisationFactory(municipality=zeist(), name="Bibliotheek Zeist")


@pytest.fixture(autouse=True)
def _zeist_is_live(request):
    """Zeist uses the signalling point in these tests (tests that need the database)."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        go_live()


@pytest.fixture
def api_key(coordinator, partner) -> str:
    return create_api_key(actor=coordinator, organisation=partner, name="Balie-app").secret


def post_signal(client, key: str | None, body, idempotency_key: str | None = "", **headers):
    if key is not None:
        headers["Authorization"] = f"Api-Key {key}"
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key or str(uuid.uuid4())
    raw = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(
        SIGNALS,
        data=raw,
        content_type=headers.pop("content_type", "application/json"),
        headers=headers,
    )


def processed(response) -> Signal:
    """Run the intake processor; the signal the 201 became."""
    assert response.status_code == 201, response.content[:500]
    intake.process_pending()
    return Signal.objects.get(receipt_code=response.json()["receipt_code"])


def nothing_stored() -> bool:
    return not AcceptedSignal.objects.exists() and not Signal.objects.exists()


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


# --- API keys ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_key_is_shown_once_and_stored_only_as_a_keyed_hash(coordinator, partner):
    issued = create_api_key(actor=coordinator, organisation=partner, name="Balie-app")
    stored = ApiKey.objects.get(pk=issued.record.pk)
    assert issued.secret not in {stored.key_hash, stored.prefix, stored.name}
    assert issued.secret.removeprefix("oz_").startswith(stored.prefix)
    assert len(stored.key_hash) == 64
    assert stored.organisation == partner and stored.municipality == zeist()


@pytest.mark.django_db
def test_a_revoked_key_is_refused(client, coordinator, partner):
    issued = create_api_key(actor=coordinator, organisation=partner, name="Oud")
    assert post_signal(client, issued.secret, MINIMAL).status_code == 201
    revoke_api_key(actor=coordinator, api_key=issued.record)
    response = post_signal(client, issued.secret, MINIMAL)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Api-Key")
    # The fast path checks the key inside its INSERT: a revoked key stores nothing.
    assert AcceptedSignal.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "authorization",
    [None, "Api-Key", "Api-Key oz_wrong", "Api-Key a b", "Bearer x", "Api-Key " + "x" * 600],
)
def test_missing_or_wrong_credentials_get_401(client, api_key, authorization):
    headers = {"Idempotency-Key": "k-1"}
    if authorization:
        headers["Authorization"] = authorization
    response = client.post(
        SIGNALS, data=json.dumps(MINIMAL), content_type="application/json", headers=headers
    )
    assert response.status_code in (401, 403)
    assert_problem(response, response.status_code)
    assert nothing_stored()


@pytest.mark.django_db
def test_a_key_with_the_right_prefix_but_wrong_secret_is_refused(client, api_key):
    forged = api_key[:-4] + ("AAAA" if not api_key.endswith("AAAA") else "BBBB")
    assert_problem(post_signal(client, forged, MINIMAL), 401)
    assert nothing_stored()


@pytest.mark.django_db
def test_a_staff_session_is_no_partner_credential(client, coordinator):
    login_verified(client, coordinator)
    assert_problem(post_signal(client, None, MINIMAL), 401)


# --- Intake: accept, then process ----------------------------------------------------------


@pytest.mark.django_db
def test_a_201_stores_one_intake_and_nothing_else(client, api_key, partner):
    """The request path is one INSERT: no signal, case, event or audit row yet."""
    audit_before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = post_signal(client, api_key, MINIMAL, "only-an-intake")
    assert response.status_code == 201
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert len(writes) == 1 and "signalling_acceptedsignal" in writes[0]
    assert len(queries.captured_queries) == 1  # the insert, which checks the API key too
    assert not Signal.objects.exists() and not Case.objects.exists()
    assert not CaseEvent.objects.exists() and AuditEvent.objects.count() == audit_before
    stored = AcceptedSignal.objects.get()
    assert stored.receipt_code == response.json()["receipt_code"]
    assert (stored.organisation, stored.municipality) == (partner, zeist())
    assert stored.idempotency_key == "only-an-intake" and len(stored.request_hash) == 64
    assert stored.channel == Channel.PARTNER_API and stored.processed_at is None
    assert (
        stored.payload["postcode"] == "3701 AB" and stored.payload["concern"] == MINIMAL["concern"]
    )
    assert stored.urgent is False and stored.crisis_words == []


@pytest.mark.django_db
def test_a_minimal_signal_is_stored_for_the_keys_organisation_and_municipality(
    client, api_key, partner
):
    elsewhere = MunicipalityFactory()
    body = {**MINIMAL, "municipality": elsewhere.code, "organisation": 999999}
    response = post_signal(client, api_key, body)
    assert response.status_code == 201
    answer = response.json()
    assert answer == {
        "receipt_code": answer["receipt_code"],
        "status": "received",
        "urgent": False,
        "crisis_message": None,
    }
    assert "Idempotent-Replayed" not in response
    signal = processed(response)
    assert signal.channel == Channel.PARTNER_API
    assert signal.organisation == partner
    assert signal.municipality == zeist()
    assert (signal.postcode, signal.house_number) == ("3701 AB", "12")


@pytest.mark.django_db
def test_processing_makes_exactly_one_signal_and_case_with_the_same_receipt_code(
    client, api_key, partner
):
    response = post_signal(client, api_key, MINIMAL, "one-signal")
    code = response.json()["receipt_code"]
    assert intake.process_pending() == intake.ProcessCounts(processed=1, failed=0)
    signal = Signal.objects.get()
    assert signal.receipt_code == code
    assert (signal.idempotency_key, signal.organisation) == ("one-signal", partner)
    stored = AcceptedSignal.objects.get()
    assert signal.request_hash == stored.request_hash
    assert Case.objects.get() == signal.case
    assert CaseEvent.objects.filter(case=signal.case, kind=CaseEvent.Kind.SIGNAL).count() == 1
    assert AuditEvent.objects.filter(action="signal_received").count() == 1
    # Processed: linked, and the personal data lives on the signal only.
    assert stored.signal == signal and stored.processed_at is not None
    assert stored.payload == {} and stored.attempts == 0 and stored.error == ""
    # Processing again (or a second processor) finds nothing to do.
    assert intake.process_pending() == intake.ProcessCounts()
    assert intake.process_one() is None
    assert Signal.objects.count() == 1 and Case.objects.count() == 1


@pytest.mark.django_db
def test_the_deadline_counts_from_acceptance(client, api_key):
    response = post_signal(client, api_key, MINIMAL)
    accepted_at = timezone.now() - dt.timedelta(hours=2)
    AcceptedSignal.objects.update(created_at=accepted_at)  # processed late, e.g. after retries
    case = processed(response).case
    hours = settings_of(zeist()).first_contact_hours
    assert (
        abs(case.contact_deadline - (accepted_at + dt.timedelta(hours=hours))).total_seconds() < 1
    )


@pytest.mark.django_db
def test_a_full_signal_keeps_every_field(client, api_key):
    body = {
        "postcode": "3701ab",
        "house_number": "7",
        "house_number_addition": "bis",
        "person_name": "Mevrouw De Vries",
        "signs": ["curtains_closed", "letterbox_full", "curtains_closed"],
        "concern": "De brievenbus puilt uit.",
        "person_aware": "no",
        "relation": "neighbour",
        "reporter": {"name": "Piet", "email": "piet@example.org", "phone": "06-12345678"},
    }
    signal = processed(post_signal(client, api_key, body))
    assert signal.postcode == "3701 AB" and signal.house_number_addition == "BIS"
    assert signal.signs == ["curtains_closed", "letterbox_full"]
    assert (signal.person_aware, signal.relation) == ("no", "neighbour")
    assert (signal.reporter_name, signal.reporter_email, signal.reporter_phone) == (
        "Piet",
        "piet@example.org",
        "06-12345678",
    )
    assert AcceptedSignal.objects.get().payload == {}


@pytest.mark.django_db
def test_crisis_words_answer_urgent_with_the_112_113_message(client, api_key):
    body = {**MINIMAL, "concern": "Hij zei dat hij niet meer wil leven."}
    response = post_signal(client, api_key, body)
    answer = response.json()
    assert answer["urgent"] is True
    assert answer["crisis_message"] == CRISIS_MESSAGE
    assert "113" in answer["crisis_message"] and "112" in answer["crisis_message"]
    stored = AcceptedSignal.objects.get()
    assert stored.urgent is True and stored.crisis_words
    signal = processed(response)
    assert signal.urgent and signal.case.urgent and signal.crisis_words == stored.crisis_words


@pytest.mark.django_db
def test_urgent_intakes_are_processed_first_and_mail_the_coordinator_code_and_link_only(
    client, api_key, coordinator, django_capture_on_commit_callbacks
):
    calm = post_signal(client, api_key, {**MINIMAL, "person_name": "Truus Geheim"}).json()
    concern = "Zij wil niet meer leven, zegt ze."
    body = {**MINIMAL, "house_number": "14", "person_name": "Truus Geheim", "concern": concern}
    urgent = post_signal(client, api_key, body).json()
    assert mail.outbox == []  # nothing is sent on the request path
    with django_capture_on_commit_callbacks(execute=True):
        assert intake.process_one() == "processed"
    # The urgent one went first, although it came in second.
    assert Signal.objects.get().receipt_code == urgent["receipt_code"]
    assert AcceptedSignal.objects.get(receipt_code=calm["receipt_code"]).processed_at is None
    [message] = mail.outbox
    assert message.to == [coordinator.email]
    assert urgent["receipt_code"] in message.subject and urgent["receipt_code"] in message.body
    case_link = reverse(
        "signalling:case_detail",
        kwargs={"municipality_slug": "zeist", "pk": Signal.objects.get().case_id},
    )
    assert case_link in message.body
    for secret in ("Truus", "Geheim", "3701", "niet meer leven", concern):
        assert secret not in message.subject + message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert intake.process_one() == "processed"
    assert len(mail.outbox) == 1  # the calm one sends nothing


@pytest.mark.django_db
def test_a_failing_intake_records_the_error_and_is_retried(client, api_key, monkeypatch):
    response = post_signal(client, api_key, MINIMAL)
    real = intake_services.submit_signal

    def broken(**kwargs):
        raise RuntimeError("routing table unavailable")

    monkeypatch.setattr(intake_services, "submit_signal", broken)
    assert intake.process_pending() == intake.ProcessCounts(processed=0, failed=1)
    stored = AcceptedSignal.objects.get()
    assert stored.processed_at is None and stored.signal is None
    assert stored.attempts == 1 and "routing table unavailable" in stored.error
    assert stored.retry_at > timezone.now()
    assert stored.payload["concern"] == MINIMAL["concern"]  # kept for the retry
    assert not Signal.objects.exists() and not Case.objects.exists()
    # Not tried again before its pause ends, then tried again.
    assert intake.process_pending() == intake.ProcessCounts()
    monkeypatch.setattr(intake_services, "submit_signal", real)
    AcceptedSignal.objects.update(retry_at=timezone.now() - dt.timedelta(seconds=1))
    assert intake.process_pending() == intake.ProcessCounts(processed=1, failed=0)
    stored.refresh_from_db()
    assert stored.signal.receipt_code == response.json()["receipt_code"]
    assert stored.error == "" and stored.retry_at is None and stored.attempts == 1


def test_the_retry_pause_grows_to_an_hour():
    pauses = [intake.retry_pause(n).total_seconds() for n in (1, 2, 3, 20, 10_000)]
    assert pauses == [5, 10, 20, 3600, 3600]


@pytest.mark.django_db
def test_an_intake_waiting_longer_than_a_day_is_an_alarm(client, api_key, caplog):
    post_signal(client, api_key, MINIMAL)
    assert not intake.queue_state().alarm
    call_command("process_intake", "--check", stdout=io.StringIO())
    AcceptedSignal.objects.update(
        created_at=timezone.now() - dt.timedelta(days=1, minutes=1),
        attempts=3,
        retry_at=timezone.now() + dt.timedelta(hours=1),
    )
    state = intake.queue_state()
    assert (state.pending, state.failing, state.stale, state.alarm) == (1, 1, 1, True)
    with pytest.raises(CommandError):
        call_command("process_intake", "--check", stdout=io.StringIO())
    assert "ALARM" in caplog.text and MINIMAL["concern"] not in caplog.text


@pytest.mark.django_db
def test_the_process_intake_command_drains_the_queue(client, api_key, capsys):
    for number in ("1", "2", "3"):
        post_signal(client, api_key, {**MINIMAL, "house_number": number})
    call_command("process_intake")
    assert "processed=3 failed=0" in capsys.readouterr().out
    assert Signal.objects.count() == 3 and not AcceptedSignal.objects.filter(signal=None).exists()


@pytest.mark.django_db
def test_the_status_page_says_received_for_a_code_not_yet_processed(client, api_key):
    code = post_signal(client, api_key, MINIMAL).json()["receipt_code"]
    url = reverse("signalling:signal_status_detail", kwargs={"code": code})
    pending = client.get(url)
    assert pending.status_code == 200
    assert "Ontvangen" in pending.content.decode() and code in pending.content.decode()
    assert "3701" not in pending.content.decode()
    intake.process_pending()
    done = client.get(url)
    assert done.status_code == 200 and "Ontvangen" in done.content.decode()
    unknown = client.get(reverse("signalling:signal_status_detail", kwargs={"code": "ZZZZ-ZZZZ"}))
    assert unknown.status_code == 404


@pytest.mark.django_db
def test_retention_erasing_the_case_removes_its_intake_row(client, api_key):
    signal = processed(post_signal(client, api_key, MINIMAL))
    Case.objects.filter(pk=signal.case_id).update(state="closed", closed_at=timezone.now())
    assert retention.erase_case(signal.case_id, reason="retention") is not None
    assert not AcceptedSignal.objects.exists()
    signal.refresh_from_db()
    assert signal.idempotency_key == "" and signal.request_hash == ""


@pytest.mark.django_db
def test_receipt_codes_never_clash_between_intakes_and_signals(client, api_key, monkeypatch):
    from omzien.signalling import models

    taken = intake_services.submit_signal(
        actor=None,
        municipality=zeist(),
        channel=Channel.PUBLIC_FORM,
        data=intake_services.SignalInput(postcode="3701 AB", house_number="2", concern="zorg"),
    ).signal.receipt_code
    codes = iter([taken, "2222-3333"])
    monkeypatch.setattr(intake, "new_receipt_code", lambda: next(codes))
    assert post_signal(client, api_key, MINIMAL).json()["receipt_code"] == "2222-3333"
    # ... and a signal of another channel does not take a code a waiting intake has.
    codes = iter(["2222-3333", "4444-5555"])
    monkeypatch.setattr(intake_services, "new_receipt_code", lambda: next(codes))
    other = intake_services.submit_signal(
        actor=None,
        municipality=zeist(),
        channel=Channel.PUBLIC_FORM,
        data=intake_services.SignalInput(postcode="3701 AB", house_number="3", concern="zorg"),
    )
    assert other.signal.receipt_code == "4444-5555"
    assert intake.process_pending().processed == 1
    assert Signal.objects.filter(receipt_code="2222-3333").count() == 1
    assert models.AcceptedSignal.objects.get().signal.receipt_code == "2222-3333"


@pytest.mark.django_db
def test_html_is_stored_as_text(client, api_key):
    concern = '<script>alert("x")</script><b>vet</b> & "quotes"'
    assert (
        processed(post_signal(client, api_key, {**MINIMAL, "concern": concern})).concern == concern
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"postcode", "house_number", "concern"}),
        ({**MINIMAL, "postcode": "0123 AB"}, {"postcode"}),
        ({**MINIMAL, "postcode": "<b>3701</b>"}, {"postcode"}),
        ({**MINIMAL, "house_number": "0"}, {"house_number"}),
        ({**MINIMAL, "house_number": "12a"}, {"house_number"}),
        ({**MINIMAL, "concern": "   "}, {"concern"}),
        ({**MINIMAL, "concern": "x" * 5001}, {"concern"}),
        ({**MINIMAL, "signs": ["gordijnen"]}, {"signs"}),
        ({**MINIMAL, "signs": "curtains_closed"}, {"signs"}),
        ({**MINIMAL, "person_aware": "misschien"}, {"person_aware"}),
        ({**MINIMAL, "house_number_addition": "ßßß"}, {"house_number_addition"}),
        ({**MINIMAL, "reporter": {"email": "geen-adres"}}, {"reporter"}),
        ({**MINIMAL, "reporter": "Piet"}, {"reporter"}),
        ({**MINIMAL, "person_name": "a\x00b"}, {"person_name"}),
        ({**MINIMAL, "concern": "\ud800"}, {"concern"}),
    ],
)
def test_invalid_fields_are_listed_in_a_400_problem(client, api_key, body, fields):
    problem = assert_problem(post_signal(client, api_key, body), 400)
    assert set(problem["invalid_params"]) == fields
    assert nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw", [b"", b"{", b"[1, 2]", b'"text"', b"null", b"\xff\xfe", b'{"a": NaN}', b"[" * 50000]
)
def test_bodies_that_are_no_json_object_get_400(client, api_key, raw):
    assert_problem(post_signal(client, api_key, raw), 400)
    assert nothing_stored()


@pytest.mark.django_db
def test_too_large_bodies_are_refused_with_413(client, api_key):
    body = {**MINIMAL, "concern": "x" * 70_000}
    assert_problem(post_signal(client, api_key, body), 413)
    assert nothing_stored()


@pytest.mark.django_db
def test_a_body_longer_than_its_declared_length_is_still_bounded(rf, api_key):
    """Without trusting Content-Length: the parser reads at most the limit plus one byte."""
    from omzien.signalling.api.partner import MAX_BODY_BYTES, SignalIntakeView

    request = rf.post(
        SIGNALS,
        data=json.dumps({**MINIMAL, "concern": "y" * (MAX_BODY_BYTES + 10)}),
        content_type="application/json",
        headers={"Authorization": f"Api-Key {api_key}", "Idempotency-Key": "k"},
    )
    request.META["CONTENT_LENGTH"] = str(MAX_BODY_BYTES)  # a lying client
    response = SignalIntakeView.as_view()(request)
    assert response.status_code in (400, 413)
    assert nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_other_content_types_get_415(client, api_key, content_type):
    response = post_signal(client, api_key, json.dumps(MINIMAL), content_type=content_type)
    assert_problem(response, 415)
    assert nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize("key", [None, "x" * 101, "met spatie", "ü-key"])
def test_the_idempotency_key_is_required_and_bounded(client, api_key, key):
    headers = {"Authorization": f"Api-Key {api_key}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    response = client.post(
        SIGNALS, data=json.dumps(MINIMAL), content_type="application/json", headers=headers
    )
    assert "Idempotency-Key" in assert_problem(response, 400)["invalid_params"]
    assert nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_ACCEPT": "application/json; indent=4"},
        {"HTTP_ACCEPT": "text/html, application/json;q=0.9"},
        {"QUERY_STRING": "format=json"},
        {"content_type": "application/json; charset=utf-8"},
    ],
)
def test_the_lean_path_and_drf_answer_alike(client, api_key, extra):
    """A valid request with plain headers takes the lean path; with unusual headers DRF
    answers. Both store one intake and give the same kind of 201."""
    lean = post_signal(client, api_key, MINIMAL, "lean")
    content_type = extra.pop("content_type", "application/json")
    drf = client.post(
        SIGNALS,
        data=json.dumps(MINIMAL),
        content_type=content_type,
        headers={"Authorization": f"Api-Key {api_key}", "Idempotency-Key": "drf"},
        **extra,
    )
    assert lean.status_code == drf.status_code == 201
    assert lean["Content-Type"] == drf["Content-Type"] == "application/json"
    assert lean["Allow"] == drf["Allow"]
    assert set(lean.json()) == set(drf.json()) and lean.json()["status"] == "received"
    if "indent" not in extra.get("HTTP_ACCEPT", ""):
        assert len(lean.content) == len(drf.content)
    assert AcceptedSignal.objects.count() == 2


@pytest.mark.django_db
def test_a_406_for_an_accept_header_without_json(client, api_key):
    response = client.post(
        SIGNALS,
        data=json.dumps(MINIMAL),
        content_type="application/json",
        headers={"Authorization": f"Api-Key {api_key}", "Idempotency-Key": "html"},
        HTTP_ACCEPT="text/html",
    )
    assert response.status_code == 406
    assert nothing_stored()


# --- Idempotency ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_retry_with_the_same_key_replays_the_same_answer_and_stores_nothing(client, api_key):
    first = post_signal(client, api_key, MINIMAL, "retry-1")
    # The same JSON with other key order and spacing is the same request.
    same = json.dumps(dict(reversed(list(MINIMAL.items()))), indent=2)
    second = post_signal(client, api_key, same, "retry-1")
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert AcceptedSignal.objects.filter(idempotency_key="retry-1").count() == 1
    # ... and after processing, the same answer again.
    intake.process_pending()
    third = post_signal(client, api_key, same, "retry-1")
    assert third.status_code == 201 and third.json() == first.json()
    assert third["Idempotent-Replayed"] == "true"
    intake.process_pending()
    assert Signal.objects.filter(idempotency_key="retry-1").count() == 1
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_an_urgent_replay_shows_the_crisis_message_again(client, api_key):
    body = {**MINIMAL, "concern": "Hij wil dood."}
    first = post_signal(client, api_key, body, "crisis-retry").json()
    intake.process_pending()
    again = post_signal(client, api_key, body, "crisis-retry").json()
    assert again == first and again["crisis_message"] == CRISIS_MESSAGE


@pytest.mark.django_db
def test_the_same_key_with_another_body_gets_422(client, api_key):
    post_signal(client, api_key, MINIMAL, "reused")
    response = post_signal(client, api_key, {**MINIMAL, "house_number": "13"}, "reused")
    assert_problem(response, 422)
    assert AcceptedSignal.objects.count() == 1
    intake.process_pending()
    after = post_signal(client, api_key, {**MINIMAL, "house_number": "13"}, "reused")
    assert_problem(after, 422)
    assert Signal.objects.count() == 1 and AcceptedSignal.objects.count() == 1


@pytest.mark.django_db
def test_keys_are_per_organisation(client, api_key, coordinator):
    other = OrganisationFactory(municipality=zeist(), name="Huisartsenpraktijk")
    other_key = create_api_key(actor=coordinator, organisation=other, name="HIS").secret
    a = post_signal(client, api_key, MINIMAL, "shared-key").json()
    b = post_signal(client, other_key, MINIMAL, "shared-key").json()
    assert a["receipt_code"] != b["receipt_code"]
    intake.process_pending()
    assert Signal.objects.filter(idempotency_key="shared-key").count() == 2


@pytest.mark.django_db
def test_an_invalid_request_stores_nothing_and_may_be_corrected_under_the_same_key(client, api_key):
    assert post_signal(client, api_key, {**MINIMAL, "postcode": "?"}, "fix-me").status_code == 400
    assert post_signal(client, api_key, MINIMAL, "fix-me").status_code == 201


class _RenamedApps:
    """The app registry as migration 0003 saw it: its SignalIntake is AcceptedSignal now
    (migration 0004 renamed it)."""

    def get_model(self, app_label, model_name):
        if model_name == "SignalIntake":
            model_name = "AcceptedSignal"
        from django.apps import apps as live

        return live.get_model(app_label, model_name)


@pytest.mark.django_db
def test_signals_accepted_before_the_staged_intake_are_still_replayed(client, api_key, partner):
    """The migration gives every earlier partner-API signal a processed intake row."""
    from importlib import import_module

    earlier = intake_services.submit_signal(
        actor=None,
        municipality=zeist(),
        channel=Channel.PARTNER_API,
        data=intake_services.SignalInput(
            postcode="3701 AB", house_number="12", concern=MINIMAL["concern"]
        ),
        organisation=partner,
        idempotency_key="from-before",
        request_hash=_request_hash(MINIMAL),
    ).signal
    migration = import_module("omzien.signalling.migrations.0003_signal_intake")
    migration.record_earlier_api_signals(_RenamedApps(), None)
    again = post_signal(client, api_key, MINIMAL, "from-before")
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json()["receipt_code"] == earlier.receipt_code
    assert intake.process_pending() == intake.ProcessCounts()
    assert Signal.objects.count() == 1


@pytest.fixture
def committed_reference_data(django_db_blocker):
    """A transactional test empties every table at its end; put the reference data back."""
    yield
    with django_db_blocker.unblock():
        from omzien.core.tests.fixtures import load_test_reference_data

        load_test_reference_data()  # the suite's few municipalities, not all 342


POSTGRES_ONLY = pytest.mark.skipif(
    "postgresql" not in connection.vendor, reason="needs concurrent writers (PostgreSQL)"
)


@POSTGRES_ONLY
def test_concurrent_duplicates_never_store_twice(committed_reference_data, transactional_db):
    """Many threads, each on its own database connection, send the same key at once."""
    from django.test import Client

    go_live()  # committed, so every thread's connection sees Zeist open (issue 8)
    coordinator = member(Role.COORDINATOR, zeist())
    partner = OrganisationFactory(municipality=zeist(), name="Partner concurrency")
    key = create_api_key(actor=coordinator, organisation=partner, name="race").secret
    barrier = threading.Barrier(8)
    answers: list[tuple[str, int, dict]] = []
    lock = threading.Lock()

    def send(idempotency_key: str, house_number: str):
        try:
            barrier.wait(timeout=10)
            response = post_signal(
                Client(), key, {**MINIMAL, "house_number": house_number}, idempotency_key
            )
            with lock:
                answers.append((idempotency_key, response.status_code, response.json()))
        finally:
            connections.close_all()

    rounds = [("same-key", "5")] * 6 + [("other-body", "6"), ("other-body", "7")]
    threads = [threading.Thread(target=send, args=args) for args in rounds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(answers) == 8
    same = [body["receipt_code"] for k, code, body in answers if k == "same-key" and code == 201]
    assert len(same) == 6 and len(set(same)) == 1
    other = sorted(code for k, code, _ in answers if k == "other-body")
    assert other == [201, 422]
    assert AcceptedSignal.objects.get(idempotency_key="same-key").receipt_code == same[0]
    intake.process_pending()
    stored = Signal.objects.get(idempotency_key="same-key")
    assert stored.receipt_code == same[0]
    assert Signal.objects.filter(idempotency_key="other-body").count() == 1
    assert Signal.objects.filter(organisation=partner).count() == 2


@POSTGRES_ONLY
def test_concurrent_processors_turn_each_intake_into_one_signal(
    committed_reference_data, transactional_db
):
    """Four processors on their own connections drain one queue: every intake becomes
    exactly one signal, none is skipped, none is done twice."""
    coordinator = member(Role.COORDINATOR, zeist())
    partner = OrganisationFactory(municipality=zeist(), name="Partner processors")
    for n in range(60):
        intake.accept(
            municipality_id=zeist().pk,
            organisation_id=partner.pk,
            idempotency_key=f"k-{n}",
            request_hash="h",
            data=intake_services.SignalInput(
                postcode="3701 AB",
                house_number=str(n % 7 + 1),  # several signals per address join one case
                concern="Hij wil niet meer leven." if n % 10 == 0 else "zorgen",
            ),
        )
    del coordinator
    barrier = threading.Barrier(4)
    totals: list[intake.ProcessCounts] = []
    errors: list[BaseException] = []

    def work():
        try:
            barrier.wait(timeout=10)
            counts = intake.ProcessCounts()
            while (done := intake.process_pending(limit=5)) != intake.ProcessCounts():
                counts.processed += done.processed
                counts.failed += done.failed
            totals.append(counts)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    assert sum(c.processed for c in totals) == 60
    assert not AcceptedSignal.objects.filter(processed_at=None).exists()
    signals = Signal.objects.filter(organisation=partner)
    assert signals.count() == 60
    assert sorted(signals.values_list("receipt_code", flat=True)) == sorted(
        AcceptedSignal.objects.filter(organisation=partner).values_list("receipt_code", flat=True)
    )
    assert Case.objects.filter(signals__organisation=partner).distinct().count() == 7


# --- Case API: authentication and scoping ------------------------------------------------


@pytest.fixture
def case(db):
    return file_signal(zeist()).case


@pytest.mark.django_db
def test_anonymous_callers_get_a_401_problem(client, case):
    for url in ("/api/v1/cases/", case_url(case)):
        response = client.get(url)
        assert_problem(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_the_queue_lists_visible_open_cases_without_personal_data(client_as, case):
    client = client_as(Role.COORDINATOR, zeist())
    file_signal(zeist(), house_number="99").case  # a second case
    page = client.get("/api/v1/cases/").json()
    assert page["count"] == 2
    item = next(c for c in page["results"] if c["id"] == case.pk)
    assert item["state"] == "new" and item["allowed_moves"] == ["assigned"]
    assert "resident" not in item and "3701" not in json.dumps(page)
    filtered = client.get("/api/v1/cases/?state=contacting").json()
    assert filtered["count"] == 0
    assert_problem(client.get("/api/v1/cases/?state=gesloten"), 400)


@pytest.mark.django_db
def test_case_detail_shows_the_timeline_and_is_audited(client_as, case):
    client = client_as(Role.COORDINATOR, zeist())
    detail = client.get(case_url(case)).json()
    assert detail["resident"]["postcode"] == "3701 AB"
    assert [s["receipt_code"] for s in detail["signals"]] == [case.signals.get().receipt_code]
    assert [e["kind"] for e in detail["timeline"]] == ["signal"]
    assert AuditEvent.objects.filter(
        action="case_viewed", actor=client.user, object_id=str(case.pk)
    ).exists()


@pytest.mark.issue(7)
@pytest.mark.django_db
def test_case_detail_says_what_the_gate_allows_this_user(client_as, case):
    coordinator = client_as(Role.COORDINATOR, zeist())
    detail = coordinator.get(case_url(case)).json()
    assert detail["available_actions"] == {"moves": ["assigned"], "note": True}
    caseworker = member(Role.CASEWORKER, zeist())
    assign_case(actor=coordinator.user, case=case, caseworker=caseworker)
    log_attempt(actor=caseworker, case=case, method="phone", reached=True)
    # In contact, without consent: the table allows "in progress", the gate does not yet.
    detail = coordinator.get(case_url(case)).json()
    assert "in_progress" in detail["allowed_moves"]
    assert detail["available_actions"]["moves"] == ["assigned", "closed"]


@pytest.mark.django_db
def test_another_municipalitys_case_is_404(client_as):
    elsewhere = MunicipalityFactory()
    foreign = file_signal(elsewhere, postcode="9999 ZZ").case
    client = client_as(Role.COORDINATOR, zeist())
    for response in (
        client.get(case_url(foreign)),
        client.post(
            case_url(foreign, "move"), {"target": "assigned"}, content_type="application/json"
        ),
        client.post(case_url(foreign, "notes"), {"text": "x"}, content_type="application/json"),
    ):
        assert_problem(response, 404)
    assert foreign.events.filter(kind=CaseEvent.Kind.NOTE).count() == 0


@pytest.mark.django_db
def test_roles_without_cases_see_no_queue(client_as, case):
    client = client_as(Role.POLICY, zeist())
    assert_problem(client.get("/api/v1/cases/"), 403)
    assert_problem(client.get(case_url(case)), 404)


@pytest.mark.django_db
def test_several_memberships_need_the_municipality_parameter(client, case):
    other = MunicipalityFactory()
    user = member(Role.COORDINATOR, zeist())
    member(Role.COORDINATOR, other, user=user)
    login_verified(client, user)
    assert "municipality" in assert_problem(client.get("/api/v1/cases/"), 400)["invalid_params"]
    assert client.get("/api/v1/cases/?municipality=GM0355").json()["count"] == 1
    assert client.get("/api/v1/cases/?municipality=zeist").json()["count"] == 1
    assert client.get(f"/api/v1/cases/?municipality={other.slug}").json()["count"] == 0
    # A municipality where the user holds no role, or nonsense: 404.
    for ref in ("GM0344", "utrecht", "<script>", "a" * 150):
        assert_problem(client.get(f"/api/v1/cases/?municipality={ref}"), 404)
    # A NUL is refused before any view (issue 8, item 17): 400 problem+json.
    assert_problem(client.get("/api/v1/cases/?municipality=zeist%00"), 400)
    assert_problem(client.get(case_url(case) + f"?municipality={other.code}"), 404)


# --- Case API: personal tokens ------------------------------------------------------------


def issue(client, municipality: str = "") -> dict:
    response = client.post(
        "/api/v1/tokens/", {"municipality": municipality}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.django_db
def test_a_token_from_a_verified_session_works_without_the_session(client_as, case):
    token = issue(client_as(Role.COORDINATOR, zeist()))
    assert token["municipality"] == "GM0355" and token["token_type"] == "Bearer"
    assert AuditEvent.objects.filter(action="api_token_issued").count() == 1
    client = Client()  # no session (logging out would end the token: test_token_logout.py)
    bearer = {"Authorization": f"Bearer {token['token']}"}
    assert client.get("/api/v1/cases/", headers=bearer).json()["count"] == 1
    assert client.get(case_url(case), headers=bearer).status_code == 200
    # Bound to its municipality.
    assert_problem(client.get("/api/v1/cases/?municipality=GM0344", headers=bearer), 404)
    # Tampered or foreign tokens are refused.
    assert_problem(client.get("/api/v1/cases/", headers={"Authorization": "Bearer x.y.z"}), 401)
    tampered = token["token"][:-2] + ("aa" if not token["token"].endswith("aa") else "bb")
    assert_problem(
        client.get("/api/v1/cases/", headers={"Authorization": f"Bearer {tampered}"}), 401
    )


@pytest.mark.django_db
def test_a_password_change_or_a_lost_role_ends_the_token(client_as, case):
    staff = client_as(Role.COORDINATOR, zeist())
    user = staff.user
    bearer = {"Authorization": f"Bearer {issue(staff)['token']}"}
    client = Client()
    Membership.objects.filter(user=user).delete()
    assert client.get("/api/v1/cases/", headers=bearer).status_code in (403, 404)
    member(Role.COORDINATOR, zeist(), user=user)
    assert client.get("/api/v1/cases/", headers=bearer).status_code == 200
    user.password = make_password("Een-nieuw-wachtwoord-2026")
    user.save()
    assert_problem(client.get("/api/v1/cases/", headers=bearer), 401)


@pytest.mark.django_db
def test_tokens_need_a_role_that_sees_cases_and_a_session(client_as, client):
    assert_problem(
        client_as(Role.REPORTER, zeist()).post(
            "/api/v1/tokens/", {}, content_type="application/json"
        ),
        403,
    )
    client.logout()
    response = client.post("/api/v1/tokens/", {}, content_type="application/json")
    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_an_unverified_session_gets_no_token(client, db):
    user = member(Role.COORDINATOR, zeist())
    client.force_login(user)
    assert_problem(client.post("/api/v1/tokens/", {}, content_type="application/json"), 403)


# --- Case API: actions -------------------------------------------------------------------


def move(client, case, **body):
    return client.post(case_url(case, "move"), body, content_type="application/json")


@pytest.mark.django_db
def test_workflow_refusals_are_409_with_the_dutch_message(client_as, case):
    client = client_as(Role.COORDINATOR, zeist())
    problem = assert_problem(move(client, case, target="contacting"), 409)
    assert "kan niet van 'Nieuw' naar 'Contact zoeken'" in problem["detail"]
    closing = assert_problem(move(client, case, target="closed"), 409)["detail"]
    assert "kan niet van 'Nieuw' naar 'Afgesloten'" in closing
    case.refresh_from_db()
    assert case.state == "new"
    assert case.events.filter(kind=CaseEvent.Kind.STATE).count() == 0


@pytest.mark.django_db
def test_a_case_moves_through_the_workflow_by_api(client_as, case):
    caseworker = member(Role.CASEWORKER, zeist())
    client = client_as(Role.COORDINATOR, zeist())
    assigned = move(client, case, target="assigned", caseworker=caseworker.pk)
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["state"] == "assigned"
    assert assigned.json()["caseworker"]["id"] == caseworker.pk
    assert move(client, case, target="contacting").json()["state"] == "contacting"
    problem = assert_problem(move(client, case, target="in_progress"), 409)
    assert "toestemming" in problem["detail"]
    record_consent(actor=client.user, case=case, scope="Gesprek", how="mondeling")
    assert move(client, case, target="in_progress", note="Akkoord").json()["state"] == "in_progress"
    assert_problem(move(client, case, target="closed", outcome="unreachable"), 409)
    closed = move(client, case, target="closed", outcome="supported")
    assert closed.json()["state"] == "closed" and closed.json()["outcome"] == "supported"
    assert move(client, case, target="reopened").json()["state"] == "reopened"


@pytest.mark.django_db
def test_move_input_errors_are_400(client_as, case):
    client = client_as(Role.COORDINATOR, zeist())
    assert "target" in assert_problem(move(client, case, target="new"), 400)["invalid_params"]
    assert "target" in assert_problem(move(client, case), 400)["invalid_params"]
    problem = assert_problem(move(client, case, target="assigned"), 400)
    assert "caseworker" in problem["invalid_params"]


@pytest.mark.django_db
def test_a_caseworker_may_not_assign(client, db):
    caseworker = member(Role.CASEWORKER, zeist())
    case = file_signal(zeist()).case
    case.caseworker = caseworker
    case.save()
    login_verified(client, caseworker)
    assert_problem(move(client, case, target="assigned", caseworker=caseworker.pk), 403)


@pytest.mark.django_db
def test_notes_are_added_to_the_timeline(client_as, case):
    client = client_as(Role.COORDINATOR, zeist())
    response = client.post(
        case_url(case, "notes"),
        {"text": "<i>Gebeld</i> met dochter"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert (
        response.json()["kind"] == "note" and response.json()["text"] == "<i>Gebeld</i> met dochter"
    )
    kinds = [e["kind"] for e in client.get(case_url(case)).json()["timeline"]]
    assert kinds == ["signal", "note"]
    assert_problem(
        client.post(case_url(case, "notes"), {"text": " "}, content_type="application/json"), 400
    )


@pytest.mark.django_db
def test_log_attempt_shows_on_the_timeline(client_as, case):
    caseworker = member(Role.CASEWORKER, zeist())
    client = client_as(Role.COORDINATOR, zeist())
    move(client, case, target="assigned", caseworker=caseworker.pk)
    case.refresh_from_db()
    log_attempt(actor=client.user, case=case, method="phone", reached=False)
    timeline = client.get(case_url(case)).json()["timeline"]
    assert [e["kind"] for e in timeline] == ["signal", "state", "assignment", "state", "attempt"]
    assert timeline[-1]["reached"] is False


@pytest.mark.django_db
def test_a_wrong_method_says_405_only_about_a_case_you_may_see(client_as, case):
    client = client_as(Role.COORDINATOR, zeist())
    assert_problem(client.post(case_url(case), {}, content_type="application/json"), 405)
    foreign = file_signal(MunicipalityFactory(), postcode="9999 ZZ").case
    assert_problem(client.post(case_url(foreign), {}, content_type="application/json"), 404)
    assert_problem(client.get(case_url(foreign, "move")), 404)


@pytest.mark.django_db
def test_a_token_ends_with_its_device_and_after_eight_hours(client_as):
    import datetime as dt

    import time_machine
    from django_otp.plugins.otp_totp.models import TOTPDevice

    staff = client_as(Role.COORDINATOR, zeist())
    user = staff.user
    bearer = {"Authorization": f"Bearer {issue(staff)['token']}"}
    client = Client()  # no session; logging out would end the token
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=7, minutes=50)):
        assert client.get("/api/v1/cases/", headers=bearer).status_code == 200
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=8, minutes=1)):
        assert_problem(client.get("/api/v1/cases/", headers=bearer), 401)
    TOTPDevice.objects.filter(user=user).delete()
    assert_problem(client.get("/api/v1/cases/", headers=bearer), 401)
