"""The partner API, ``POST /api/v1/signals/``: accept, then process (``intake/inbox.py``).

Authenticated by the organisation's API key, the body validated (plain Python on the hot
path, the DRF serializer for the errors), then ONE insert of an accepted signal (on the hot
path the same statement checks the key) and a 201 with the receipt code, status ``received``
and, for crisis text, the 112/113 message. ``manage.py process_intake`` turns it into a
signal and a case within seconds (urgent ones first). ``Idempotency-Key`` is required: a
retry with the same key and the same body answers the same 201 again (same receipt code;
header ``Idempotent-Replayed: true``), before and after processing, and stores nothing; the
same key with another body answers 422. The database's unique constraint on (organisation,
idempotency key) decides, so this holds across processes and under concurrency.
"""

from __future__ import annotations

import hashlib
import json

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from omzien.core.api import problem
from omzien.signalling.api.auth import (
    API_KEY_KEYWORD,
    ApiKeyAuthentication,
    HasPartnerApiKey,
    credential,
)
from omzien.signalling.api.common import (
    IDEMPOTENCY_HEADER,
    IDEMPOTENCY_KEY_PATTERN,
    IDEMPOTENCY_KEY_SCHEMA_PATTERN,
    MAX_BODY_BYTES,
    MAX_IDEMPOTENCY_KEY_LENGTH,
    BoundedJSONParser,
    PayloadTooLarge,
    SafeJSONRenderer,
    declared_length,
    decode_json,
    problems,
)
from omzien.signalling.api.partner_input import (
    ReceiptSerializer,
    SignalIntakeSerializer,
    parse_signal_intake,
)
from omzien.signalling.cases.workflow import PublicStatus
from omzien.signalling.intake import inbox
from omzien.signalling.intake.crisis import CRISIS_MESSAGE
from omzien.signalling.secrets import hash_secret, prefix_of
from omzien.signalling.settings import is_live


def idempotency_key_of(request) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not IDEMPOTENCY_KEY_PATTERN.match(key):
        raise exceptions.ValidationError(
            {
                IDEMPOTENCY_HEADER: [
                    f"Required: 1 to {MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, "
                    "unique per signal (e.g. a UUID). Reuse it only to retry the same request."
                ]
            }
        )
    return key


def request_hash_of(data) -> str:
    """A fingerprint of the parsed body: the same JSON in any key order or spacing matches."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def receipt_body(accepted: inbox.Accepted) -> dict:
    return {
        "receipt_code": accepted.receipt_code,
        "status": PublicStatus.RECEIVED.value,
        "urgent": accepted.urgent,
        "crisis_message": CRISIS_MESSAGE if accepted.urgent else None,
    }


#: Accept headers for which DRF's content negotiation picks plain application/json.
PLAIN_ACCEPT = frozenset({"", "*/*", "application/json", "application/*"})
RECEIPT_RENDERER = SafeJSONRenderer()


def _plain_api_key(request) -> str | None:
    """The API key sent with a request with plain headers and a body of a sensible size;
    None for anything else (DRF then answers). Not checked here: the INSERT checks it."""
    meta = request.META
    if (
        request.content_type != "application/json"
        or meta.get("HTTP_ACCEPT", "").strip() not in PLAIN_ACCEPT
        or meta.get("QUERY_STRING")
        or not 0 < declared_length(request) <= MAX_BODY_BYTES
    ):
        return None
    try:
        key = credential(request, API_KEY_KEYWORD)
    except exceptions.APIException:
        return None
    return key


def _plain_body(request):
    """The decoded JSON body, or None when it is too large or not JSON (DRF then answers)."""
    raw = request.body
    if len(raw) > MAX_BODY_BYTES:
        return None
    try:
        return decode_json(raw)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


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
        as ``post``: API key, Idempotency-Key, size, JSON, validation; the API key is checked
        by the one INSERT itself (``inbox.accept_with_key``), so a new signal costs one
        round trip to the database. A replay takes DRF's path (two queries more)."""
        api_key = _plain_api_key(request)
        if api_key is None:
            return None
        idempotency_key = request.headers.get(IDEMPOTENCY_HEADER, "")
        if not IDEMPOTENCY_KEY_PATTERN.match(idempotency_key):
            return None
        body = _plain_body(request)
        data = parse_signal_intake(body)
        if data is None:
            return None
        accepted = inbox.accept_with_key(
            key_prefix=prefix_of(api_key),
            key_hash=hash_secret(api_key),
            idempotency_key=idempotency_key,
            request_hash=request_hash_of(body),
            data=data,
        )
        if accepted is None:
            return None  # nothing stored (unknown key, a retry, a conflict): DRF answers
        response = HttpResponse(
            RECEIPT_RENDERER.render(receipt_body(accepted)),
            status=status.HTTP_201_CREATED,
            content_type=RECEIPT_RENDERER.media_type,
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
                {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": MAX_IDEMPOTENCY_KEY_LENGTH,
                    "pattern": IDEMPOTENCY_KEY_SCHEMA_PATTERN,
                    "example": "5f0c2a4e-8d7b-4e43-9a51-3c1f2b9d7e60",
                },
                OpenApiParameter.HEADER,
                required=True,
                description=(
                    "Unique per signal, reused only to retry it: 1 to 100 visible ASCII "
                    "characters (`!` to `~`, no spaces), e.g. a UUID. Missing or another "
                    "format: 400."
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
            **problems(400, 401, 403, 413, 415, 422),
        },
    )
    def post(self, request):
        if declared_length(request) > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"Send at most {MAX_BODY_BYTES} bytes.")
        idempotency_key = idempotency_key_of(request)
        body = request.data
        data = parse_signal_intake(body)
        if data is None:  # invalid: the serializer names every problem (400)
            serializer = SignalIntakeSerializer(data=body)
            serializer.is_valid(raise_exception=True)
            data = serializer.to_signal_input()
        api_key = request.auth
        if not is_live(api_key.municipality_id):
            return problem(
                403,
                "Signalling point not live",
                "Deze gemeente gebruikt het signaalpunt (nog) niet. De melding is niet "
                "opgeslagen. Is er direct gevaar? Bel 112. Denkt iemand aan zelfdoding? "
                "Bel 113 (0800-0113).",
            )
        try:
            accepted = inbox.accept(
                municipality_id=api_key.municipality_id,
                organisation_id=api_key.organisation_id,
                idempotency_key=idempotency_key,
                request_hash=request_hash_of(body),
                data=data,
            )
        except inbox.IdempotencyConflict:
            return problem(
                422,
                "Idempotency-Key reused with a different body",
                "This Idempotency-Key was used before with another request body. "
                "Use a new key for a new signal.",
            )
        response = Response(receipt_body(accepted), status=status.HTTP_201_CREATED)
        if accepted.replayed:
            response["Idempotent-Replayed"] = "true"
        return response
