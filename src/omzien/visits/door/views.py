"""The volunteer's phone pages: their addresses in walking order, and the visit form.

The form works without JavaScript (a normal POST). ``static/visits/door.js`` posts it with
fetch asking for JSON, and keeps it on the phone when there is no connection."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.visits.door import queries, services
from omzien.visits.door.forms import VisitForm
from omzien.visits.models import FollowUp, Outcome, VisitAddress
from omzien.visits.scoping_rules import current_volunteer
from omzien.visits.settings import settings_of


@municipality_view("record_visit")
def my_addresses(request, municipality):
    volunteer = current_volunteer(request.user, municipality)
    addresses = queries.my_addresses(request.user, municipality) if volunteer else []
    labels = dict(Outcome.choices)
    for address in addresses:
        address.last_outcome_label = labels.get(address.last_outcome, "")
    return render(
        request,
        "visits/door/my_addresses.html",
        {
            "municipality": municipality,
            "volunteer": volunteer,
            "addresses": addresses,
            # Still to visit first, in walking order; what is done below, folded away.
            "open_addresses": [a for a in addresses if a.status == VisitAddress.Status.TO_VISIT],
            "done_addresses": [a for a in addresses if a.status != VisitAddress.Status.TO_VISIT],
            "coordinator": can(request.user, "manage_visit_rounds", municipality),
        },
    )


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@municipality_view("record_visit")
def visit_form(request, municipality, pk: int):
    address = queries.door_address(request.user, municipality, pk)
    initiatives = [
        (row.pk, queries.initiative_label(row)) for row in queries.initiatives_near(address)
    ]
    form = VisitForm(request.POST or None, initiatives=initiatives)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.record_visit(
                actor=request.user,
                address=address,
                client_id=form.cleaned_data["client_id"],
                at=form.cleaned_data["at"],
                outcome=form.cleaned_data["outcome"],
                report=form.report(),
            )
        except ValidationError as refused:
            form.add_error(None, list(refused.messages))
        else:
            return _saved(request, municipality, result)
    if request.method == "POST" and _wants_json(request):
        errors = [str(e) for errors in form.errors.values() for e in errors]
        final = services.refusal_for(address) is not None
        return JsonResponse({"ok": False, "errors": errors, "final": final}, status=422)
    return render(
        request,
        "visits/door/visit_form.html",
        {
            "municipality": municipality,
            "address": address,
            "attempts": queries.earlier_attempts(request.user, municipality, address),
            "form": form,
            "guide": guide_paragraphs(settings_of(municipality).conversation_guide),
            "refusal": services.refusal_for(address),
            "list_url": _list_url(municipality),
        },
        status=422 if request.method == "POST" else 200,
    )


#: A first line this short, without closing punctuation, is the paragraph's heading.
HEADING_MAX = 60


def guide_paragraphs(text: str) -> list[tuple[str, str]]:
    """The guide as (heading, text) per paragraph (a blank line starts one). Lines within a
    paragraph flow together, so the text reads well on a narrow phone."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        heading = ""
        if len(lines) > 1 and len(lines[0]) <= HEADING_MAX and lines[0][-1] not in '.?!:"':
            heading, lines = lines[0], lines[1:]
        paragraphs.append((heading, " ".join(lines)))
    return paragraphs


def _list_url(municipality) -> str:
    return reverse("visits:my_addresses", kwargs={"municipality_slug": municipality.slug})


def saved_messages(municipality, result) -> list[str]:
    """What the volunteer is told after saving, in plain words."""
    texts = [_("Het bezoek is opgeslagen.")]
    report = result.report
    if report is None:
        return texts
    if report.signal_id:
        texts.append(_("Wij hebben de vraag om hulp doorgegeven aan een welzijnswerker."))
    elif result.help_without_consent:
        texts.append(
            _(
                "Er is geen melding gemaakt: de inwoner gaf geen toestemming. Niemand neemt "
                "contact op. De kartrekker ziet dit bezoek in de voortgang."
            )
        )
    if report.follow_up == FollowUp.ACTIVITY:
        offer = queries.initiative_for_resident(municipality, report.referral_initiative_id)
        if offer is not None:
            contact = ", ".join(
                part
                for part in (offer.contact_name, offer.contact_phone, offer.contact_email)
                if part
            )
            texts.append(
                _("Geef dit door aan de inwoner: %(name)s. Contact: %(contact)s.")
                % {"name": offer.name, "contact": contact or offer.website or _("zie de folder")}
            )
    return texts


def _saved(request, municipality, result):
    texts = saved_messages(municipality, result)
    replay = request.headers.get("X-Omzien-Replay") == "1"
    if not replay:
        level = messages.WARNING if result.help_without_consent else messages.SUCCESS
        for text in texts:
            messages.add_message(request, level, text)
    if _wants_json(request):
        return JsonResponse({"ok": True, "next": _list_url(municipality), "messages": texts})
    return redirect(_list_url(municipality))
