"""The Dutch 404 page also in the demo (issue 8).

``make run`` serves the demo with DEBUG on, and with DEBUG Django answers an unknown page with
its English technical page (a list of URL patterns), not with ``handler404``. This middleware,
active only with DEBUG, answers those with the same Dutch page as production
(``errors/404.html``); the API's problem+json answers stay as they are."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


class DutchNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and not request.path.startswith("/api/")
            and response.get("Content-Type", "").startswith("text/html")
            and b"<title>Page not found at " in response.content  # Django's technical page
        ):
            return render(request, "errors/404.html", status=404)
        return response
