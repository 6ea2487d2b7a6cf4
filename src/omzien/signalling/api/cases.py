"""The private case API, ``/api/v1/cases/`` and ``/api/v1/tokens/``. Thin: parse, ask the
gate through ``services.perform``, render. Errors are problem+json (RFC 9457, see core.api).

Session (second factor verified) or personal token (see ``auth.py``). The municipality comes
from the credentials: the token's, or the session user's only municipality, or, for a session
user with several, the ``municipality`` query parameter.
"""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from omzien.core import audit
from omzien.core.models import Municipality, User
from omzien.core.permissions import HasMembership
from omzien.core.scoping import municipalities_of, require, roles_in
from omzien.signalling.api.auth import (
    CaseApiToken,
    CaseTokenAuthentication,
    issue_token,
)
from omzien.signalling.api.case_serializers import (
    LIST_STATES,
    CaseDetailSerializer,
    CaseSummarySerializer,
    MoveSerializer,
    NoteSerializer,
    TimelineEventSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)
from omzien.signalling.api.common import (
    _MUNICIPALITY_REF,
    BoundedJSONParser,
    SafeJSONRenderer,
    WorkflowConflict,
    problems,
)
from omzien.signalling.cases import queries, services
from omzien.signalling.cases.workflow import CaseState, TransitionError
from omzien.signalling.models import Case

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
    """``?page=`` (1 or more; past the last page: 404) and ``?page_size=`` (1 to 200, 50 by
    default). A page size outside that range is a 400, as the OpenAPI document says, rather
    than DRF's silent default or cut-off."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise exceptions.ValidationError(
                {"page_size": [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "required": False,
                "in": "query",
                "description": "Page number, from 1; a page past the last one is 404.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": (
                    f"Cases per page: 1 to {self.max_page_size}, {self.page_size} by default; "
                    "any other value is 400."
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                },
            },
        ]


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
        responses={200: CaseSummarySerializer(many=True), **problems(400, 401, 403, 404)},
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
        responses={200: CaseDetailSerializer, **problems(400, 401, 403, 404)},
    )
    def get(self, request, pk: int):
        case = self.case(pk)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


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
        responses={200: CaseSummarySerializer, **problems(400, 401, 403, 404, 409, 413, 415)},
    )
    def post(self, request, pk: int):
        case = self.case(pk)
        serializer = MoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        move = serializer.validated_data
        params = {"note": move["note"]}
        if move["target"] == CaseState.ASSIGNED:
            params = {"caseworker": self._caseworker(move["caseworker"])}
        elif move["target"] == CaseState.CLOSED:
            params["outcome"] = move["outcome"]
        # The gate (cases/actions.py) decides; a refusal is 409 with its Dutch reason.
        _run(
            lambda: services.move_case(
                actor=request.user, case=case, target=move["target"], **params
            )
        )
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
        responses={201: TimelineEventSerializer, **problems(400, 401, 403, 404, 409, 413, 415)},
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
            "`Authorization: Bearer <token>`. Logging out, a password change or removing the "
            "second-factor device ends every token; a lost role ends its use at once."
        ),
        tags=["cases"],
        request=TokenRequestSerializer,
        responses={201: TokenSerializer, **problems(400, 401, 403, 404, 413, 415)},
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
