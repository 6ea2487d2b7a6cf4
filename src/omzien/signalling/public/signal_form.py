"""The signal form in three short steps, for anyone (``/melden/<slug>/``), through a partner
organisation's secret link (``/melden/<slug>/p/<token>/``) and for a logged-in reporter
(``/g/<slug>/melden/``); one flow serves all three ways in (``Entrance``), only the channel
differs.

Nothing typed is ever lost: each step's input (valid or not) is kept in the session, and a
signed copy of the whole draft travels in a hidden field, so even a session that expired
while someone was typing slowly can be picked up again on the next step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from omzien.core.models import Municipality, Organisation
from omzien.core.permissions import municipality_view
from omzien.signalling.intake.crisis import CRISIS_MESSAGE, is_crisis
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import (
    Channel,
    PersonAware,
    Relation,
    Sign,
)
from omzien.signalling.public import drafts, ratelimit
from omzien.signalling.public.common import (
    DRAFT_PREFIX,
    PUBLIC_METHODS,
    RECEIPT_KEY,
    int_or,
    not_live,
    partner_link,
    post_data,
    public_municipality,
    rate_limited,
    reporter_organisation,
    store_receipt,
    too_large,
)
from omzien.signalling.public.forms import (
    AboutWhomForm,
    ConcernForm,
    ContactForm,
    PublicForm,
)
from omzien.signalling.settings import is_live, settings_of

STEPS: dict[int, type[PublicForm]] = {1: AboutWhomForm, 2: ConcernForm, 3: ContactForm}
LAST_STEP = max(STEPS)
STEP_TITLES = {
    1: _("Over wie maakt u zich zorgen?"),
    2: _("Wat maakt u zich zorgen?"),
    3: _("Wie bent u?"),
}
DRAFT_SALT = "omzien.signalling.draft"
DRAFT_MAX_AGE = drafts.DRAFT_MAX_AGE


@dataclass
class Entrance:
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
    """What was typed so far, per step: in the session (bounded and dated, ``drafts.py``),
    with a signed copy in the page."""

    def __init__(self, request: HttpRequest, key: str, post=None, municipality=None):
        self.request = request
        self.key = key
        self.municipality = municipality
        stored = drafts.load(request.session, key)
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
        drafts.save(self.request.session, self.key, self.steps)

    def clear(self) -> None:
        drafts.drop(self.request.session, self.key)

    def bound(self, step: int) -> PublicForm:
        return STEPS[step](data=self.get(step), municipality=self.municipality)

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
    entrance: Entrance,
    draft: Draft,
    step: int,
    form: PublicForm,
    *,
    rate_limited: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "entrance": entrance,
        "municipality": entrance.municipality,
        "organisation": entrance.organisation,
        "step": step,
        "steps": LAST_STEP,
        "title": STEP_TITLES[step],
        "form": form,
        "form_url": entrance.step_url(step),
        "draft_token": draft.token(),
        "crisis": draft.flags_crisis(),
        "crisis_message": CRISIS_MESSAGE,
        "rate_limited": rate_limited,
        "is_reporter": entrance.channel == Channel.REPORTER,
        "texts": settings_of(entrance.municipality) if step == 1 else None,
    }
    if step == LAST_STEP:
        context["summary"] = _summary(draft)
    return render(request, f"signalling/public/step_{step}.html", context, status=status)


def _open_flow(request: HttpRequest, entrance: Entrance) -> HttpResponse:
    """The form, when the municipality takes signals; else the page that says what to do."""
    if not is_live(entrance.municipality):
        return not_live(request, entrance.municipality)
    return _signal_flow(request, entrance)


def _signal_flow(request: HttpRequest, entrance: Entrance) -> HttpResponse:
    try:
        post = post_data(request)
    except (RequestDataTooBig, TooManyFieldsSent):
        return too_large(request, entrance.form_url)
    draft = Draft(request, entrance.draft_key, post, entrance.municipality)

    if post is None:
        step = min(max(int_or(request.GET.get("stap"), 1), 1), LAST_STEP)
        gate = draft.first_incomplete()
        if step > gate:
            return redirect(entrance.step_url(gate))
        initial = draft.get(step) or entrance.initial.get(step, {})
        return _render_step(
            request,
            entrance,
            draft,
            step,
            STEPS[step](initial=initial, municipality=entrance.municipality),
        )

    step = min(max(int_or(post.get("step"), 1), 1), LAST_STEP)
    form = STEPS[step](data=post, municipality=entrance.municipality)
    draft.put(step, form.raw())
    action = str(post.get("action", "next"))
    if action == "back" or action.startswith("goto-"):
        target = step - 1 if action == "back" else int_or(action.removeprefix("goto-"), 1)
        draft.save()
        return redirect(entrance.step_url(min(max(target, 1), LAST_STEP)))
    if not form.is_valid():
        draft.save()
        return _render_step(request, entrance, draft, step, form)
    gate = draft.first_incomplete()
    if step < LAST_STEP or gate < LAST_STEP:
        draft.save()
        return redirect(entrance.step_url(min(step + 1, gate)))

    # Last step, everything valid: count it against the client's rate, then file it.
    verdict = entrance.limiter(request) if entrance.limiter else ratelimit.Verdict(True)
    if not verdict.allowed:
        draft.save()
        response = _render_step(request, entrance, draft, step, form, rate_limited=True, status=429)
        return rate_limited(response, verdict)
    result = submit_signal(
        actor=entrance.actor,
        municipality=entrance.municipality,
        channel=entrance.channel,
        data=SignalInput.from_values(draft.cleaned()),
        organisation=entrance.organisation,
    )
    draft.clear()
    store_receipt(request, entrance.municipality, result, entrance.form_url)
    return redirect(entrance.received_url)


def _public_entrance(municipality: Municipality, **kwargs) -> Entrance:
    slug = municipality.slug
    return Entrance(
        municipality=municipality,
        received_url=reverse("signalling:signal_received", kwargs={"municipality_slug": slug}),
        **kwargs,
    )


@never_cache
@PUBLIC_METHODS
def signal_form(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The public signal form: no login, anonymous allowed."""
    municipality = public_municipality(request, municipality_slug)
    entrance = _public_entrance(
        municipality,
        channel=Channel.PUBLIC_FORM,
        form_url=reverse("signalling:signal_form", kwargs={"municipality_slug": municipality.slug}),
        draft_key=f"{DRAFT_PREFIX}:public:{municipality.pk}",
        limiter=ratelimit.check_public_form,
    )
    return _open_flow(request, entrance)


@never_cache
@PUBLIC_METHODS
def partner_signal_form(request: HttpRequest, municipality_slug: str, token: str) -> HttpResponse:
    """The same form through a partner organisation's secret link; records the organisation."""
    municipality = public_municipality(request, municipality_slug)
    link = partner_link(municipality, token)
    entrance = _public_entrance(
        municipality,
        channel=Channel.PARTNER_LINK,
        form_url=reverse(
            "signalling:partner_signal_form",
            kwargs={"municipality_slug": municipality.slug, "token": token},
        ),
        draft_key=f"{DRAFT_PREFIX}:partner:{link.pk}",
        organisation=link.organisation,
        limiter=lambda req: ratelimit.check_partner_form(req, link.pk),
        initial={2: {"relation": Relation.PROFESSIONAL}},
    )
    return _open_flow(request, entrance)


@never_cache
@municipality_view("view_own_signals")
def reporter_signal_form(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    """The same form for a logged-in reporter; the organisation comes from the membership."""
    user = request.user
    slug = municipality.slug
    organisation = reporter_organisation(user, municipality)
    entrance = Entrance(
        municipality=municipality,
        channel=Channel.REPORTER,
        form_url=reverse("signalling:reporter_signal_form", kwargs={"municipality_slug": slug}),
        received_url=reverse(
            "signalling:reporter_signal_received", kwargs={"municipality_slug": slug}
        ),
        draft_key=f"{DRAFT_PREFIX}:reporter:{municipality.pk}",
        organisation=organisation,
        actor=user,
        initial={
            2: {"relation": Relation.PROFESSIONAL} if organisation else {},
            3: {"reporter_name": user.get_full_name(), "reporter_email": user.email},
        },
    )
    return _open_flow(request, entrance)


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
            "texts": settings_of(municipality),
            "crisis_message": CRISIS_MESSAGE,
            **context,
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD"])
def signal_received(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality = public_municipality(request, municipality_slug)
    return _receipt_page(
        request,
        municipality,
        start_url=reverse(
            "signalling:signal_form", kwargs={"municipality_slug": municipality.slug}
        ),
    )


@never_cache
@municipality_view("view_own_signals")
def reporter_signal_received(request: HttpRequest, municipality: Municipality) -> HttpResponse:
    slug = municipality.slug
    return _receipt_page(
        request,
        municipality,
        start_url=reverse("signalling:reporter_signal_form", kwargs={"municipality_slug": slug}),
        list_url=reverse("signalling:reporter_signals", kwargs={"municipality_slug": slug}),
    )
