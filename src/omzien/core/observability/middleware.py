"""The request id, one access-log line per request, and the request metrics.

First in ``MIDDLEWARE``, so that it sees every request and every answer, also those of the
middleware after it (a refused method, a redirect to the second factor, a static file).
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.utils.functional import empty

from omzien.core.observability import context, metrics
from omzien.core.observability.logs import route_of

access_log = logging.getLogger("omzien.access")

HEADER = "X-Request-ID"


def _user_id(request) -> int | None:
    """The user's id, only when something during the request already looked the user up
    (no extra query for a page that never asked)."""
    user = request.__dict__.get("user")
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


def _municipality_code(request) -> str | None:
    municipality = getattr(request, "municipality", None)
    return getattr(municipality, "code", None)


def route_name(request) -> str:
    """The label of a request in the metrics: the URL name (``signalling:case_detail``),
    ``static`` for static files, ``unmatched`` for anything else (a bounded set)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name:
        return match.view_name
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class RequestIdMiddleware:
    """Takes the proxy's ``X-Request-ID`` when it is a safe id (else makes one), puts it in
    the log context and the answer's header, and writes the access-log line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        token = context.set_fields(request_id=request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            self._record(request, response.status_code, time.perf_counter() - started)
            return response
        finally:
            context.reset(token)

    @staticmethod
    def _record(request, status: int, seconds: float) -> None:
        route = route_name(request)
        metrics.observe_request(request.method, route, status, seconds)
        duration_ms = round(seconds * 1000, 1)
        fields = {
            "method": request.method,
            "route": route_of(request),
            "view": route,
            "status": status,
            "duration_ms": duration_ms,
            "user_id": _user_id(request),
            "municipality": _municipality_code(request),
        }
        access_log.info(
            "%s %s %s %sms",
            request.method,
            fields["route"],
            status,
            duration_ms,
            extra=fields,
        )
