"""Helpers of the public pages: the municipality of a public URL, partner links, the
reporter's organisation, what a reporter may see of a status, limits."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from omzien.core.models import Municipality, Organisation
from omzien.core.scoping import memberships
from omzien.signalling.cases.workflow import CaseState, PublicStatus, public_status
from omzien.signalling.models import (
    CaseEvent,
    PartnerLink,
    SignallingSettings,
)
from omzien.signalling.public import ratelimit
from omzien.signalling.secrets import hash_secret

#: Where the receipt of the last signal waits for the "ontvangen" page, in the session.
RECEIPT_KEY = "omzien.signal_receipt"
#: Prefix of the session keys that keep what was typed (signal form, self-referral).
DRAFT_PREFIX = "omzien.signal_draft"
PUBLIC_METHODS = require_http_methods(["GET", "HEAD", "POST"])


def int_or(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def post_data(request: HttpRequest):
    """request.POST, or None for a GET. Raises the errors of a too-large body."""
    return request.POST if request.method == "POST" else None


def too_large(request: HttpRequest, back_url: str) -> HttpResponse:
    return render(request, "signalling/public/too_large.html", {"back_url": back_url}, status=413)


def rate_limited(response: HttpResponse, verdict: ratelimit.Verdict) -> HttpResponse:
    response["Retry-After"] = str(verdict.retry_after)
    return response


def moved_since_signal():
    """Annotation for a Signal queryset: has the case changed state since this signal?"""
    return Exists(
        CaseEvent.objects.filter(
            case=OuterRef("case"), kind=CaseEvent.Kind.STATE, at__gte=OuterRef("created_at")
        )
    )


def reporter_status(
    *, state: str, case_created_at, signal_created_at, moved_since: bool
) -> PublicStatus:
    """What the reporter of one signal may see.

    A signal that opened its case follows the case. A signal that joined a case already
    open shows "ontvangen" until the case moves after it arrived: otherwise anyone could
    file a signal about an address and learn from the status that a follow-up is running.
    """
    if state == CaseState.CLOSED:
        return PublicStatus.CLOSED
    opened_the_case = case_created_at >= signal_created_at
    if opened_the_case or moved_since:
        return PublicStatus(public_status(state))
    return PublicStatus.RECEIVED


def status_text(texts: SignallingSettings, status: str) -> str:
    return {
        PublicStatus.RECEIVED: texts.received_text,
        PublicStatus.IN_TREATMENT: texts.in_progress_text,
        PublicStatus.CLOSED: texts.closed_text,
    }[status]


def public_municipality(request: HttpRequest, slug: str) -> Municipality:
    municipality = get_object_or_404(Municipality, slug=slug)
    request.municipality = municipality  # the header shows the municipality's name
    return municipality


def not_live(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The kind page of a municipality that does not use the signalling point (yet): what to
    do instead. Nothing is taken: a POST answers 403 with the same page (issue 8)."""
    status = 200 if request.method in ("GET", "HEAD") else 403
    return render(
        request, "signalling/public/not_live.html", {"municipality": municipality}, status=status
    )


def partner_link(municipality: Municipality, token: str) -> PartnerLink:
    """The partner link of this token; 404 when unknown, revoked or of another municipality.
    The link is the credential, so this read is by secret, not through the scoping layer."""
    if not token or len(token) > 200:
        raise Http404
    link = (
        PartnerLink.objects.select_related("organisation")
        .filter(municipality=municipality, token_hash=hash_secret(token), revoked_at__isnull=True)
        .first()
    )
    if link is None:
        raise Http404
    return link


def reporter_organisation(user, municipality: Municipality) -> Organisation | None:
    """The organisation on the user's reporter membership in this municipality."""
    for membership in memberships(user):
        if (
            membership.municipality_id == municipality.pk
            and membership.role == "reporter"
            and membership.organisation_id
        ):
            return membership.organisation
    return None


def store_receipt(request: HttpRequest, municipality, result, again_url: str) -> None:
    request.session[RECEIPT_KEY] = {
        "code": result.signal.receipt_code,
        "urgent": bool(result.urgent),
        "municipality": municipality.pk,
        "again": again_url,
    }
