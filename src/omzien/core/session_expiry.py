"""When the session has expired (issue 8): nothing typed is lost, and the user returns to the
page they were on.

After the idle timeout a staff page answers with a redirect to the login page. Unchanged,
that goes wrong three ways: an htmx action swaps the whole login page into the case page, the
note that was typed is gone, and after logging in the user lands on the POST-only URL of the
action (405). ``SessionExpiryMiddleware`` turns such a redirect into

* for htmx: an ``HX-Redirect`` to the login page, so the browser goes there as a whole page;
* the login URL with ``next`` = the page the user was on (htmx: ``HX-Current-URL``; a plain
  form POST: the same-origin ``Referer``) and ``verlopen=1`` ("uw sessie is verlopen");
* for a POST: the typed fields kept in the (new, anonymous) session, together with the id of
  the user whose session expired; logging in keeps session data, and the page the user
  returns to restores the fields (``kept_input``, rendered by base.html and restored by
  ``static/omzien/omzien.js``; without JavaScript the page shows the typed text to copy).
  Only the same user gets them back; they are dropped after an hour or once shown.

base.html also warns a minute before the idle timeout, with a button that keeps the session
alive (``core:keep_alive``).
"""

from __future__ import annotations

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.models import Session
from django.http import HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

KEPT_KEY = "omzien.kept_input"
#: How long typed input waits for the user to log in again.
KEPT_SECONDS = 3600
#: Limits on what is kept: a field, all fields together.
MAX_FIELD_CHARS = 10_000
MAX_TOTAL_CHARS = 50_000
_NOT_KEPT = {"csrfmiddlewaretoken"}


def _login_path() -> str:
    return resolve_url(settings.LOGIN_URL)


def _same_origin_path(request, url: str) -> str:
    """The path and query of ``url`` when it points to this site; "" otherwise."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page_of(request) -> str:
    """The page the user was looking at when the session turned out to be expired."""
    if request.headers.get("HX-Request"):
        page = _same_origin_path(request, request.headers.get("HX-Current-URL", ""))
    elif request.method == "POST":
        page = _same_origin_path(request, request.headers.get("Referer", ""))
    else:
        page = request.get_full_path()
    return page or "/"


def _expired_user_id(request) -> str | None:
    """The user of the session cookie the browser still sends, when that session expired
    (database sessions keep the row until ``clearsessions``)."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key or settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return None
    row = Session.objects.filter(session_key=key).first()
    if row is None:
        return None
    return row.get_decoded().get("_auth_user_id")


def _typed_fields(request) -> dict[str, list[str]]:
    kept: dict[str, list[str]] = {}
    total = 0
    for name, values in request.POST.lists():
        if name in _NOT_KEPT:
            continue
        values = [value[:MAX_FIELD_CHARS] for value in values]
        total += sum(len(value) for value in values)
        if total > MAX_TOTAL_CHARS:
            break
        kept[name] = values
    return kept


class SessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self._sent_to_login(request, response):
            return response
        page = _page_of(request)
        expired_user = _expired_user_id(request)
        if request.method == "POST" and expired_user is not None:
            request.session[KEPT_KEY] = {
                "user": str(expired_user),
                "page": page,
                "action": request.path,
                "fields": _typed_fields(request),
                "at": time.time(),
            }
        query = {"next": page}
        if expired_user is not None:
            query["verlopen"] = "1"
        login = f"{_login_path()}?{urlencode(query)}"
        if request.headers.get("HX-Request"):
            answer = HttpResponse(status=204)
            answer["HX-Redirect"] = login
            return answer
        response["Location"] = login
        return response

    @staticmethod
    def _sent_to_login(request, response) -> bool:
        if response.status_code != 302 or request.user.is_authenticated:
            return False
        if request.path.startswith("/api/"):
            return False
        return urlsplit(response.get("Location", "")).path == _login_path()


def kept_input(request) -> dict | None:
    """The input typed on this page before the session expired, once, for the same user."""
    kept = request.session.get(KEPT_KEY) if hasattr(request, "session") else None
    user = getattr(request, "user", None)
    if not isinstance(kept, dict) or user is None or not user.is_authenticated:
        return None
    if time.time() - kept.get("at", 0) > KEPT_SECONDS or kept.get("user") != str(user.pk):
        request.session.pop(KEPT_KEY, None)
        return None
    if kept.get("page") != request.get_full_path():
        return None
    request.session.pop(KEPT_KEY, None)
    texts = [
        value
        for values in kept.get("fields", {}).values()
        for value in values
        if isinstance(value, str) and len(value.strip()) > 2
    ]
    return {"action": kept.get("action", ""), "fields": kept.get("fields", {}), "texts": texts}


@login_required
def keep_alive(request):
    """A request that only refreshes the session (the "Ingelogd blijven" button)."""
    return JsonResponse(
        {"ok": request.user.is_authenticated, "idle_seconds": settings.SESSION_COOKIE_AGE}
    )
