"""Self-referral, "ik wil graag contact" (``/melden/<slug>/zelf/``): one short page."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from omzien.signalling.intake.crisis import CRISIS_MESSAGE
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import (
    Channel,
    PersonAware,
    Relation,
)
from omzien.signalling.public import drafts, ratelimit
from omzien.signalling.public.common import (
    DRAFT_PREFIX,
    PUBLIC_METHODS,
    not_live,
    post_data,
    public_municipality,
    rate_limited,
    store_receipt,
    too_large,
)
from omzien.signalling.public.forms import (
    SelfReferralForm,
)
from omzien.signalling.settings import is_live


@never_cache
@PUBLIC_METHODS
def self_referral(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """ "Ik wil graag contact": someone asks for contact about themselves."""
    municipality = public_municipality(request, municipality_slug)
    if not is_live(municipality):
        return not_live(request, municipality)
    form_url = reverse("signalling:self_referral", kwargs={"municipality_slug": municipality.slug})
    key = f"{DRAFT_PREFIX}:self:{municipality.pk}"
    try:
        post = post_data(request)
    except (RequestDataTooBig, TooManyFieldsSent):
        return too_large(request, form_url)
    context = {"municipality": municipality, "crisis_message": CRISIS_MESSAGE}
    if post is None:
        form = SelfReferralForm(
            initial=drafts.load(request.session, key) or {}, municipality=municipality
        )
        return render(request, "signalling/public/self_referral.html", {**context, "form": form})

    form = SelfReferralForm(data=post, municipality=municipality)
    drafts.save(request.session, key, form.raw())
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
        return rate_limited(response, verdict)
    data = form.cleaned_data
    result = submit_signal(
        actor=None,
        municipality=municipality,
        channel=Channel.SELF_REFERRAL,
        data=SignalInput.from_values(
            data,
            person_name=data["name"],
            concern=data["message"],
            person_aware=PersonAware.YES,
            relation=Relation.SELF,
            reporter_name=data["name"],
            reporter_email=data["email"],
            reporter_phone=data["phone"],
        ),
    )
    drafts.drop(request.session, key)
    store_receipt(request, municipality, result, form_url)
    return redirect("signalling:signal_received", municipality_slug=municipality.slug)
