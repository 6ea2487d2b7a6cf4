"""The programme team's support pages (``landelijk/ondersteuning/``): the queue of every
municipality's requests, filtered by state and kind, and one request with its moves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from omzien.core.permissions import national_view
from omzien.monitoring.models import SupportRequest
from omzien.monitoring.support import queries, services, workflow
from omzien.monitoring.support.forms import MoveForm, QueueFilterForm

PER_PAGE = 50
DONE = {
    "assign": _("De vraag is toegewezen."),
    "start": _("De vraag is in behandeling."),
    "close": _("De vraag is afgerond."),
    "decline": _("De vraag is afgewezen; de gemeente ziet de reden."),
}


@national_view
def support_queue(request):
    form = QueueFilterForm(request.GET or None)
    chosen = form.cleaned_data if form.is_valid() else {}
    found = queries.queue(state=chosen.get("stand", ""), kind=chosen.get("soort", ""))
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "monitoring/support/support_queue.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@national_view
def support_detail(request, pk: int):
    support = get_object_or_404(
        SupportRequest.objects.select_related("municipality", "assignee"), pk=pk
    )
    form = MoveForm(
        request.POST if request.method == "POST" else None, members=services.team_members()
    )
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("actie", "")
        try:
            services.move(
                actor=request.user,
                request=support,
                action=action,
                note=form.cleaned_data["note"],
                assignee=form.cleaned_data["assignee"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, DONE[action])
            return redirect("monitoring:support_detail", pk=pk)
    return render(
        request,
        "monitoring/support/support_detail.html",
        {
            "support": support,
            "form": form,
            "actions": workflow.actions_from(support.state),
            "events": queries.history(support),
        },
        status=400 if form.errors else 200,
    )
