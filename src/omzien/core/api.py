"""API plumbing shared by all apps: problem+json errors (RFC 9457)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
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
    title = getattr(exc, "default_detail", "Error")
    if isinstance(data, dict) and set(data) == {"detail"}:
        body = problem(response.status_code, str(title), str(data["detail"]))
    else:
        body = problem(
            response.status_code,
            str(title),
            "The request has invalid fields.",
            invalid_params=data,
        )
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            body[header] = response[header]
    if response.status_code == status.HTTP_401_UNAUTHORIZED:
        body.status_code = 401
    return body
