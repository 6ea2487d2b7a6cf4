"""The coordinator's setup page of the signalling point: routing, texts, partners' API keys
and links. Thin: forms in ``forms.py``, writes in ``services.py``."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core.models import Organisation, Team
from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.signalling.models import ApiKey, PartnerLink
from omzien.signalling.settings import settings_of
from omzien.signalling.setup import forms as setup_forms
from omzien.signalling.setup import live
from omzien.signalling.setup import queries as setup_queries
from omzien.signalling.setup import services as setup_services

SETUP_SECTIONS = ("routering", "teksten", "sleutel", "link")


def _organisations(request, municipality) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(request.user, municipality).order_by("name")


def _setup_url(municipality, anchor: str = "") -> str:
    return reverse("signalling:setup", kwargs={"municipality_slug": municipality.slug}) + anchor


def _setup_forms(request, municipality, section) -> dict:
    user = request.user
    organisations = _organisations(request, municipality)

    def bound(name):
        return request.POST if section == name else None

    return {
        "routing_form": setup_forms.RoutingForm(
            bound("routering"),
            table=setup_queries.routing_table(user, municipality),
            teams=Team.objects.visible_to(user, municipality).order_by("name"),
        ),
        "texts_form": setup_forms.ReporterTextsForm(
            bound("teksten"), instance=settings_of(municipality)
        ),
        "key_form": setup_forms.ApiKeyForm(bound("sleutel"), organisations=organisations),
        "link_form": setup_forms.PartnerLinkForm(bound("link"), organisations=organisations),
    }


def _save_routing(request, municipality, form):
    changed = setup_services.set_routing(
        actor=request.user, municipality=municipality, routing=form.routing()
    )
    messages.success(
        request,
        _("De verdeling over de teams is opgeslagen (%(n)d wijken gewijzigd).")
        % {"n": len(changed)},
    )
    return redirect(_setup_url(municipality))


def _save_texts(request, municipality, form):
    setup_services.update_reporter_texts(
        actor=request.user, municipality=municipality, values=form.cleaned_data
    )
    messages.success(request, _("De teksten zijn opgeslagen."))
    return redirect(_setup_url(municipality, "#teksten"))


def _issue_key(request, municipality, forms) -> dict | None:
    form = forms["key_form"]
    try:
        issued = setup_services.create_api_key(
            actor=request.user,
            organisation=form.cleaned_data["organisation"],
            name=form.cleaned_data["name"],
        )
    except setup_services.SetupError as error:
        form.add_error(None, str(error))
        return None
    forms["key_form"] = setup_forms.ApiKeyForm(organisations=_organisations(request, municipality))
    return {"issued_key": issued}


def _issue_link(request, municipality, forms) -> dict:
    issued = setup_services.create_partner_link(
        actor=request.user, organisation=forms["link_form"].cleaned_data["organisation"]
    )
    forms["link_form"] = setup_forms.PartnerLinkForm(
        organisations=_organisations(request, municipality)
    )
    url = setup_services.partner_link_path(municipality, issued.secret)
    return {"issued_link": {"record": issued.record, "url": request.build_absolute_uri(url)}}


#: Per section of the page: its form and what a valid POST does (redirect or issue a secret).
_SAVE = {"routering": ("routing_form", _save_routing), "teksten": ("texts_form", _save_texts)}
_ISSUE = {"sleutel": ("key_form", _issue_key), "link": ("link_form", _issue_link)}


def _setup_page(request, municipality, forms, issued: dict, status: int, **extra):
    user = request.user
    context = {
        "municipality": municipality,
        **forms,
        "issued_key": issued.get("issued_key"),
        "issued_link": issued.get("issued_link"),
        "api_keys": ApiKey.objects.visible_to(user, municipality)
        .select_related("organisation")
        .order_by("revoked_at", "-created_at"),
        "partner_links": PartnerLink.objects.visible_to(user, municipality)
        .select_related("organisation")
        .order_by("revoked_at", "-created_at"),
        "can_texts": can(user, "manage_texts", municipality),
        "can_partners": can(user, "manage_partners", municipality),
        "has_teams": Team.objects.visible_to(user, municipality).exists(),
        "live_since": settings_of(municipality).live_since,
        "checklist": live.checklist(municipality),
        "districts_without_team": live.districts_without_team(municipality),
        **extra,
    }
    response = render(request, "signalling/staff/setup.html", context, status=status)
    if issued:
        # The secret is in this page only: never keep a copy in a cache.
        response["Cache-Control"] = "no-store"
    return response


@municipality_view("manage_routing")
def signalling_setup(request, municipality):
    """Routing table, reporter texts, partners' API keys and links: one page, four forms.
    A POST names its section in ``onderdeel``; a refused form keeps what was typed (422)."""
    section = request.POST.get("onderdeel") if request.method == "POST" else None
    if request.method == "POST" and section not in SETUP_SECTIONS:
        forms = _setup_forms(request, municipality, None)
        return _setup_page(request, municipality, forms, {}, status=400)
    forms = _setup_forms(request, municipality, section)
    issued: dict = {}
    if section in _SAVE and forms[_SAVE[section][0]].is_valid():
        return _SAVE[section][1](request, municipality, forms[_SAVE[section][0]])
    if section in _ISSUE and forms[_ISSUE[section][0]].is_valid():
        issued = _ISSUE[section][1](request, municipality, forms) or {}
    # Only failed forms get here with a section: the others redirected or issued a secret.
    status = 422 if section and not issued else 200
    return _setup_page(request, municipality, forms, issued, status)


@municipality_view("manage_partners")
@require_POST
def api_key_revoke(request, municipality, pk: int):
    api_key = get_object_or_404(ApiKey.objects.visible_to(request.user, municipality), pk=pk)
    setup_services.revoke_api_key(actor=request.user, api_key=api_key)
    messages.success(
        request, _("De sleutel %(prefix)s… is ingetrokken.") % {"prefix": api_key.prefix}
    )
    return redirect(_setup_url(municipality, "#sleutels"))


@municipality_view("manage_partners")
@require_POST
def partner_link_revoke(request, municipality, pk: int):
    link = get_object_or_404(PartnerLink.objects.visible_to(request.user, municipality), pk=pk)
    setup_services.revoke_partner_link(actor=request.user, link=link)
    messages.success(request, _("De partnerlink is ingetrokken."))
    return redirect(_setup_url(municipality, "#links"))


@municipality_view("manage_routing")
@require_POST
def signalling_live(request, municipality):
    """Open (``actie=open``) or close (``actie=sluiten``) the signalling point. A refused
    opening shows the setup page again with what is missing (422)."""
    action = request.POST.get("actie")
    if action == "sluiten":
        live.close_signalling_point(actor=request.user, municipality=municipality)
        messages.success(request, _("Het signaalpunt is gesloten. Er komen geen nieuwe meldingen."))
        return redirect(_setup_url(municipality, "#open"))
    if action != "open":
        return _setup_page(
            request, municipality, _setup_forms(request, municipality, None), {}, 400
        )
    try:
        live.open_signalling_point(
            actor=request.user,
            municipality=municipality,
            accept_fallback=request.POST.get("zonder_team") == "ja",
        )
    except setup_services.SetupError as error:
        forms = _setup_forms(request, municipality, None)
        return _setup_page(request, municipality, forms, {}, 422, live_error=str(error))
    messages.success(request, _("Het signaalpunt is open. Iedereen kan nu een zorg melden."))
    return redirect(_setup_url(municipality, "#open"))
