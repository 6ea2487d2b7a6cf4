"""Lists of cases: the caseworker's queue, the coordinator's overview, the cases on a
resident's page. Thin views over ``queue.py`` and ``overview.py``."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.signalling.cases import overview as overview_queries
from omzien.signalling.cases import queries, queue, services
from omzien.signalling.cases.workflow import TransitionError
from omzien.signalling.models import Case

PAGE_SIZE = 25

# --- The queue -------------------------------------------------------------------------------


@dataclass
class QueueRow:
    case: Case
    codes: list[str]
    deadline: str
    overdue: bool
    can_take: bool = False


@municipality_view("view_cases")
def case_queue(request, municipality):
    user = request.user
    tabs = queue.tabs_for(user, municipality)
    tab = request.GET.get("lijst", queue.TAB_ALL)
    if tab not in tabs:
        tab = queue.TAB_ALL
    search = request.GET.get("q", "").strip()[:100]
    match = queue.search_filter(user, municipality, search) if search else None
    page, shown = queue.queue_page(
        user,
        municipality,
        tab=tab,
        match=match,
        number=request.GET.get("pagina"),
        per_page=PAGE_SIZE,
    )
    queue.audit_case_page(user, municipality, shown)
    codes = queue.receipt_codes([c.pk for c in shown])
    now = timezone.now()
    # A caseworker may take an unassigned case of their own team from the list (issue 8).
    own_teams = set(queue.my_team_ids(user, municipality))
    rows = [
        QueueRow(
            case=c,
            codes=codes.get(c.pk, []),
            deadline=queue.deadline_text(c, now),
            overdue=c.is_overdue(now),
            can_take=c.caseworker_id is None and c.team_id in own_teams,
        )
        for c in shown
    ]
    counts = queue.tab_counts(user, municipality, tabs, match=match)
    return render(
        request,
        "signalling/staff/queue.html",
        {
            "municipality": municipality,
            "tabs": [(t, queue.TAB_LABELS[t], counts.get(t, 0)) for t in tabs],
            "tab": tab,
            "tab_label": queue.TAB_LABELS[tab],
            "search": search,
            "page": page,
            "rows": rows,
            "can_take_phone_signal": can(user, "work_case", municipality),
        },
    )


# --- The coordinator's overview -----------------------------------------------------------------


@municipality_view("assign_case")
def signalling_overview(request, municipality):
    return _overview_page(request, municipality)


def _overview_page(request, municipality, *, chosen=(), chosen_worker=None, error=""):
    data = overview_queries.overview(request.user, municipality)
    shown = {c.pk for c in data.overdue} | {c.pk for c in data.unassigned}
    now = timezone.now()
    codes = queue.receipt_codes(sorted(shown))

    def rows(cases):
        return [
            QueueRow(
                case=c,
                codes=codes.get(c.pk, []),
                deadline=queue.deadline_text(c, now),
                overdue=c.is_overdue(now),
            )
            for c in cases
        ]

    return render(
        request,
        "signalling/staff/overview.html",
        {
            "municipality": municipality,
            "overview": data,
            "overdue_rows": rows(data.overdue),
            "unassigned_rows": rows(data.unassigned),
            "caseworkers": queries.caseworkers_of(request.user, municipality),
            "chosen": set(chosen),
            "chosen_worker": chosen_worker,
            "bulk_error": error,
        },
        status=422 if error else 200,
    )


@municipality_view("assign_case")
@require_POST
def overview_assign(request, municipality):
    """Assign several unassigned cases at once (issue 8), each through the gate; what was
    chosen stays chosen when something is missing."""
    ids = sorted({int(v) for v in request.POST.getlist("traject") if v.isdigit()})
    worker_id = request.POST.get("welzijnswerker", "")
    worker = (
        queries.caseworkers_of(request.user, municipality).filter(pk=worker_id).first()
        if worker_id.isdigit()
        else None
    )
    error = ""
    if not ids:
        error = _("Kies eerst een of meer trajecten.")
    elif worker is None:
        error = _("Kies een welzijnswerker.")
    if error:
        chosen_worker = int(worker_id) if worker_id.isdigit() else None
        return _overview_page(
            request, municipality, chosen=ids, chosen_worker=chosen_worker, error=error
        )
    done, refused = 0, []
    for case in Case.objects.visible_to(request.user, municipality).filter(pk__in=ids):
        try:
            services.assign_case(actor=request.user, case=case, caseworker=worker)
            done += 1
        except (TransitionError, PermissionDenied) as reason:
            refused.append(f"{case.pk}: {reason}")
    messages.success(
        request,
        ngettext(
            "%(n)d traject is toegewezen aan %(name)s.",
            "%(n)d trajecten zijn toegewezen aan %(name)s.",
            done,
        )
        % {"n": done, "name": worker.display_name},
    )
    if refused:
        messages.warning(request, _("Niet toegewezen: %(list)s") % {"list": "; ".join(refused)})
    return redirect("signalling:overview", municipality_slug=municipality.slug)


def resident_cases_section(request, municipality, resident):
    """On the resident page: every case about this resident the user may see, closed ones
    too, so a closed case can be found and reopened."""
    cases = (
        Case.objects.visible_to(request.user, municipality)
        .filter(resident=resident)
        .prefetch_related("signals")
        .order_by("-created_at")
    )
    return (
        "signalling/staff/resident_cases.html",
        {"cases": list(cases), "municipality": municipality},
    )
