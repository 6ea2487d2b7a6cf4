"""Methods that no page handles are refused with 405 before anything else runs.

* ``TRACE`` and ``CONNECT``, everywhere: no view of Omzien handles them, and a TRACE that
  reached a view would at best be answered by it and at worst be recorded as a page view.
* ``OPTIONS`` outside ``/api/``: pages are for browsers, which need no OPTIONS (Omzien sends
  no CORS headers). Under ``/api/`` OPTIONS is left to Django REST framework, which answers
  with a description of the endpoint after the same authentication as any other method and
  reads no records.

The answer comes before the session, the login, the second factor and the view, so nothing is
written to the audit log for such a request. ``Allow`` lists the methods of the API endpoint
when the path is one (from its view class), and for pages the methods pages use at all:
``GET, HEAD, POST``. Under ``/api/`` the body is problem+json (docs/api.md); elsewhere short
plain text.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, resolve

API_PREFIX = "/api/"
REFUSED_EVERYWHERE = frozenset({"TRACE", "CONNECT"})
REFUSED_ON_PAGES = REFUSED_EVERYWHERE | {"OPTIONS"}
PAGE_METHODS = ("GET", "HEAD", "POST")


def is_refused(method: str, path: str) -> bool:
    if path.startswith(API_PREFIX):
        return method in REFUSED_EVERYWHERE
    return method in REFUSED_ON_PAGES


def api_methods(path: str) -> list[str]:
    """The methods the API endpoint at ``path`` handles, from its view class."""
    try:
        view = resolve(path).func
    except Resolver404:
        return []
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is None:
        return []
    names = [
        name.upper()
        for name in view_class.http_method_names
        if name.upper() not in REFUSED_EVERYWHERE and hasattr(view_class, name)
    ]
    if "GET" in names and "HEAD" not in names:
        names.insert(names.index("GET") + 1, "HEAD")
    return names


class RefuseMethodsMiddleware:
    """405 with ``Allow`` for TRACE and CONNECT, and for OPTIONS outside /api/."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_refused(request.method, request.path_info):
            return self.get_response(request)
        if request.path_info.startswith(API_PREFIX):
            response = JsonResponse(
                {
                    "type": "about:blank",
                    "title": "Method not allowed",
                    "status": 405,
                    "detail": f"{request.method} is not allowed here.",
                },
                status=405,
                content_type="application/problem+json",
            )
            allowed = api_methods(request.path_info)
        else:
            response = HttpResponse(
                "405: deze pagina kent deze methode niet.\n",
                status=405,
                content_type="text/plain; charset=utf-8",
            )
            allowed = list(PAGE_METHODS)
        response["Allow"] = ", ".join(allowed)
        return response
