"""The public side of the signalling point and the reporter's own pages.

* the signal form in three short steps, for anyone (``/melden/<slug>/``), through a partner
  organisation's secret link (``/melden/<slug>/p/<token>/``) and for a logged-in reporter
  (``/g/<slug>/melden/``); one flow serves all three, only the channel differs;
* self-referral, "ik wil graag contact" (``/melden/<slug>/zelf/``), one short page;
* the status page for a receipt code (``/status/``), which says received / in behandeling /
  afgerond and the municipality's standard text, never anything of the follow-up;
* the reporter's list of signals (``/g/<slug>/mijn-meldingen/``): code, date, status.

Nothing typed is ever lost: each step's input (valid or not) is kept in the session, and a
signed copy of the whole draft travels in a hidden field, so even a session that expired
while someone was typing slowly can be picked up again on the next step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from omzien.core.models import Municipality, Organisation
from omzien.core.permissions import municipality_view
from omzien.core.scoping import memberships
from omzien.signalling import ratelimit
from omzien.signalling.crisis import CRISIS_MESSAGE, is_crisis
from omzien.signalling.forms_public import (
    AboutWhomForm,
    ConcernForm,
    ContactForm,
    PublicForm,
    SelfReferralForm,
    StatusForm,
    normalise_receipt_code,
)
from omzien.signalling.models import (
    CaseEvent,
    Channel,
    PartnerLink,
    PersonAware,
    Relation,
    Sign,
    Signal,
    SignallingSettings,
)
from omzien.signalling.queries import pending_intake_by_receipt, signal_by_receipt
from omzien.signalling.secrets import hash_secret
from omzien.signalling.services import SignalInput, submit_signal
from omzien.signalling.workflow import CaseState, PublicStatus, public_status

STEPS: dict[int, type[PublicForm]] = {1: AboutWhomForm, 2: ConcernForm, 3: ContactForm}
LAST_STEP = max(STEPS)
STEP_TITLES = {
    1: _("Over wie maakt u zich zorgen?"),
    2: _("Wat maakt u zich zorgen?"),
    3: _("Wie bent u?"),
}
DRAFT_PREFIX = "omzien.signal_draft"
DRAFT_SALT = "omzien.signalling.draft"
DRAFT_MAX_AGE = 24 * 3600
RECEIPT_KEY = "omzien.signal_receipt"
REPORTER_PAGE_SIZE = 25
PUBLIC_METHODS = require_http_methods(["GET", "HEAD", "POST"])


# --- Helpers ------------------------------------------------------------------------------


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _post(request: HttpRequest):
    """request.POST, or None for a GET. Raises the errors of a too-large body."""
    return request.POST if request.method == "POST" else None


def _too_large(request: HttpRequest, back_url: str) -> HttpResponse:
    return render(request, "signalling/public/too_large.html", {"back_url": back_url}, status=413)


def _rate_limited(response: HttpResponse, verdict: ratelimit.Verdict) -> HttpResponse:
    response["Retry-After"] = str(verdict.retry_after)
    return response


def signalling_texts(municipality: Municipality | None) -> SignallingSettings:
    """The municipality's standard texts, without writing on a public GET: an unsaved
    instance carries the defaults when the municipality never changed them."""
    found = SignallingSettings.objects.filter(
        municipality_id=municipality.pk if municipality else None
    ).first()
    return found or SignallingSettings(municipality=municipality)


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


def _public_municipality(request: HttpRequest, slug: str) -> Municipality:
    municipality = get_object_or_404(Municipality, slug=slug)
    request.municipality = municipality  # the header shows the municipality's name
    return municipality


def _partner_link(municipality: Municipality, token: str) -> PartnerLink:
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


# --- The three-step signal form -------------------------------------------------------------


@dataclass
class Intake:
    """One way in to the signal form: who may use it and what it records."""

    municipality: Municipality
    channel: str
    form_url: str
    received_url: str
    draft_key: str
    organisation: Organisation | None = None
    actor: object | None = None
    limiter: Callable[[HttpRequest], ratelimit.Verdict] | None = None
    initial: dict[int, dict] = field(default_factory=dict)

    def step_url(self, step: int) -> str:
        return self.form_url if step <= 1 else f"{self.form_url}?stap={step}"


class Draft:
    """What was typed so far, per step: in the session, with a signed copy in the page."""

    def __init__(self, request: HttpRequest, key: str, post=None):
        self.request = request
        self.key = key
        stored = request.session.get(key)
        if not isinstance(stored, dict) and post is not None:
            stored = self._unsign(post.get("draft", ""))
        self.steps: dict[str, dict] = stored if isinstance(stored, dict) else {}

    def _unsign(self, token: str):
        if not token or len(token) > 100_000:
            return None
        try:
            payload = signing.loads(token, salt=DRAFT_SALT, max_age=DRAFT_MAX_AGE)
        except signing.BadSignature:
            return None
        if not isinstance(payload, dict) or payload.get("key") != self.key:
            return None
        return payload.get("steps")

    def token(self) -> str:
        return signing.dumps({"key": self.key, "steps": self.steps}, salt=DRAFT_SALT, compress=True)

    def get(self, step: int) -> dict:
        value = self.steps.get(str(step))
        return value if isinstance(value, dict) else {}

    def put(self, step: int, raw: dict) -> None:
        self.steps[str(step)] = raw

    def save(self) -> None:
        self.request.session[self.key] = self.steps

    def clear(self) -> None:
        self.request.session.pop(self.key, None)

    def bound(self, step: int) -> PublicForm:
        return STEPS[step](data=self.get(step))

    def first_incomplete(self) -> int:
        """The first step still to be filled in correctly (the last step when all are)."""
        for step in range(1, LAST_STEP):
            if not self.bound(step).is_valid():
                return step
        return LAST_STEP

    def cleaned(self) -> dict:
        data: dict = {}
        for step in STEPS:
            form = self.bound(step)
            form.is_valid()
            data.update(form.cleaned_data)
        return data

    def flags_crisis(self) -> bool:
        about, concern = self.get(1), self.get(2)
        return is_crisis(str(concern.get("concern", "")), str(about.get("person_name", "")))


def _signal_input(data: dict) -> SignalInput:
    return SignalInput(
        postcode=data["postcode"],
        house_number=data["house_number"],
        house_number_addition=data.get("house_number_addition", ""),
        person_name=data.get("person_name", ""),
        signs=list(data.get("signs") or []),
        concern=data.get("concern", ""),
        person_aware=data.get("person_aware") or PersonAware.UNKNOWN,
        relation=data.get("relation", ""),
        reporter_name=data.get("reporter_name", ""),
        reporter_email=data.get("reporter_email", ""),
        reporter_phone=data.get("reporter_phone", ""),
    )


def _summary(draft: Draft) -> dict:
    """Steps 1 and 2 as the reporter typed them, to check before sending."""
    data = draft.cleaned()
    address = f"{data.get('postcode', '')} {data.get('house_number', '')}"
    if data.get("house_number_addition"):
        address = f"{address} {data['house_number_addition']}"
    signs = [Sign(value).label for value in data.get("signs", []) if value in Sign.values]
    aware = data.get("person_aware")
    relation = data.get("relation")
    return {
        "address": address,
        "person_name": data.get("person_name", ""),
        "signs": signs,
        "concern": data.get("concern", ""),
        "person_aware": PersonAware(aware).label if aware in PersonAware.values else "",
        "relation": Relation(relation).label if relation in Relation.values else "",
    }


def _render_step(
    request: HttpRequest,
    intake: Intake,
    draft: Draft,
    step: int,
    form: PublicForm,
    *,
    rate_limited: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "intake": intake,
        "municipality": intake.municipality,
        "organisation": intake.organisation,
        "step": step,
        "steps": LAST_STEP,
        "title": STEP_TITLES[step],
        "form": form,
        "form_url": intake.step_url(step),
        "draft_token": draft.token(),
        "crisis": draft.flags_crisis(),
        "crisis_message": CRISIS_MESSAGE,
        "rate_limited": rate_limited,
        "is_reporter": intake.channel == Channel.REPORTER,
    }
    if step == LAST_STEP:
        context["summary"] = _summary(draft)
    return render(request, f"signalling/public/step_{step}.html", context, status=status)


def _store_receipt(request: HttpRequest, intake_municipality, result, again_url: str) -> None:
    request.session[RECEIPT_KEY] = {
        "code": result.signal.receipt_code,
        "urgent": bool(result.urgent),
        "municipality": intake_municipality.pk,
        "again": again_url,
    }


def _signal_flow(request: HttpRequest, intake: Intake) -> HttpResponse:
    try:
        post = _post(request)
    except (RequestDataTooBig, TooManyFieldsSent):
        return _too_large(request, intake.form_url)
    draft = Draft(request, intake.draft_key, post)

    if post is None:
        step = min(max(_int(request.GET.get("stap"), 1), 1), LAST_STEP)
        gate = draft.first_incomplete()
        if step > gate:
            return redirect(intake.step_url(gate))
        initial = draft.get(step) or intake.initial.get(step, {})
        return _render_step(request, intake, draft, step, STEPS[step](initial=initial))

    step = min(max(_int(post.get("step"), 1), 1), LAST_STEP)
    form = STEPS[step](data=post)
    draft.put(step, form.raw())
    action = str(post.get("action", "next"))
    if action == "back" or action.startswith("goto-"):
        target = step - 1 if action == "back" else _int(action.removeprefix("goto-"), 1)
        draft.save()
        return redirect(intake.step_url(min(max(target, 1), LAST_STEP)))
    if not form.is_valid():
        draft.save()
        return _render_step(request, intake, draft, step, form)
    gate = draft.first_incomplete()
    if step < LAST_STEP or gate < LAST_STEP:
        draft.save()
        return redirect(intake.step_url(min(step + 1, gate)))

    # Last step, everything valid: count it against the client's rate, then file it.
    verdict = intake.limiter(request) if intake.limiter else ratelimit.Verdict(True)
    if not verdict.allowed:
        draft.save()
        response = _render_step(request, intake, draft, step, form, rate_limited=True, status=429)
        return _rate_limited(response, verdict)
    result = submit_signal(
        actor=intake.actor,
        municipality=intake.municipality,
        channel=intake.channel,
        data=_signal_input(draft.cleaned()),
        organisation=intake.organisation,
    )
    draft.clear()
    _store_receipt(request, intake.municipality, result, intake.form_url)
    return redirect(intake.received_url)


def _public_intake(municipality: Municipality, **kwargs) -> Intake:
    slug = municipality.slug
    return Intake(
        municipality=municipality,
        received_url=reverse("signal_received", kwargs={"municipality_slug": slug}),
        **kwargs,
    )


@never_cache
@PUBLIC_METHODS
def signal_form(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The public signal form: no login, anonymous allowed."""
    municipality = _public_municipality(request, municipality_slug)
    intake = _public_intake(
        municipality,
        channel=Channel.PUBLIC_FORM,
        form_url=reverse("signal_form", kwargs={"municipality_slug": municipality.slug}),
        draft_key=f"{DRAFT_PREFIX}:public:{municipality.pk}",
        limiter=ratelimit.check_public_form,
    )
    return _signal_flow(request, intake)


@never_cache
@PUBLIC_METHODS
def partner_signal_form(request: HttpRequest, municipality_slug: str, token: str) -> HttpResponse:
    """The same form through a partner organisation's secret link; records the organisation."""
    municipality = _public_municipality(request, municipality_slug)
    link = _partner_link(municipality, token)
    intake = _public_intake(
        municipality,
        channel=Channel.PARTNER_LINK,
        form_url=reverse(
            "partner_signal_form",
            kwargs={"municipality_slug": municipality.slug, "token": token},
        ),
        draft_key=f"{DRAFT_PREFIX}:partner:{link.pk}",
        organisation=link.organisation,
        limiter=lambda req: ratelimit.check_partner_form(req, link.pk),
        initial={2: {"relation": Relation.PROFESSIONAL}},
    )
    return _signal_flow(request, intake)


@never_cache
@municipality_view("view_own_signals")
def reporter_signal_form(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The same form for a logged-in reporter; the organisation comes from the membership."""
    user = request.user
    slug = municipality.slug
    organisation = reporter_organisation(user, municipality)
    intake = Intake(
        municipality=municipality,
        channel=Channel.REPORTER,
        form_url=reverse("reporter_signal_form", kwargs={"municipality_slug": slug}),
        received_url=reverse("reporter_signal_received", kwargs={"municipality_slug": slug}),
        draft_key=f"{DRAFT_PREFIX}:reporter:{municipality.pk}",
        organisation=organisation,
        actor=user,
        initial={
            2: {"relation": Relation.PROFESSIONAL} if organisation else {},
            3: {"reporter_name": user.get_full_name(), "reporter_email": user.email},
        },
    )
    return _signal_flow(request, intake)


def _receipt_page(request: HttpRequest, municipality: Municipality, **context) -> HttpResponse:
    receipt = request.session.get(RECEIPT_KEY)
    if not isinstance(receipt, dict) or receipt.get("municipality") != municipality.pk:
        receipt = None
    again = (receipt or {}).get("again", "")
    return render(
        request,
        "signalling/public/received.html",
        {
            "municipality": municipality,
            "receipt": receipt,
            "again_url": again,
            "texts": signalling_texts(municipality),
            "crisis_message": CRISIS_MESSAGE,
            **context,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def signal_received(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = _public_municipality(request, municipality_slug)
    return _receipt_page(
        request,
        municipality,
        start_url=reverse("signal_form", kwargs={"municipality_slug": municipality.slug}),
    )


@never_cache
@municipality_view("view_own_signals")
def reporter_signal_received(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    slug = municipality.slug
    return _receipt_page(
        request,
        municipality,
        start_url=reverse("reporter_signal_form", kwargs={"municipality_slug": slug}),
        list_url=reverse("reporter_signals", kwargs={"municipality_slug": slug}),
    )


# --- Self-referral ----------------------------------------------------------------------------


@never_cache
@PUBLIC_METHODS
def self_referral(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """ "Ik wil graag contact": someone asks for contact about themselves."""
    municipality = _public_municipality(request, municipality_slug)
    form_url = reverse("self_referral", kwargs={"municipality_slug": municipality.slug})
    key = f"{DRAFT_PREFIX}:self:{municipality.pk}"
    try:
        post = _post(request)
    except (RequestDataTooBig, TooManyFieldsSent):
        return _too_large(request, form_url)
    context = {"municipality": municipality, "crisis_message": CRISIS_MESSAGE}
    if post is None:
        stored = request.session.get(key)
        form = SelfReferralForm(initial=stored if isinstance(stored, dict) else {})
        return render(request, "signalling/public/self_referral.html", {**context, "form": form})

    form = SelfReferralForm(data=post)
    request.session[key] = form.raw()
    if not form.is_valid():
        return render(request, "signalling/public/self_referral.html", {**context, "form": form})
    verdict = ratelimit.check_public_form(request)
    if not verdict.allowed:
        response = render(
            request,
            "signalling/public/self_referral.html",
            {**context, "form": form, "rate_limited": True},
            status=429,
        )
        return _rate_limited(response, verdict)
    data = form.cleaned_data
    result = submit_signal(
        actor=None,
        municipality=municipality,
        channel=Channel.SELF_REFERRAL,
        data=SignalInput(
            postcode=data["postcode"],
            house_number=data["house_number"],
            house_number_addition=data["house_number_addition"],
            person_name=data["name"],
            concern=data["message"],
            person_aware=PersonAware.YES,
            relation=Relation.SELF,
            reporter_name=data["name"],
            reporter_email=data["email"],
            reporter_phone=data["phone"],
        ),
    )
    request.session.pop(key, None)
    _store_receipt(request, municipality, result, form_url)
    return redirect("signal_received", municipality_slug=municipality.slug)


# --- Status page ------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def status_lookup(request: HttpRequest) -> HttpResponse:
    """Type the receipt code; a valid-looking code goes on to its status page."""
    form = StatusForm(request.GET if "code" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("signal_status_detail", code=form.cleaned_data["code"])
    return render(request, "signalling/public/status_form.html", {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD"])
def status_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Received / in behandeling / afgerond and the standard text: nothing more.

    Found and unknown codes take the same path (one look-up of an intake still waiting to be
    processed, one of the signal, one of the texts, the same template), and every look-up
    counts against the client's rate. A partner-API code whose intake is not yet processed
    (intake.py; seconds, normally) shows "ontvangen", like a new signal.
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
        return _rate_limited(response, verdict)
    # An impossible code still costs the same queries as a real one. The intake first:
    # processing marks it and stores the signal in one transaction, so a code never falls
    # between the two look-ups.
    normalised = normalise_receipt_code(code[:40]) or ""
    pending = pending_intake_by_receipt(normalised)
    signal = signal_by_receipt(normalised)
    if signal is not None:
        municipality = signal.municipality
    else:
        municipality = pending.municipality if pending is not None else None
    texts = signalling_texts(municipality)
    if signal is None and pending is None:
        return render(
            request, "signalling/public/status.html", {"form": form, "found": False}, status=404
        )
    if signal is None:
        receipt_code, status = pending.receipt_code, PublicStatus.RECEIVED
    else:
        case = signal.case
        receipt_code = signal.receipt_code
        status = reporter_status(
            state=case.state,
            case_created_at=case.created_at,
            signal_created_at=signal.created_at,
            moved_since=(
                case.created_at < signal.created_at
                and case.events.filter(
                    kind=CaseEvent.Kind.STATE, at__gte=signal.created_at
                ).exists()
            ),
        )
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


# --- The reporter's own pages -------------------------------------------------------------------


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
                "reporter_signal_form", kwargs={"municipality_slug": municipality.slug}
            ),
        },
    )


def register_navigation() -> None:
    """Menu entries of the reporter's pages; called from SignallingConfig.ready()."""
    from omzien.core.navigation import register

    register(_("Zorgen melden"), "reporter_signal_form", "view_own_signals", order=30)
    register(_("Mijn meldingen"), "reporter_signals", "view_own_signals", order=31)
