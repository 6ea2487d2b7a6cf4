"""The municipality's support pages: its requests with their states, asking, and one
request's history."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omzien.core.permissions import municipality_view
from omzien.monitoring.support import queries, services
from omzien.monitoring.support.forms import RequestForm


@municipality_view("request_support")
def request_list(request, municipality):
    return render(
        request,
        "monitoring/support/request_list.html",
        {
            "municipality": municipality,
            "requests": queries.own_requests(request.user, municipality).select_related("assignee"),
        },
    )


@municipality_view("request_support")
def request_create(request, municipality):
    support = services.new_request(request.user, municipality)
    form = RequestForm(request.POST if request.method == "POST" else None, instance=support)
    if request.method == "POST" and form.is_valid():
        saved = services.ask_support(actor=request.user, request=support, values=form.cleaned_data)
        messages.success(
            request, _("Uw vraag is verstuurd. Het programmateam neemt contact met u op.")
        )
        return redirect(
            "monitoring:request_detail", municipality_slug=municipality.slug, pk=saved.pk
        )
    return render(
        request,
        "monitoring/support/request_form.html",
        {"municipality": municipality, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@municipality_view("request_support")
def request_detail(request, municipality, pk: int):
    support = queries.own_request(request.user, municipality, pk)
    return render(
        request,
        "monitoring/support/request_detail.html",
        {"municipality": municipality, "support": support, "events": queries.history(support)},
    )
