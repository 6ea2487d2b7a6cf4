"""Shapes of the signalling API: what a partner sends, what staff read and write.

Serializers parse and render only. Every decision (routing, joining, crisis flagging,
workflow moves, permissions) stays in ``services.py`` and ``queries.py``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from omzien.core.geo import InvalidPostcode, normalise_postcode
from omzien.signalling.models import CaseEvent, Channel, PersonAware, Relation, Sign
from omzien.signalling.services import SignalInput
from omzien.signalling.workflow import (
    OPEN_STATES,
    CaseState,
    Outcome,
    PublicStatus,
    allowed_moves,
)

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
        return SignalInput(
            postcode=data["postcode"],
            house_number=data["house_number"],
            house_number_addition=data["house_number_addition"],
            person_name=data["person_name"],
            signs=list(data["signs"]),
            concern=data["concern"],
            person_aware=data["person_aware"],
            relation=data["relation"],
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


def parse_signal_intake(data) -> SignalInput | None:
    """SignalIntakeSerializer(data=data).to_signal_input() when the data is valid; None
    when it is not (then run the serializer for the errors)."""
    if not isinstance(data, dict):
        return None
    get = data.get
    postcode = _clean_text(
        get("postcode", _MISSING), required=True, max_length=10, pattern=POSTCODE
    )
    if postcode is None:
        return None
    try:
        postcode = normalise_postcode(postcode)
    except InvalidPostcode:
        return None
    house_number = _clean_text(
        get("house_number", _MISSING), required=True, max_length=5, pattern=HOUSE_NUMBER
    )
    addition = _clean_text(
        get("house_number_addition", _MISSING),
        required=False,
        max_length=10,
        pattern=HOUSE_NUMBER_ADDITION,
    )
    concern = _clean_text(get("concern", _MISSING), required=True, max_length=5000)
    person_name = _clean_text(get("person_name", _MISSING), required=False, max_length=200)
    person_aware = _clean_choice(
        get("person_aware", _MISSING), _PERSON_AWARE_VALUES, PersonAware.UNKNOWN, allow_blank=False
    )
    relation = _clean_choice(get("relation", _MISSING), _RELATION_VALUES, "", allow_blank=True)
    if None in (house_number, addition, concern, person_name, person_aware, relation):
        return None
    signs = get("signs", _MISSING)
    if signs is _MISSING:
        signs = []
    elif not isinstance(signs, list) or len(signs) > len(_SIGN_VALUES):
        return None
    else:
        signs = [str(sign) for sign in signs if sign is not None]
        if len(signs) != len(data["signs"]) or not _SIGN_VALUES.issuperset(signs):
            return None
    reporter = get("reporter", _MISSING)
    if reporter is _MISSING or reporter is None:
        reporter = {}
    elif not isinstance(reporter, dict):
        return None
    reporter_name = _clean_text(reporter.get("name", _MISSING), required=False, max_length=200)
    reporter_email = _clean_text(reporter.get("email", _MISSING), required=False, max_length=254)
    reporter_phone = _clean_text(
        reporter.get("phone", _MISSING), required=False, max_length=30, pattern=PHONE
    )
    if None in (reporter_name, reporter_email, reporter_phone):
        return None
    if reporter_email:
        try:
            _EMAIL(reporter_email)
        except DjangoValidationError:
            return None
    return SignalInput(
        postcode=postcode,
        house_number=house_number,
        house_number_addition=addition,
        person_name=person_name,
        signs=signs,
        concern=concern,
        person_aware=person_aware,
        relation=relation,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        reporter_phone=reporter_phone,
    )


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


# --- Private case API --------------------------------------------------------------------


class TokenRequestSerializer(serializers.Serializer):
    municipality = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text=(
            "CBS code (GM0355) or slug (zeist). Needed when you hold roles in several "
            "municipalities."
        ),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as 'Authorization: Bearer <token>'.")
    token_type = serializers.CharField(default="Bearer")
    expires_at = serializers.DateTimeField()
    municipality = serializers.CharField(help_text="CBS code the token is bound to.")


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class NamedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


def _named_user(user) -> dict | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


class CaseSummarySerializer(serializers.Serializer):
    """A case in a list: no personal data of the resident (reading those is audited)."""

    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=CaseState.choices)
    state_label = serializers.SerializerMethodField()
    outcome = serializers.CharField(help_text="Empty unless closed.")
    urgent = serializers.BooleanField()
    overdue = serializers.SerializerMethodField()
    contact_deadline = serializers.DateTimeField()
    first_contact_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    district = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()
    caseworker = serializers.SerializerMethodField()
    allowed_moves = serializers.SerializerMethodField()

    def get_state_label(self, case) -> str:
        return str(CaseState(case.state).label)

    def get_overdue(self, case) -> bool:
        overdue = getattr(case, "overdue", None)
        return bool(overdue) if overdue is not None else case.is_overdue()

    @extend_schema_field(AreaSerializer(allow_null=True))
    def get_district(self, case):
        d = case.district
        return {"code": d.code, "name": d.name} if d else None

    @extend_schema_field(NamedSerializer(allow_null=True))
    def get_team(self, case):
        return {"id": case.team.pk, "name": case.team.name} if case.team else None

    @extend_schema_field(NamedSerializer(allow_null=True))
    def get_caseworker(self, case):
        return _named_user(case.caseworker)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_moves(self, case):
        return sorted(allowed_moves(case.state))


class ResidentSerializer(serializers.Serializer):
    name = serializers.CharField()
    street = serializers.CharField()
    postcode = serializers.CharField()
    house_number = serializers.CharField()
    house_number_addition = serializers.CharField()
    place = serializers.CharField()


class ReporterOutSerializer(serializers.Serializer):
    name = serializers.CharField(source="reporter_name")
    email = serializers.CharField(source="reporter_email")
    phone = serializers.CharField(source="reporter_phone")


class CaseSignalSerializer(serializers.Serializer):
    """A signal as staff see it. Text fields are plain text: escape them when rendering."""

    receipt_code = serializers.CharField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    created_at = serializers.DateTimeField()
    organisation = serializers.SerializerMethodField()
    postcode = serializers.CharField()
    house_number = serializers.CharField()
    house_number_addition = serializers.CharField()
    person_name = serializers.CharField()
    signs = serializers.ListField(child=serializers.ChoiceField(choices=Sign.choices))
    concern = serializers.CharField()
    person_aware = serializers.ChoiceField(choices=PersonAware.choices)
    relation = serializers.CharField()
    urgent = serializers.BooleanField()
    reporter = ReporterOutSerializer(source="*")

    @extend_schema_field(NamedSerializer(allow_null=True))
    def get_organisation(self, signal):
        org = signal.organisation
        return {"id": org.pk, "name": org.name} if org else None


class TimelineEventSerializer(serializers.Serializer):
    """One entry of the case's append-only history."""

    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=CaseEvent.Kind.choices)
    actor = serializers.SerializerMethodField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    method = serializers.CharField()
    reached = serializers.BooleanField(allow_null=True)
    consent_scope = serializers.CharField()
    consent_how = serializers.CharField()
    text = serializers.CharField(help_text="Plain text: escape it when rendering.")
    related_id = serializers.IntegerField(allow_null=True)

    @extend_schema_field(NamedSerializer(allow_null=True))
    def get_actor(self, event):
        return _named_user(event.actor)


class CaseDetailSerializer(CaseSummarySerializer):
    """A case with the resident, its signals and the timeline. Reading it is audited."""

    closed_at = serializers.DateTimeField(allow_null=True)
    resident = serializers.SerializerMethodField()
    signals = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    @extend_schema_field(ResidentSerializer(allow_null=True))
    def get_resident(self, case):
        return ResidentSerializer(case.resident).data if case.resident else None

    @extend_schema_field(CaseSignalSerializer(many=True))
    def get_signals(self, case):
        signals = case.signals.select_related("organisation").order_by("created_at", "pk")
        return CaseSignalSerializer(signals, many=True).data

    @extend_schema_field(TimelineEventSerializer(many=True))
    def get_timeline(self, case):
        events = case.events.select_related("actor").order_by("at", "pk")
        return TimelineEventSerializer(events, many=True).data


class MoveSerializer(serializers.Serializer):
    """A move through the workflow table (signalling/workflow.py)."""

    target = serializers.ChoiceField(
        # No move ever leads back to "new".
        choices=[choice for choice in CaseState.choices if choice[0] != CaseState.NEW],
        help_text="The state to move to; see allowed_moves of the case.",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    outcome = serializers.ChoiceField(
        choices=Outcome.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Required when target is closed.",
    )
    caseworker = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text="User id of the caseworker; required when target is assigned (coordinator).",
    )


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10000, help_text="Plain text.")


#: The states the case list can filter on: it lists open cases only (the queue).
LIST_STATES = sorted(OPEN_STATES)
