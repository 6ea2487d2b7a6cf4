"""Shapes of the private case API: what staff read and write. Parsing and rendering only;
every decision stays in ``cases/actions.py`` and ``cases/services.py``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from omzien.signalling.cases.actions import ACTION_FOR_TARGET, Action, available_actions
from omzien.signalling.cases.workflow import (
    OPEN_STATES,
    CaseState,
    Outcome,
    allowed_moves,
)
from omzien.signalling.models import CaseEvent, Channel, PersonAware, Sign


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
    related_id = serializers.IntegerField(
        allow_null=True,
        help_text=(
            "The record the event is about: the assessment, the assigned user, or for "
            "`referral` and `referral_follow_up` the referral."
        ),
    )
    referral_state = serializers.CharField(
        help_text=(
            "For `referral` events: the referral's state after this step (proposed, accepted, "
            "started, ended, declined, not_started); empty otherwise."
        )
    )

    @extend_schema_field(NamedSerializer(allow_null=True))
    def get_actor(self, event):
        return _named_user(event.actor)


class CaseDetailSerializer(CaseSummarySerializer):
    """A case with the resident, its signals and the timeline. Reading it is audited."""

    closed_at = serializers.DateTimeField(allow_null=True)
    resident = serializers.SerializerMethodField()
    signals = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    available_actions = serializers.SerializerMethodField(
        help_text=(
            "What you may do with this case now, by the one gate of the workflow "
            "(cases/actions.py): the moves you may make (`target` of the move endpoint) and "
            "whether you may add a note. `allowed_moves` lists what the state table allows "
            "for anyone; this list also weighs your role and the rules (consent, attempts, "
            "erased data)."
        )
    )

    @extend_schema_field(
        inline_serializer(
            "AvailableActions",
            {
                "moves": serializers.ListField(child=serializers.CharField()),
                "note": serializers.BooleanField(),
            },
        )
    )
    def get_available_actions(self, case):
        request = self.context.get("request")
        if request is None:
            return {"moves": [], "note": False}
        verdicts = available_actions(case, request.user)
        moves = sorted(
            target for target, action in ACTION_FOR_TARGET.items() if verdicts[action].allowed
        )
        return {"moves": moves, "note": verdicts[Action.NOTE].allowed}

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
    """A move through the workflow table (signalling/cases/workflow.py)."""

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
