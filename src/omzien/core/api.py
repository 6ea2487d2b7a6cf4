"""API plumbing shared by all apps: problem+json errors (RFC 9457)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem(status_code: int, title: str, detail=None, **extra) -> Response:
    body = {"type": "about:blank", "title": title, "status": status_code}
    if detail is not None:
        body["detail"] = detail
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def problem_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    title = str(getattr(exc, "default_detail", "Error"))
    if "{" in title:
        # DRF's titles such as 'Methode "{method}" niet toegestaan.' keep their placeholder;
        # the detail has it filled in (issue 8).
        detail = data.get("detail") if isinstance(data, dict) else None
        title = str(detail) if detail else str(response.status_text)
    if isinstance(data, dict) and set(data) == {"detail"}:
        body = problem(response.status_code, title, str(data["detail"]))
    else:
        body = problem(
            response.status_code,
            title,
            _("Het verzoek heeft ongeldige velden; invalid_params noemt ze."),
            invalid_params=data,
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            body[header] = response[header]
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        body.status_code = 401
    return body


def not_found(request, exception=None):
    """Django's 404 handler (``handler404``): problem+json under /api/, so a path the API's
    routes do not match (``/api/v1/cases/abc/``, ``/api/v1/nothing/``) answers like a case
    you may not see; the HTML page everywhere else."""
    if request.path_info.startswith("/api/"):
        title = str(exceptions.NotFound.default_detail)
        return JsonResponse(
            {"type": "about:blank", "title": title, "status": 404, "detail": title},
            status=status.HTTP_404_NOT_FOUND,
            content_type=PROBLEM_CONTENT_TYPE,
        )
    from omzien.core.views import error_404

    return error_404(request, exception)
