"""What both APIs of the signalling point share: problem+json errors, the bounded JSON parser
and renderer, request size, and the OpenAPI problem responses."""

from __future__ import annotations

import json
import re

from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, parsers, renderers, status

from omzien.core.api import PROBLEM_CONTENT_TYPE
from omzien.signalling.api.partner_input import ProblemSerializer

#: Largest request body accepted by the partner API. A full signal is well under 16 KiB.
MAX_BODY_BYTES = 64 * 1024
IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_IDEMPOTENCY_KEY_LENGTH = 100
IDEMPOTENCY_KEY_PATTERN = re.compile(rf"^[\x21-\x7e]{{1,{MAX_IDEMPOTENCY_KEY_LENGTH}}}\Z")
#: The same rule for the OpenAPI document (ECMA-262 regex: visible ASCII, `!` to `~`).
IDEMPOTENCY_KEY_SCHEMA_PATTERN = "^[!-~]+$"
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


def problems(*codes: int) -> dict:
    """drf-spectacular responses: problem+json for each status code."""
    return {
        (code, PROBLEM_CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=description)
        for code, description in PROBLEM_DESCRIPTIONS.items()
        if code in codes
    }


PROBLEM_DESCRIPTIONS = {
    400: "Invalid request; invalid_params names each field (or header) and why.",
    401: "No valid credentials.",
    403: (
        "Not allowed: not for your role (or second factor not verified); for a signal, the "
        "municipality does not use the signalling point (yet) and nothing was stored."
    ),
    404: "No such case for you, or no role in the municipality asked for.",
    409: "The workflow does not allow this now; detail gives the reason in Dutch.",
    413: f"Request body larger than {MAX_BODY_BYTES} bytes.",
    415: "Send Content-Type: application/json.",
    422: "This Idempotency-Key was already used with a different body.",
}


# --- Parsing -----------------------------------------------------------------------------------


def no_constants(name: str):
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
    return json.loads(raw.decode("utf-8"), parse_constant=no_constants)


class SafeJSONRenderer(renderers.JSONRenderer):
    """JSON with non-ASCII escaped. Error messages echo what the client sent, and a lone
    surrogate (valid in a JSON string, not in UTF-8) must not turn a 400 into a 500."""

    ensure_ascii = True


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
