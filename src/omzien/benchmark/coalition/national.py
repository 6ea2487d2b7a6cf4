"""The programme's page of national partnerships (``/landelijk/partnerschappen/``): the list
with, per partnership, the number of municipalities where it is active locally; adding,
changing and deactivating (``manage_national_partnerships``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omzien.benchmark.coalition import queries, services
from omzien.benchmark.coalition.forms import PartnershipForm
from omzien.benchmark.models import NationalPartnership
from omzien.core.permissions import national_view


@national_view
@require_safe
def partnership_list(request):
    return render(
        request,
        "benchmark/coalition/partnerships.html",
        {
            "partnerships": queries.partnerships_with_counts(),
            "can_manage": services.may_manage_partnerships(request.user),
        },
    )


def _partnership_page(request, partnership: NationalPartnership):
    if not services.may_manage_partnerships(request.user):
        raise PermissionDenied("manage_national_partnerships")
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        services.save_partnership(actor=request.user, form=form)
        messages.success(request, _("Het landelijke partnerschap is opgeslagen."))
        return redirect("benchmark:partnership_list")
    return render(
        request,
        "benchmark/coalition/partnership_form.html",
        {"form": form, "partnership": partnership},
        status=400 if request.method == "POST" else 200,
    )


@national_view
def partnership_create(request):
    return _partnership_page(request, NationalPartnership())


@national_view
def partnership_edit(request, pk: int):
    return _partnership_page(request, get_object_or_404(NationalPartnership, pk=pk))
