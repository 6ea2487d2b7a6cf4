"""The signalling API: the partner intake and the private case API. Thin: parse, call a
service or query, render. Errors are problem+json (RFC 9457, see core.api).

Partner intake, ``POST /api/v1/signals/``
    Accept, then process (``intake.py``). Authenticated by the organisation's API key (one
    indexed query), the body validated (plain Python on the hot path, the DRF serializer for
    the errors), then ONE insert of a ``SignalIntake`` and a 201 with the receipt code, status
    ``received`` and, for crisis text, the 112/113 message. ``manage.py process_intake`` turns
    the intake into a signal and a case within seconds (urgent ones first). ``Idempotency-Key``
    is required: a retry with the same key and the same body answers the same 201 again (same
    receipt code; header ``Idempotent-Replayed: true``), before and after processing, and
    stores nothing; the same key with another body answers 422. The database's unique
    constraint on (organisation, idempotency key) decides, so this holds across processes and
    under concurrency.

Case API, ``/api/v1/cases/``
    Session (second factor verified) or personal token (see api_auth). The municipality
    comes from the credentials: the token's, or the session user's only municipality, or,
    for a session user with several, the ``municipality`` query parameter.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.db.models import Q
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, parsers, renderers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from omzien.core import audit
from omzien.core.api import PROBLEM_CONTENT_TYPE, problem
from omzien.core.models import Municipality, User
from omzien.core.permissions import HasMembership
from omzien.core.scoping import municipalities_of, require, roles_in
from omzien.signalling import intake, queries, services
from omzien.signalling.api_auth import (
    API_KEY_KEYWORD,
    ApiKeyAuthentication,
    CaseApiToken,
    CaseTokenAuthentication,
    HasPartnerApiKey,
    active_api_key,
    credential,
    issue_token,
)
from omzien.signalling.crisis import CRISIS_MESSAGE
from omzien.signalling.models import Case
from omzien.signalling.serializers import (
    LIST_STATES,
    CaseDetailSerializer,
    CaseSummarySerializer,
    MoveSerializer,
    NoteSerializer,
    ProblemSerializer,
    ReceiptSerializer,
    SignalIntakeSerializer,
    TimelineEventSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    parse_signal_intake,
)
from omzien.signalling.workflow import CaseState, PublicStatus, TransitionError

#: Largest request body accepted by the partner API. A full signal is well under 16 KiB.
MAX_BODY_BYTES = 64 * 1024
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY_LENGTH = 100
_IDEMPOTENCY_KEY = re.compile(rf"^[\x21-\x7e]{{1,{MAX_IDEMPOTENCY_KEY_LENGTH}}}\Z")
_MUNICIPALITY_REF = re.compile(r"^[A-Za-z0-9-]{1,100}\Z")


# --- Errors ----------------------------------------------------------------------------------


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body too large"
    default_code = "payload_too_large"


class WorkflowConflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Not possible in the current state of the case"
    default_code = "workflow_conflict"


def _problems(*codes: int) -> dict:
    """drf-spectacular responses: problem+json for each status code."""
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=description)
        for code, description in _PROBLEM_DESCRIPTIONS.items()
        if code in codes
    }


_PROBLEM_DESCRIPTIONS = {
    400: "Invalid request; invalid_params names each field (or header) and why.",
    401: "No valid credentials.",
    403: "Not allowed for your role (or second factor not verified).",
    404: "No such case for you, or no role in the municipality asked for.",
    409: "The workflow does not allow this now; detail gives the reason in Dutch.",
    413: f"Request body larger than {MAX_BODY_BYTES} bytes.",
    415: "Send Content-Type: application/json.",
    422: "This Idempotency-Key was already used with a different body.",
}


# --- Parsing -----------------------------------------------------------------------------------


def _no_constants(name: str):
    raise ValueError(f"{name} is not valid JSON")


class BoundedJSONParser(parsers.BaseParser):
    """JSON (UTF-8, RFC 8259) of at most MAX_BODY_BYTES; anything else is a clean 4xx."""

    media_type = "application/json"

    def parse(self, stream, media_type=None, parser_context=None):
        raw = stream.read(MAX_BODY_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"Send at most {MAX_BODY_BYTES} bytes.")
        try:
            return decode_json(raw)
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise exceptions.ParseError("The body is not valid UTF-8 JSON.") from None


def decode_json(raw: bytes):
    return json.loads(raw.decode("utf-8"), parse_constant=_no_constants)


class SafeJSONRenderer(renderers.JSONRenderer):
    """JSON with non-ASCII escaped. Error messages echo what the client sent, and a lone
    surrogate (valid in a JSON string, not in UTF-8) must not turn a 400 into a 500."""

    ensure_ascii = True


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


# --- Partner intake -----------------------------------------------------------------------------


def _idempotency_key(request) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not _IDEMPOTENCY_KEY.match(key):
        raise exceptions.ValidationError(
            {
                IDEMPOTENCY_HEADER: [
                    f"Required: 1 to {MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, "
                    "unique per signal (e.g. a UUID). Reuse it only to retry the same request."
                ]
            }
        )
    return key


def _request_hash(data) -> str:
    """A fingerprint of the parsed body: the same JSON in any key order or spacing matches."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _receipt(accepted: intake.Accepted) -> dict:
    return {
        "receipt_code": accepted.receipt_code,
        "status": PublicStatus.RECEIVED.value,
        "urgent": accepted.urgent,
        "crisis_message": CRISIS_MESSAGE if accepted.urgent else None,
    }


#: Accept headers for which DRF's content negotiation picks plain application/json.
_PLAIN_ACCEPT = frozenset({"", "*/*", "application/json", "application/*"})
_RECEIPT_RENDERER = SafeJSONRenderer()


class SignalIntakeView(APIView):
    """See the module docstring. The common case, a valid new signal or a replay, takes a lean
    path (``accept_fast``) that skips DRF's request wrapping and content negotiation; every
    other request (errors, unusual headers) goes through DRF, which writes the problem."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasPartnerApiKey]
    parser_classes = [BoundedJSONParser]
    renderer_classes = [SafeJSONRenderer]
    throttle_classes: list = []

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.accept_fast(request)
            if response is not None:
                return response
        return super().dispatch(request, *args, **kwargs)

    def accept_fast(self, request) -> HttpResponse | None:
        """The 201 for a valid request with plain headers, exactly as DRF would render it;
        None for anything else, before anything is stored (DRF then answers). Same checks
        as ``post``: API key, Idempotency-Key, size, JSON, validation, one INSERT."""
        meta = request.META
        if (
            request.content_type != "application/json"
            or meta.get("HTTP_ACCEPT", "").strip() not in _PLAIN_ACCEPT
            or meta.get("QUERY_STRING")
            or not 0 < _declared_length(request) <= MAX_BODY_BYTES
        ):
            return None
        idempotency_key = request.headers.get(IDEMPOTENCY_HEADER, "")
        if not _IDEMPOTENCY_KEY.match(idempotency_key):
            return None
        try:
            key = credential(request, API_KEY_KEYWORD)
        except exceptions.APIException:
            return None
        api_key = active_api_key(key) if key is not None else None
        if api_key is None:
            return None
        raw = request.body
        if len(raw) > MAX_BODY_BYTES:
            return None
        try:
            body = decode_json(raw)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        data = parse_signal_intake(body)
        if data is None:
            return None
        try:
            accepted = intake.accept(
                municipality_id=api_key.municipality_id,
                organisation_id=api_key.organisation_id,
                idempotency_key=idempotency_key,
                request_hash=_request_hash(body),
                data=data,
            )
        except intake.IdempotencyConflict:
            return None  # nothing stored; DRF answers the 422
        response = HttpResponse(
            _RECEIPT_RENDERER.render(_receipt(accepted)),
            status=status.HTTP_201_CREATED,
            content_type=_RECEIPT_RENDERER.media_type,
        )
        if accepted.replayed:
            response["Idempotent-Replayed"] = "true"
        for header, value in self.default_response_headers.items():
            response[header] = value
        return response

    @extend_schema(
        operation_id="signals_create",
        summary="Report a worry about someone (partner API)",
        description=(
            "A minimal signal is a postcode, a house number and the concern. The municipality "
            "and the partner organisation come from the API key. The answer carries the "
            "receipt code and, when the text points to acute danger or suicide, the 112/113 "
            "message to show at once.\n\n"
            "**Accepted, then processed.** A 201 means the signal is stored (durably, once) "
            "and has its receipt code; routing to a team, joining an open case and the "
            "coordinator's e-mail for urgent signals follow within seconds, urgent signals "
            "first. `status` is therefore always `received`; the status page of the receipt "
            "code shows the progress.\n\n"
            "**Idempotency.** Send a fresh `Idempotency-Key` (e.g. a UUID) with every new "
            "signal and the same key when you retry it. A retry with the same key and the "
            "same JSON body gets the same 201 answer (same receipt code, header "
            "`Idempotent-Replayed: true`) and stores nothing new; the same key with a "
            "different body gets 422. Invalid requests (400, 413, 415) store nothing and may "
            "be corrected and sent again with the same key."
        ),
        tags=["signals"],
        request=SignalIntakeSerializer,
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                {"type": "string", "minLength": 1, "maxLength": MAX_IDEMPOTENCY_KEY_LENGTH},
                OpenApiParameter.HEADER,
                required=True,
                description=(
                    "Unique per signal, reused only to retry it: 1 to 100 visible ASCII characters."
                ),
            ),
            OpenApiParameter(
                "Idempotent-Replayed",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="'true' when the answer replays an earlier request with this key.",
                response=[201],
            ),
        ],
        responses={
            (201, "application/json"): OpenApiResponse(
                ReceiptSerializer,
                description="Accepted and stored (or replayed): the receipt.",
            ),
            **_problems(400, 401, 413, 415, 422),
        },
    )
    def post(self, request):
        if _declared_length(request) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"Send at most {MAX_BODY_BYTES} bytes.")
        idempotency_key = _idempotency_key(request)
        body = request.data
        data = parse_signal_intake(body)
        if data is None:  # invalid: the serializer names every problem (400)
            serializer = SignalIntakeSerializer(data=body)
            serializer.is_valid(raise_exception=True)
            data = serializer.to_signal_input()
        api_key = request.auth
        try:
            accepted = intake.accept(
                municipality_id=api_key.municipality_id,
                organisation_id=api_key.organisation_id,
                idempotency_key=idempotency_key,
                request_hash=_request_hash(body),
                data=data,
            )
        except intake.IdempotencyConflict:
            return problem(
                422,
                "Idempotency-Key reused with a different body",
                "This Idempotency-Key was used before with another request body. "
                "Use a new key for a new signal.",
            )
        response = Response(_receipt(accepted), status=status.HTTP_201_CREATED)
        if accepted.replayed:
            response["Idempotent-Replayed"] = "true"
        return response


# --- Private case API ----------------------------------------------------------------------------

MUNICIPALITY_PARAMETER = OpenApiParameter(
    "municipality",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    description=(
        "CBS code (GM0355) or slug (zeist). Needed with a session when you hold roles in "
        "several municipalities; a token is bound to one municipality already."
    ),
)
CASE_AUTH = [CaseTokenAuthentication, SessionAuthentication]


def _municipality_by_ref(user, ref: str) -> Municipality:
    """The municipality named by CBS code or slug; 404 unless the user holds a role there."""
    if not _MUNICIPALITY_REF.match(ref):
        raise exceptions.NotFound()
    municipality = Municipality.objects.filter(Q(code=ref.upper()) | Q(slug=ref.lower())).first()
    if municipality is None or not roles_in(user, municipality):
        raise exceptions.NotFound()
    return municipality


def municipality_of_request(request, ref: str = "") -> Municipality:
    """The municipality the credentials are for (see the module docstring)."""
    ref = ref.strip()
    if isinstance(request.auth, CaseApiToken):
        municipality = request.auth.municipality
        if ref and ref.upper() != municipality.code and ref.lower() != municipality.slug:
            raise exceptions.NotFound()
        if not roles_in(request.user, municipality):
            raise exceptions.NotFound()
        return municipality
    if ref:
        return _municipality_by_ref(request.user, ref)
    local = municipalities_of(request.user)
    if len(local) == 1:
        return local[0]
    if not local:
        raise exceptions.NotFound()
    raise exceptions.ValidationError(
        {"municipality": ["You hold roles in several municipalities: give a CBS code or slug."]}
    )


class CaseApiView(APIView):
    authentication_classes = CASE_AUTH
    permission_classes = [HasMembership]
    parser_classes = [BoundedJSONParser]
    renderer_classes = [SafeJSONRenderer]

    def municipality(self) -> Municipality:
        return municipality_of_request(
            self.request, self.request.query_params.get("municipality", "")
        )

    def case(self, pk: int):
        """The case, if visible to the user (reading it is audited); 404 otherwise."""
        return queries.get_case(self.request.user, self.municipality(), pk)

    def http_method_not_allowed(self, request, *args, **kwargs):
        # A wrong method on someone else's case says 404, like every other request for it.
        if "pk" in kwargs:
            visible = Case.objects.visible_to(request.user, self.municipality())
            if not visible.filter(pk=kwargs["pk"]).exists():
                raise exceptions.NotFound()
        return super().http_method_not_allowed(request, *args, **kwargs)


class CasePagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class CaseListView(generics.ListAPIView):
    """Open cases you may see, overdue first, then urgent, then by deadline."""

    authentication_classes = CASE_AUTH
    permission_classes = [HasMembership]
    parser_classes = [BoundedJSONParser]
    renderer_classes = [SafeJSONRenderer]
    serializer_class = CaseSummarySerializer
    pagination_class = CasePagination

    def get_queryset(self):
        municipality = municipality_of_request(
            self.request, self.request.query_params.get("municipality", "")
        )
        require(self.request.user, "view_cases", municipality)
        cases = queries.open_cases_for(self.request.user, municipality)
        state = self.request.query_params.get("state", "")
        if state:
            if state not in LIST_STATES:
                raise exceptions.ValidationError(
                    {"state": [f"Choose one of: {', '.join(LIST_STATES)}."]}
                )
            cases = cases.filter(state=state)
        return cases

    @extend_schema(
        operation_id="cases_list",
        summary="The case queue",
        description=(
            "Open cases you may see (caseworker: own, team and districts; coordinator: all), "
            "overdue first. Holds no personal data of residents; open a case for those."
        ),
        tags=["cases"],
        parameters=[
            MUNICIPALITY_PARAMETER,
            OpenApiParameter("state", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=LIST_STATES),
        ],
        responses={200: CaseSummarySerializer(many=True), **_problems(400, 401, 403, 404)},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class CaseDetailView(CaseApiView):
    @extend_schema(
        operation_id="cases_retrieve",
        summary="One case with resident, signals and timeline",
        description="Reading a case is recorded in the audit log.",
        tags=["cases"],
        parameters=[MUNICIPALITY_PARAMETER],
        responses={200: CaseDetailSerializer, **_problems(400, 401, 403, 404)},
    )
    def get(self, request, pk: int):
        return Response(CaseDetailSerializer(self.case(pk)).data)


def _run(action):
    """Run a service call; a workflow refusal becomes 409 with the service's Dutch message."""
    try:
        return action()
    except TransitionError as error:
        raise WorkflowConflict(str(error)) from None


class CaseMoveView(CaseApiView):
    @extend_schema(
        operation_id="cases_move",
        summary="Move a case through the workflow",
        description=(
            "`assigned` needs `caseworker` (coordinators only); `closed` needs `outcome`; "
            "`in_progress` and `referred` need the person's recorded consent. The allowed "
            "moves are in `allowed_moves` of the case."
        ),
        tags=["cases"],
        parameters=[MUNICIPALITY_PARAMETER],
        request=MoveSerializer,
        responses={200: CaseSummarySerializer, **_problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        move = serializer.validated_data
        actor, target, note = request.user, move["target"], move["note"]
        if target == CaseState.ASSIGNED:
            caseworker = self._caseworker(move["caseworker"])
            _run(lambda: services.assign_case(actor=actor, case=case, caseworker=caseworker))
        elif target == CaseState.CLOSED:
            _run(
                lambda: services.close_case(
                    actor=actor, case=case, outcome=move["outcome"], note=note
                )
            )
        elif target == CaseState.REOPENED:
            _run(lambda: services.reopen_case(actor=actor, case=case, note=note))
        else:
            _run(lambda: services.move_case(actor=actor, case=case, target=target, note=note))
        return Response(CaseSummarySerializer(case).data)

    @staticmethod
    def _caseworker(pk) -> User:
        user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
        if user is None:
            raise exceptions.ValidationError(
                {"caseworker": ["Give the user id of a caseworker of this municipality."]}
            )
        return user


class CaseNoteView(CaseApiView):
    @extend_schema(
        operation_id="cases_notes_create",
        summary="Add a note (conversation) to a case",
        tags=["cases"],
        parameters=[MUNICIPALITY_PARAMETER],
        request=NoteSerializer,
        responses={201: TimelineEventSerializer, **_problems(400, 401, 403, 404, 409)},
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = _run(
            lambda: services.add_note(
                actor=request.user, case=case, text=serializer.validated_data["text"]
            )
        )
        return Response(TimelineEventSerializer(event).data, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    authentication_classes = [SessionAuthentication]
    permission_classes = [HasMembership]
    parser_classes = [BoundedJSONParser]
    renderer_classes = [SafeJSONRenderer]

    @extend_schema(
        operation_id="tokens_create",
        summary="A personal token for the case API",
        description=(
            "For scripts and apps of staff: exchange a logged-in session (second factor "
            "verified) for a token valid for 8 hours in one municipality. Send it as "
            "`Authorization: Bearer <token>`. A password change or removing the second-factor "
            "device ends every token; a lost role ends its use at once."
        ),
        tags=["cases"],
        request=TokenRequestSerializer,
        responses={201: TokenSerializer, **_problems(400, 401, 403, 404)},
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        municipality = municipality_of_request(request, serializer.validated_data["municipality"])
        require(request.user, "view_cases", municipality)
        token, expires_at = issue_token(request.user, municipality)
        audit.record("api_token_issued", actor=request.user, municipality=municipality)
        body = {
            "token": token,
            "token_type": "Bearer",
            "expires_at": expires_at,
            "municipality": municipality.code,
        }
        return Response(TokenSerializer(body).data, status=status.HTTP_201_CREATED)
