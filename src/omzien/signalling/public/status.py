"""What a reporter sees afterwards: the status page for a receipt code (``/status/``), which
says received / in behandeling / afgerond and the municipality's standard text, never anything
of the follow-up; and a logged-in reporter's list of signals (``/g/<slug>/mijn-meldingen/``)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from omzien.core.models import Municipality
from omzien.core.permissions import municipality_view
from omzien.signalling.cases.workflow import PublicStatus
from omzien.signalling.models import (
    CaseEvent,
    Signal,
)
from omzien.signalling.public import ratelimit
from omzien.signalling.public.common import (
    moved_since_signal,
    rate_limited,
    reporter_organisation,
    reporter_status,
    status_text,
)
from omzien.signalling.public.forms import (
    StatusForm,
    normalise_receipt_code,
)
from omzien.signalling.public.queries import accepted_signal_by_receipt, signal_by_receipt
from omzien.signalling.settings import settings_of

REPORTER_PAGE_SIZE = 25


@never_cache
@require_http_methods(["GET", "HEAD"])
def status_lookup(request: HttpRequest) -> HttpResponse:
    """Type the receipt code; a valid-looking code goes on to its status page."""
    form = StatusForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("signalling:signal_status_detail", code=form.cleaned_data["code"])
    return render(request, "signalling/public/status_form.html", {"form": form})


def _status_of(signal) -> PublicStatus:
    case = signal.case
    return reporter_status(
        state=case.state,
        case_created_at=case.created_at,
        signal_created_at=signal.created_at,
        moved_since=(
            case.created_at < signal.created_at
            and case.events.filter(kind=CaseEvent.Kind.STATE, at__gte=signal.created_at).exists()
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def status_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Received / in behandeling / afgerond and the standard text: nothing more.

    Found and unknown codes take the same path (one look-up of an accepted signal still waiting
    to be processed, one of the signal, one of the texts, the same template), and every look-up
    counts against the client's rate. A partner-API code whose accepted signal is not yet
    processed (intake/inbox.py; seconds, normally) shows "ontvangen", like a new signal.
    """
    verdict = ratelimit.check_status(request)
    form = StatusForm()
    if not verdict.allowed:
        response = render(
            request,
            "signalling/public/status.html",
            {"form": form, "rate_limited": True},
            status=429,
        )
        return rate_limited(response, verdict)
    # An impossible code still costs the same queries as a real one. The intake first:
    # processing marks it and stores the signal in one transaction, so a code never falls
    # between the two look-ups.
    normalised = normalise_receipt_code(code[:40]) or ""
    pending = accepted_signal_by_receipt(normalised)
    signal = signal_by_receipt(normalised)
    if signal is not None:
        municipality = signal.municipality
    else:
        municipality = pending.municipality if pending is not None else None
    texts = settings_of(municipality)
    if signal is None and pending is None:
        return render(
            request, "signalling/public/status.html", {"form": form, "found": False}, status=404
        )
    if signal is None:
        receipt_code, status = pending.receipt_code, PublicStatus.RECEIVED
    else:
        receipt_code, status = signal.receipt_code, _status_of(signal)
    return render(
        request,
        "signalling/public/status.html",
        {
            "form": form,
            "found": True,
            "code": receipt_code,
            "status": status,
            "status_label": status.label,
            "stages": PublicStatus.choices,
            "text": status_text(texts, status),
        },
    )


@never_cache
@municipality_view("view_own_signals")
def reporter_signals(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The reporter's signals (and their organisation's): code, date and status only.

    Only those columns are read from the database, so no personal data is ever loaded.
    """
    rows = (
        Signal.objects.visible_to(request.user, municipality)
        .annotate(moved_since=moved_since_signal())
        .order_by("-created_at", "-pk")
        .values(
            "receipt_code",
            "created_at",
            "reporter_id",
            "moved_since",
            "case__state",
            "case__created_at",
        )
    )
    page = Paginator(rows, REPORTER_PAGE_SIZE).get_page(request.GET.get("pagina"))
    signals = [
        {
            "code": row["receipt_code"],
            "created_at": row["created_at"],
            "mine": row["reporter_id"] == request.user.pk,
            "status": reporter_status(
                state=row["case__state"],
                case_created_at=row["case__created_at"],
                signal_created_at=row["created_at"],
                moved_since=row["moved_since"],
            ),
        }
        for row in page.object_list
    ]
    return render(
        request,
        "signalling/reporter/signal_list.html",
        {
            "municipality": municipality,
            "page": page,
            "signals": signals,
            "organisation": reporter_organisation(request.user, municipality),
            "form_url": reverse(
                "signalling:reporter_signal_form", kwargs={"municipality_slug": municipality.slug}
            ),
        },
    )
