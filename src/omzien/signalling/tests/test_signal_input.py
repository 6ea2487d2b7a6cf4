"""``SignalInput`` is built one way from every channel (issue 7): a field added to it reaches
the stored signal from each channel, and the partner API's fast parser and the inbox payload
cannot silently drop one."""

from __future__ import annotations

import dataclasses

import pytest

from omzien.signalling.api.partner_input import SignalIntakeSerializer, parse_signal_intake
from omzien.signalling.intake.inbox import payload_of, signal_input
from omzien.signalling.intake.phone import PhoneSignalForm
from omzien.signalling.intake.signal_input import FIELDS, SignalInput
from omzien.signalling.models import Signal

pytestmark = pytest.mark.issue(7)

#: A value for every field, none of them the default.
EVERY_FIELD = SignalInput(
    postcode="3701 AB",
    house_number="12",
    house_number_addition="B",
    person_name="Fictieve Frida",
    signs=["curtains_closed", "letterbox_full"],
    concern="Ze komt niet meer buiten.",
    person_aware="no",
    relation="neighbour",
    reporter_name="Buurman Bas",
    reporter_email="bas@example.invalid",
    reporter_phone="030 123 4567",
)


def _api_body(data: SignalInput) -> dict:
    """The partner API's layout: reporter_* fields nested under ``reporter``."""
    body = {k: v for k, v in dataclasses.asdict(data).items() if not k.startswith("reporter_")}
    body["reporter"] = {
        name.removeprefix("reporter_"): getattr(data, name)
        for name in FIELDS
        if name.startswith("reporter_")
    }
    return body


def test_every_field_has_a_non_default_value_in_this_test():
    defaults = SignalInput(postcode="", house_number="")
    for name in FIELDS:
        assert getattr(EVERY_FIELD, name) != getattr(defaults, name), name


def test_the_fast_parser_carries_every_field():
    parsed = parse_signal_intake(_api_body(EVERY_FIELD))
    assert parsed is not None
    for name in FIELDS:
        expected = getattr(EVERY_FIELD, name)
        if name == "postcode":
            expected = "3701 AB"  # normalised
        assert getattr(parsed, name) == expected, name


def test_the_serializer_gives_the_same_as_the_fast_parser():
    serializer = SignalIntakeSerializer(data=_api_body(EVERY_FIELD))
    assert serializer.is_valid(), serializer.errors
    assert serializer.to_signal_input() == parse_signal_intake(_api_body(EVERY_FIELD))


def test_the_inbox_payload_round_trips_every_field():
    assert set(payload_of(EVERY_FIELD)) == set(FIELDS)
    assert signal_input(payload_of(EVERY_FIELD)) == EVERY_FIELD


def test_from_values_ignores_other_keys_and_fills_defaults():
    built = SignalInput.from_values(
        {"postcode": "3701 AB", "house_number": "1", "step": 3, "signs": None}
    )
    assert built == SignalInput(postcode="3701 AB", house_number="1")
    assert SignalInput.from_values({"postcode": "x", "house_number": "1"}, relation="self").relation


@pytest.mark.django_db
def test_the_phone_form_stores_every_field_it_asks_for():
    from omzien.core.roles import Role
    from omzien.core.tests.factories import member
    from omzien.signalling.intake.services import submit_signal
    from omzien.signalling.tests.factories import zeist

    form = PhoneSignalForm(
        {
            "channel": "phone",
            **{k: v for k, v in dataclasses.asdict(EVERY_FIELD).items() if k != "signs"},
            "signs": EVERY_FIELD.signs,
        }
    )
    assert form.is_valid(), form.errors
    assert form.signal_input() == EVERY_FIELD
    stored = submit_signal(
        actor=member(Role.COORDINATOR, zeist()),
        municipality=zeist(),
        channel="phone",
        data=form.signal_input(),
    ).signal
    stored = Signal.objects.get(pk=stored.pk)
    for name in FIELDS:
        if name not in ("postcode", "house_number", "house_number_addition"):
            assert getattr(stored, name) == getattr(EVERY_FIELD, name), name


@pytest.mark.django_db
def test_the_inbox_insert_writes_every_field_of_the_model(client):
    """The partner API's one INSERT is built from AcceptedSignal's fields: one stored through
    it has every field set that the processor does not fill in later."""
    from omzien.signalling.intake import inbox
    from omzien.signalling.models import AcceptedSignal
    from omzien.signalling.tests.factories import zeist

    fields = inbox._insert_fields()
    later = {f.name for f in AcceptedSignal._meta.concrete_fields} - set(fields)
    assert later == {"id", "processed_at", "signal", "retry_at"}
    accepted = inbox.accept(
        municipality_id=zeist().pk,
        organisation_id=None,
        idempotency_key="every-field",
        request_hash="h" * 64,
        data=EVERY_FIELD,
    )
    row = AcceptedSignal.objects.get(receipt_code=accepted.receipt_code)
    assert row.payload == EVERY_FIELD.as_payload()
    assert row.channel and row.created_at and row.idempotency_key == "every-field"
