"""Request middleware: the second-factor gate and security headers."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

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
