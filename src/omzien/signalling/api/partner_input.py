"""What a partner sends to ``POST /api/v1/signals/`` and gets back: the serializer (for the
OpenAPI document and the error answers), the fast parser of the hot path, the receipt.

Serializers parse and render only. Every decision (routing, joining, crisis flagging) stays in
``intake/services.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, RegexValidator
from rest_framework import serializers

from omzien.core.geo import InvalidPostcode, normalise_postcode
from omzien.signalling.cases.workflow import (
    PublicStatus,
)
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import PersonAware, Relation, Sign

# --- Errors (RFC 9457 problem details) ------------------------------------------------------


class ProblemSerializer(serializers.Serializer):
    """A problem detail (RFC 9457), sent as application/problem+json on every error."""

    type = serializers.CharField(default="about:blank", help_text="Always about:blank.")
    title = serializers.CharField(help_text="Short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(
        required=False, help_text="What went wrong with this request (Dutch for workflow errors)."
    )
    invalid_params = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text=(
            "Per invalid field (or header, e.g. Idempotency-Key) the list of reasons; "
            "nested fields give nested objects."
        ),
    )


# --- Partner API: intake ---------------------------------------------------------------------

#: Dutch house numbers run from 1 to 99999 (BAG).
HOUSE_NUMBER = RegexValidator(r"^[1-9][0-9]{0,4}\Z", "Give a house number from 1 to 99999.")
#: House letter and addition (BAG: huisletter + huisnummertoevoeging), e.g. "A", "bis", "2 hg".
#: ASCII only, so that upper-casing can never make the value longer than the column.
HOUSE_NUMBER_ADDITION = RegexValidator(
    r"^[A-Za-z0-9 /-]*\Z", "Use letters, digits, spaces, '-' or '/' only."
)
#: The shape core.geo.normalise_postcode accepts, stated for the OpenAPI document.
POSTCODE = RegexValidator(
    r"^\s*[1-9][0-9]{3}\s*([A-Za-z]{2})?\s*\Z", "Give a Dutch postcode, e.g. 3701 AB."
)
PHONE = RegexValidator(r"^[0-9 +()./-]*\Z", "Use digits, spaces and + ( ) . / - only.")


class ReporterContactSerializer(serializers.Serializer):
    """The reporter's contact details, so a caseworker can call back. All optional."""

    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="")
    phone = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default="", validators=[PHONE]
    )


class SignalIntakeSerializer(serializers.Serializer):
    """A signal from a partner. Postcode, house number and concern are enough."""

    postcode = serializers.CharField(
        max_length=10,
        validators=[POSTCODE],
        help_text="Dutch postcode of the person, e.g. 3701 AB or 3701AB.",
    )
    house_number = serializers.CharField(
        max_length=5, validators=[HOUSE_NUMBER], help_text="House number, 1 to 99999."
    )
    house_number_addition = serializers.CharField(
        max_length=10,
        required=False,
        allow_blank=True,
        default="",
        validators=[HOUSE_NUMBER_ADDITION],
        help_text="House letter or addition, e.g. A or bis.",
    )
    concern = serializers.CharField(
        max_length=5000,
        help_text=(
            "What worries the reporter, in their own words. Plain text: HTML is stored as text "
            "and shown escaped. Words that point to acute danger or suicide mark the signal "
            "urgent."
        ),
    )
    person_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="Optional."
    )
    signs = serializers.ListField(
        child=serializers.ChoiceField(choices=Sign.choices),
        max_length=len(Sign.choices),
        required=False,
        default=list,
        help_text="Signs the reporter noticed (the checklist of the public form).",
    )
    person_aware = serializers.ChoiceField(
        choices=PersonAware.choices,
        required=False,
        default=PersonAware.UNKNOWN,
        help_text="Does the person know of this signal?",
    )
    relation = serializers.ChoiceField(
        choices=Relation.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="The reporter's relation to the person.",
    )
    reporter = ReporterContactSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text="Optional contact details of the reporter; erased 30 days after closing.",
    )

    def validate_postcode(self, value: str) -> str:
        try:
            return normalise_postcode(value)
        except InvalidPostcode:
            raise serializers.ValidationError(
                "Give a Dutch postcode, e.g. 3701 AB (or only its four digits)."
            ) from None

    def to_signal_input(self) -> SignalInput:
        data = self.validated_data
        reporter = data.get("reporter") or {}
        return SignalInput.from_values(
            data,
            reporter_name=reporter.get("name", ""),
            reporter_email=reporter.get("email", ""),
            reporter_phone=reporter.get("phone", ""),
        )


# The partner API's hot path validates with plain Python (``parse_signal_intake``): the DRF
# serializer above costs about 0.25 ms of CPU per request, more than the rest of the request
# together. It accepts exactly what SignalIntakeSerializer accepts and gives the same values
# (a property test checks that on random input); anything it refuses goes through the
# serializer, which then writes the problem's invalid_params, so the errors stay DRF's.

_MISSING = object()
_SIGN_VALUES = frozenset(Sign.values)
_PERSON_AWARE_VALUES = frozenset(PersonAware.values)
_RELATION_VALUES = frozenset(Relation.values)
_EMAIL = EmailValidator()


def _clean_text(value, *, required: bool, max_length: int, pattern=None) -> str | None:
    """A DRF CharField (trimmed; blank allowed unless required): the text, or None if
    invalid."""
    if value is _MISSING:
        return None if required else ""
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None if required else ""
    elif isinstance(value, bool) or not isinstance(value, int | float):
        return None  # null, lists, objects
    else:
        text = str(value).strip()
    if len(text) > max_length or "\x00" in text:
        return None
    try:
        text.encode("utf-8")  # lone surrogates cannot be encoded
    except UnicodeEncodeError:
        return None
    if pattern is not None and not pattern.regex.search(text):
        return None
    return text


def _clean_choice(value, choices: frozenset, default: str, *, allow_blank: bool) -> str | None:
    if value is _MISSING:
        return default
    if value is None:
        return None
    if value == "" and allow_blank:
        return ""
    text = str(value)
    return text if text in choices else None


def _parse_postcode(value) -> str | None:
    postcode = _clean_text(value, required=True, max_length=10, pattern=POSTCODE)
    if postcode is None:
        return None
    try:
        return normalise_postcode(postcode)
    except InvalidPostcode:
        return None


def _parse_signs(data: dict) -> list[str] | None:
    signs = data.get("signs", _MISSING)
    if signs is _MISSING:
        return []
    if not isinstance(signs, list) or len(signs) > len(_SIGN_VALUES):
        return None
    cleaned = [str(sign) for sign in signs if sign is not None]
    if len(cleaned) != len(signs) or not _SIGN_VALUES.issuperset(cleaned):
        return None
    return cleaned


def _parse_reporter(data: dict) -> dict | None:
    """The nested ``reporter`` object as SignalInput's reporter_* fields; None if invalid."""
    reporter = data.get("reporter", _MISSING)
    if reporter is _MISSING or reporter is None:
        reporter = {}
    elif not isinstance(reporter, dict):
        return None
    get = reporter.get
    values = {
        "reporter_name": _clean_text(get("name", _MISSING), required=False, max_length=200),
        "reporter_email": _clean_text(get("email", _MISSING), required=False, max_length=254),
        "reporter_phone": _clean_text(
            get("phone", _MISSING), required=False, max_length=30, pattern=PHONE
        ),
    }
    if None in values.values():
        return None
    if values["reporter_email"]:
        try:
            _EMAIL(values["reporter_email"])
        except DjangoValidationError:
            return None
    return values


def parse_signal_intake(data) -> SignalInput | None:
    """SignalIntakeSerializer(data=data).to_signal_input() when the data is valid; None
    when it is not (then run the serializer for the errors). A test builds a request with
    every field of SignalInput set and checks each arrives, so a new field cannot be missed
    here (test_api_fuzz.py)."""
    if not isinstance(data, dict):
        return None
    get = data.get
    values = {
        "postcode": _parse_postcode(get("postcode", _MISSING)),
        "house_number": _clean_text(
            get("house_number", _MISSING), required=True, max_length=5, pattern=HOUSE_NUMBER
        ),
        "house_number_addition": _clean_text(
            get("house_number_addition", _MISSING),
            required=False,
            max_length=10,
            pattern=HOUSE_NUMBER_ADDITION,
        ),
        "concern": _clean_text(get("concern", _MISSING), required=True, max_length=5000),
        "person_name": _clean_text(get("person_name", _MISSING), required=False, max_length=200),
        "person_aware": _clean_choice(
            get("person_aware", _MISSING),
            _PERSON_AWARE_VALUES,
            PersonAware.UNKNOWN,
            allow_blank=False,
        ),
        "relation": _clean_choice(
            get("relation", _MISSING), _RELATION_VALUES, "", allow_blank=True
        ),
        "signs": _parse_signs(data),
    }
    reporter = _parse_reporter(data)
    if reporter is None or None in values.values():
        return None
    return SignalInput.from_values({**values, **reporter})


class ReceiptSerializer(serializers.Serializer):
    """The answer to a signal: what the reporter may know, and nothing more."""

    receipt_code = serializers.CharField(
        help_text="The receipt code (meldcode) the reporter uses to look up the status."
    )
    status = serializers.ChoiceField(
        choices=PublicStatus.choices,
        help_text=(
            "Always received: the signal is accepted and stored, and is processed (routed, "
            "joined to a case) within seconds. The status page of the receipt code shows the "
            "progress (received, in_treatment, closed)."
        ),
    )
    urgent = serializers.BooleanField(
        help_text="The text points to acute danger or suicide; show crisis_message at once."
    )
    crisis_message = serializers.CharField(
        allow_null=True,
        help_text="When urgent: the 112/113 message to show the reporter at once; else null.",
    )
