"""View and API helpers that hand every decision to the scoping layer."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from rest_framework import permissions

from omzien.core import audit
from omzien.core.models import Municipality
from omzien.core.scoping import require, roles_in

#: Methods no staff page handles (and that must not count as a page view in the audit log).
REFUSED_METHODS = frozenset({"OPTIONS", "TRACE"})


def resolve_municipality(user, slug: str) -> Municipality:
    """The municipality of a staff URL; 404 when the user holds no role there."""
    municipality = get_object_or_404(Municipality, slug=slug)
    if not roles_in(user, municipality):
        raise Http404
    return municipality


def municipality_view(action: str):
    """Decorate a staff view under /g/<municipality_slug>/: login, membership, permission.

    The view receives the municipality as its second argument.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, municipality_slug: str, *args, **kwargs):
            if request.method in REFUSED_METHODS:
                return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
            municipality = resolve_municipality(request.user, municipality_slug)
            require(request.user, action, municipality)
            request.municipality = municipality
            # One audit entry per page view, none for HEAD (core/audit.py).
            with audit.page_view(request.method):
                return view(request, municipality, *args, **kwargs)

        wrapped.omzien_action = action
        return wrapped

    return decorator


def national_view(view):
    """Decorate a page of the national programme (under /landelijk/): login, and a national
    role (the programme team) or a superuser; anyone else gets 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        from django.core.exceptions import PermissionDenied

        from omzien.core.scoping import national_roles

        if not (national_roles(request.user) or request.user.is_superuser):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class HasMembership(permissions.IsAuthenticated):
    """API: authenticated and holding a role (the view scopes the records)."""

    def has_permission(self, request, view) -> bool:
        from omzien.core.scoping import memberships

        return super().has_permission(request, view) and bool(memberships(request.user))
