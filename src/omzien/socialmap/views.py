"""Screens of the catalogue (issue 9): the list, the form, and submit/publish/archive."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.socialmap import agenda, services
from omzien.socialmap.choices import Status
from omzien.socialmap.forms import EventForm, InitiativeForm, organisations_for
from omzien.socialmap.models import Initiative

MESSAGES = {
    "submit": _("Het initiatief is ingediend. De kartrekker bekijkt het."),
    "publish": _("Het initiatief is gepubliceerd."),
    "archive": _("Het initiatief is gearchiveerd."),
    "reject": _("Het initiatief is teruggezet naar concept."),
}


@municipality_view("edit_initiatives")
def initiative_list(request, municipality):
    initiatives = (
        Initiative.objects.visible_to(request.user, municipality)
        .select_related("organisation")
        .order_by("status", "name")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        initiatives = initiatives.filter(status=status)
    return render(
        request,
        "socialmap/initiative_list.html",
        {
            "municipality": municipality,
            "initiatives": initiatives,
            "status": status,
            "statuses": Status.choices,
            "can_publish": can(request.user, "publish_initiatives", municipality),
        },
    )


def _add_errors(form, error: ValidationError) -> None:
    """The service's reasons on their fields (what was typed stays in the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, reasons in error.message_dict.items():
        for reason in reasons:
            form.add_error(field if field in form.fields else None, reason)


def _form_page(request, municipality, initiative=None):
    coordinator = can(request.user, "publish_initiatives", municipality)
    organisations = organisations_for(request.user, municipality, coordinator)
    form = InitiativeForm(request.POST or None, instance=initiative, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.cleaned_data}
        try:
            saved = services.save_initiative(
                actor=request.user, municipality=municipality, values=values,
                initiative=Initiative.objects.get(pk=initiative.pk) if initiative else None,
            )  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Het initiatief is opgeslagen."))
            return redirect(
                "socialmap:initiative_edit", municipality_slug=municipality.slug, pk=saved.pk
            )
    versions = initiative.versions.order_by("-number")[:10] if initiative else []
    return render(
        request,
        "socialmap/initiative_form.html",
        {
            "municipality": municipality,
            "form": form,
            "initiative": initiative,
            "versions": versions,
            "can_publish": coordinator,
            "event_form": EventForm(),
            "events": initiative.events.order_by("starts_at") if initiative else [],
        },
        status=422 if form.errors else 200,
    )


@municipality_view("edit_initiatives")
def initiative_create(request, municipality):
    return _form_page(request, municipality)


@municipality_view("edit_initiatives")
def initiative_edit(request, municipality, pk: int):
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user, municipality), pk=pk)
    # Who may open it is the scoping layer's rule (a partner sees its own organisation's);
    # the services check every write again.
    return _form_page(request, municipality, initiative)


@municipality_view("edit_initiatives")
@require_POST
def initiative_move(request, municipality, pk: int, action: str):
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user, municipality), pk=pk)
    try:
        services.move_initiative(actor=request.user, initiative=initiative, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, MESSAGES.get(action, ""))
    return redirect("socialmap:initiative_edit", municipality_slug=municipality.slug, pk=pk)


@municipality_view("edit_initiatives")
@require_POST
def event_add(request, municipality, pk: int):
    import datetime as dt

    initiative = get_object_or_404(Initiative.objects.visible_to(request.user, municipality), pk=pk)
    form = EventForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        starts_at = dt.datetime.combine(data["date"], data["time"], tzinfo=agenda.TZ)
        try:
            services.add_event(
                actor=request.user, initiative=initiative, starts_at=starts_at,
                minutes=data["minutes"], rrule=services.rule_for(data["repeat"], data["until"]),
                title=data["title"],
            )  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De bijeenkomst is toegevoegd."))
    else:
        messages.error(request, _("Vul een datum, begintijd en duur in."))
    return redirect("socialmap:initiative_edit", municipality_slug=municipality.slug, pk=pk)


@municipality_view("edit_initiatives")
@require_POST
def event_remove(request, municipality, pk: int, event_pk: int):
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user, municipality), pk=pk)
    event = get_object_or_404(initiative.events, pk=event_pk)
    services.remove_event(actor=request.user, event=event)
    messages.success(request, _("De bijeenkomst is verwijderd."))
    return redirect("socialmap:initiative_edit", municipality_slug=municipality.slug, pk=pk)
