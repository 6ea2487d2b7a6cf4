"""The partner API under bad input: random JSON, hostile strings, and schemathesis against the
committed OpenAPI document. Whatever arrives: no 500, a problem+json for every refusal, and
text stored as given (escaping is the renderer's job). The lean validator of the hot path
accepts exactly what the DRF serializer accepts, with the same values."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, member
from omzien.signalling.api.partner_input import SignalIntakeSerializer, parse_signal_intake
from omzien.signalling.intake import inbox as intake
from omzien.signalling.models import AcceptedSignal, Channel, PersonAware, Relation, Sign, Signal
from omzien.signalling.setup.services import create_api_key
from omzien.signalling.tests.factories import go_live, zeist

pytestmark = [pytest.mark.issue(4), pytest.mark.django_db]

SIGNALS = "/api/v1/signals/"
OPENAPI = Path(__file__).resolve().parents[4] / "docs" / "openapi.yaml"
REFUSALS = {400, 413, 415, 422}
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)


@pytest.fixture
def api_key(db) -> str:
    go_live()
    coordinator = member(Role.COORDINATOR, zeist())
    partner = OrganisationFactory(municipality=zeist(), name="Fuzz partner")
    return create_api_key(actor=coordinator, organisation=partner, name="fuzz").secret


def send(client, key: str, raw: bytes, idempotency_key: str | None = None, **extra):
    return client.generic(
        "POST",
        SIGNALS,
        data=raw,
        content_type=extra.pop("content_type", "application/json"),
        headers={
            "Authorization": f"Api-Key {key}",
            "Idempotency-Key": idempotency_key or uuid.uuid4().hex,
            **extra,
        },
    )


def assert_answer(response) -> None:
    """Either a receipt or a problem: never a server error."""
    assert response.status_code < 500, response.content[:300]
    if response.status_code == 201:
        assert set(response.json()) == {"receipt_code", "status", "urgent", "crisis_message"}
    else:
        assert response.status_code in REFUSALS, response.status_code
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["status"] == response.status_code


# Text that has broken web applications before: markup, scripts, SQL, control and combining
# characters, right-to-left marks, emoji, lone surrogates, NUL, and very long strings.
NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "{{ 7*7 }} {% debug %}",
        "'; DROP TABLE signalling_signal; --",
        "\u202etxt.exe",
        "Zoë, Ågot en Ĳsbrand",
        "🙂👵🏽",
        "a\u0301\u0301\u0301",
        "\x00",
        "\ud800",
        "ß" * 10,
        "\r\n\t\x0b\x0c",
        " " * 20,
        "x" * 6000,
    ]
)
TEXT = st.one_of(st.text(max_size=300), NASTY)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_VALUES = {
    "postcode": st.one_of(
        st.sampled_from(["3701 AB", "3701ab", "3701", " 3701AB "]), TEXT, JSON_VALUES
    ),
    "house_number": st.one_of(st.integers(-5, 100_000).map(str), st.integers(), TEXT),
    "house_number_addition": st.one_of(st.sampled_from(["A", "bis", "2 hg"]), TEXT),
    "concern": st.one_of(TEXT, JSON_VALUES),
    "person_name": TEXT,
    "signs": st.one_of(
        st.lists(st.sampled_from(Sign.values + ["nonsense"]), max_size=15), JSON_VALUES
    ),
    "person_aware": st.one_of(st.sampled_from(PersonAware.values), TEXT),
    "relation": st.one_of(st.sampled_from(Relation.values + [""]), TEXT),
    "reporter": st.one_of(
        st.none(),
        st.fixed_dictionaries({}, optional={"name": TEXT, "email": TEXT, "phone": TEXT}),
        JSON_VALUES,
    ),
}
SIGNAL_BODIES = st.fixed_dictionaries(
    {}, optional={name: strategy for name, strategy in FIELD_VALUES.items()}
)


@FUZZ
@given(body=st.one_of(SIGNAL_BODIES, JSON_VALUES))
def test_random_json_never_causes_a_server_error(client, api_key, body):
    assert_answer(send(client, api_key, json.dumps(body).encode()))


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(body=st.one_of(SIGNAL_BODIES, JSON_VALUES, st.fixed_dictionaries(FIELD_VALUES)))
def test_the_lean_validator_agrees_with_the_serializer(body):
    """parse_signal_intake (the hot path) accepts iff SignalIntakeSerializer does, and then
    gives the same SignalInput; when it refuses, the serializer writes the 400."""
    serializer = SignalIntakeSerializer(data=body)
    valid = serializer.is_valid()
    lean = parse_signal_intake(body)
    assert (lean is not None) == valid, (body, serializer.errors if not valid else lean)
    if valid:
        assert lean == serializer.to_signal_input()


@pytest.mark.parametrize(
    "body",
    [
        {"postcode": "3701ab", "house_number": 12, "concern": " zorg ", "signs": []},
        {"postcode": 3701, "house_number": "12", "concern": 5.5, "reporter": None},
        {"postcode": "3701", "house_number": "1", "concern": "x", "reporter": {}},
        {"postcode": "3701", "house_number": "1", "concern": "x", "relation": ""},
        {"postcode": "3701", "house_number": "1", "concern": "x", "person_aware": ""},
        {"postcode": "3701", "house_number": "1", "concern": "x", "signs": [None]},
        {"postcode": "3701", "house_number": "1", "concern": "x", "signs": ["other"] * 12},
        {"postcode": "3701", "house_number": True, "concern": "x"},
        {"postcode": "3701", "house_number": "1", "concern": "x", "person_name": None},
        {
            "postcode": "3701",
            "house_number": "1",
            "concern": "x",
            "reporter": {"email": " a@b.nl "},
        },
        {"postcode": "3701", "house_number": "1", "concern": "x", "reporter": {"phone": "06 12"}},
    ],
)
def test_the_lean_validator_agrees_on_edge_cases(body):
    serializer = SignalIntakeSerializer(data=body)
    valid = serializer.is_valid()
    lean = parse_signal_intake(body)
    assert (lean is not None) == valid
    if valid:
        assert lean == serializer.to_signal_input()


@FUZZ
@given(raw=st.binary(max_size=2000))
def test_random_bytes_never_cause_a_server_error(client, api_key, raw):
    assert_answer(send(client, api_key, raw))


@FUZZ
@given(
    concern=st.text(min_size=1, max_size=5000).filter(lambda s: s.strip()) | NASTY,
    name=st.text(max_size=200) | NASTY,
)
def test_text_is_stored_exactly_as_sent(client, api_key, concern, name):
    """HTML and any Unicode are data: stored as given (trimmed), never cleaned or escaped."""
    body = {"postcode": "3701 AB", "house_number": "3", "concern": concern, "person_name": name}
    response = send(client, api_key, json.dumps(body).encode())
    assert_answer(response)
    if response.status_code == 201:
        intake.process_pending()
        signal = Signal.objects.get(receipt_code=response.json()["receipt_code"])
        assert signal.concern == concern.strip()
        assert signal.person_name == name.strip()
        assert signal.channel == Channel.PARTNER_API


@FUZZ
@given(key=st.text(max_size=120), replay=st.booleans())
def test_random_idempotency_keys_never_cause_a_server_error(client, api_key, key, replay):
    body = json.dumps({"postcode": "3701", "house_number": "1", "concern": "zorgen"}).encode()
    header = key.encode("latin-1", "replace").decode("latin-1")
    first = send(client, api_key, body, idempotency_key=header or "-")
    assert_answer(first)
    if replay and first.status_code == 201:
        again = send(client, api_key, body, idempotency_key=header or "-")
        assert again.status_code == 201
        assert again.json()["receipt_code"] == first.json()["receipt_code"]
        assert AcceptedSignal.objects.filter(receipt_code=first.json()["receipt_code"]).count() == 1


def test_a_huge_body_is_refused_before_it_is_read(client, api_key):
    huge = b'{"concern": "' + b"x" * 5_000_000 + b'"}'
    assert send(client, api_key, huge).status_code == 413


# --- Schemathesis against the committed OpenAPI document ---------------------------------------


def _schemathesis():
    try:
        import schemathesis
    except ImportError:  # pragma: no cover - optional dev dependency
        pytest.skip("schemathesis is not installed (pip install schemathesis)")
    return schemathesis


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI handler on the test database: like the test client, it must not close
    the connection (and with it the test's transaction) when a request ends."""
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_the_partner_api_keeps_its_openapi_promises(api_key, wsgi_app, mode):
    """Requests generated from docs/openapi.yaml (valid and invalid ones) get only answers
    the document describes, with the documented media type and body, and never a 500."""
    schemathesis = _schemathesis()
    from schemathesis import checks as st_checks
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_path(OPENAPI)
    schema.app = wsgi_app
    operation = schema["/api/v1/signals/"]["POST"]
    strategy = operation.as_strategy(
        generation_mode=GenerationMode.POSITIVE if mode == "positive" else GenerationMode.NEGATIVE
    )
    checks = [
        st_checks.not_a_server_error,
        st_checks.status_code_conformance,
        st_checks.content_type_conformance,
        st_checks.response_headers_conformance,
        st_checks.response_schema_conformance,
    ]
    seen: set[int] = set()

    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        headers = {"Authorization": f"Api-Key {api_key}"}
        response = case.call_and_validate(headers=headers, checks=checks)
        seen.add(response.status_code)

    run()
    if mode == "positive":
        assert 201 in seen and seen <= {201} | REFUSALS
    else:  # negative cases include a malformed Authorization header: 401
        assert seen <= {201, 401} | REFUSALS


# --- The case API's writes take the same beating ---------------------------------------------


@pytest.fixture
def staff_case(client_as):
    from omzien.signalling.tests.factories import file_signal

    return client_as(Role.COORDINATOR, zeist()), file_signal(zeist(), house_number="77").case


@FUZZ
@given(body=JSON_VALUES, action=st.sampled_from(["move", "notes"]))
def test_case_actions_never_cause_a_server_error(staff_case, body, action):
    staff, case = staff_case
    raw = json.dumps(body).encode()
    response = staff.generic(
        "POST", f"/api/v1/cases/{case.pk}/{action}/", raw, content_type="application/json"
    )
    assert response.status_code in {200, 201, 400, 403, 409}, response.content[:300]
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/problem+json")
