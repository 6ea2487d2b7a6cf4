"""Request middleware: the second-factor gate, refusing NUL characters, security headers."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.core.extensions import public_prefixes
from omzien.core.scoping import needs_second_factor

#: Core's paths an authenticated but not yet verified user may reach; apps add their public
#: pages through ``core.extensions.public_paths``.
_CORE_OPEN_PREFIXES = ("/static/", "/account/")


def _open_prefixes() -> tuple[str, ...]:
    return _CORE_OPEN_PREFIXES + public_prefixes()


def second_factor_enabled() -> bool:
    return settings.TWO_FACTOR == "required"


class SecondFactorMiddleware:
    """Sends users whose role sees personal data to the second-factor step until verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            second_factor_enabled()
            and user.is_authenticated
            and not user.is_verified()
            and needs_second_factor(user)
            and not request.path.startswith(_open_prefixes())
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "about:blank",
                        "title": "Second factor required",
                        "status": 403,
                        "detail": "Complete the second factor before using the API.",
                    },
                    status=403,
                    content_type="application/problem+json",
                )
            return redirect(f"{reverse('core:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


_NUL = "\x00"


def has_nul(query_dict) -> bool:
    """Whether any key or value of a QueryDict (GET or POST) holds a NUL character."""
    return any(
        _NUL in key or any(_NUL in value for value in values if isinstance(value, str))
        for key, values in query_dict.lists()
    )


class RefuseNulMiddleware:
    """Refuses, with a 400, any request whose query string or form data holds a NUL character.

    PostgreSQL cannot store or compare text with NUL (``\\x00``): a search such as
    ``?q=%00`` would otherwise fail with a 500. This is the one place every text typed into a
    page passes, so no view, form or query has to remember it. (Forms' CharFields and the
    API's serializers refuse NUL as well: the API's bodies are theirs to check, so that this
    middleware never reads an API request's body before the API does.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        form_post = request.method == "POST" and not request.path.startswith("/api/")
        if has_nul(request.GET) or (form_post and has_nul(request.POST)):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def refuse(request):
        detail = _(
            "Wat u stuurde bevat een onzichtbaar teken (een nul-teken) dat we niet kunnen "
            "verwerken. Ga terug, typ de tekst opnieuw en probeer het nog eens."
        )
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"type": "about:blank", "title": "Bad request", "status": 400, "detail": detail},
                status=400,
                content_type="application/problem+json",
            )
        return render(request, "errors/400.html", {"reason": detail}, status=400)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: only our own scripts, styles and images."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Permissions-Policy", "geolocation=(), camera=(), microphone=()")
        return response
