"""The municipality's approach pages: find published approaches of every municipality, the
own drafts, the form, an approach's page, and submitting or withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.monitoring.knowledge import queries, services
from omzien.monitoring.knowledge.forms import ApproachForm, FinderForm

PER_PAGE = 20
DONE = {
    "submit": _("De aanpak is ingediend. Het programmateam kijkt ernaar voordat hij voor "
                "andere gemeenten te vinden is."),
    "withdraw": _("De aanpak is teruggetrokken en staat weer op concept."),
}  # fmt: skip


def _filters(form: FinderForm) -> queries.Filters:
    if not form.is_valid():
        return queries.Filters()
    data = form.cleaned_data
    return queries.Filters(data["soort"], data["voor"], data["grootte"], data["q"].strip())


@municipality_view("view_approaches")
def approach_list(request, municipality):
    form = FinderForm(request.GET or None)
    found = queries.published(request.user, municipality, _filters(form))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    may_share = can(request.user, "share_approach", municipality)
    return render(
        request,
        "monitoring/knowledge/approach_list.html",
        {
            "municipality": municipality,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_share": may_share,
            "own": list(queries.own(request.user, municipality)) if may_share else [],
        },
    )


def _form_page(request, municipality, approach):
    form = ApproachForm(
        request.POST if request.method == "POST" else None,
        instance=approach,
        municipality=municipality,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_approach(
                actor=request.user, approach=approach, values=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De aanpak is opgeslagen als concept."))
            return redirect(
                "monitoring:approach_detail", municipality_slug=municipality.slug, pk=saved.pk
            )
    return render(
        request,
        "monitoring/knowledge/approach_form.html",
        {"municipality": municipality, "form": form, "approach": approach},
        status=400 if request.method == "POST" else 200,
    )


@municipality_view("share_approach")
def approach_create(request, municipality):
    return _form_page(request, municipality, services.new_approach(request.user, municipality))


@municipality_view("share_approach")
def approach_edit(request, municipality, pk: int):
    approach = queries.own_approach(request.user, municipality, pk)
    if not approach.editable:
        messages.error(request, _("Trek de aanpak eerst terug om hem te wijzigen."))
        return redirect("monitoring:approach_detail", municipality_slug=municipality.slug, pk=pk)
    return _form_page(request, municipality, approach)


@municipality_view("view_approaches")
def approach_detail(request, municipality, pk: int):
    approach = queries.approach_for(request.user, municipality, pk)
    own = approach.municipality_id == municipality.pk
    may_share = own and can(request.user, "share_approach", municipality)
    return render(
        request,
        "monitoring/knowledge/approach_detail.html",
        {
            "municipality": municipality,
            "approach": approach,
            "own": own,
            "may_share": may_share,
            "moves": services.moves_for(approach, "share_approach") if may_share else [],
        },
    )


@municipality_view("share_approach")
@require_POST
def approach_move(request, municipality, pk: int):
    approach = queries.own_approach(request.user, municipality, pk)
    action = request.POST.get("actie", "")
    try:
        if services.MOVES.get(action, ("",))[0] != "share_approach":
            raise ValidationError(_("Deze stap bestaat niet."))
        services.move_approach(actor=request.user, approach=approach, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[action])
    return redirect("monitoring:approach_detail", municipality_slug=municipality.slug, pk=pk)
