"""Core screens: start pages, municipality switcher, residents, members, audit, settings."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit_log as audit_log_rows
from omzien.core import queries, services
from omzien.core.extensions import (
    audit_action_labels,
    national_links,
    rendered_resident_sections,
    rendered_start_panels,
    settings_sections,
    visible_start_cards,
)
from omzien.core.forms import ResidentForm
from omzien.core.models import Municipality
from omzien.core.permissions import municipality_view, national_view
from omzien.core.roles import Role
from omzien.core.scoping import can, municipalities_of, national_roles, roles_in

PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 50


@login_required
def home(request):
    """Send each user to the start page that fits their roles."""
    if queries.open_invitations_of(request.user).exists():
        return redirect("core:invitations")
    municipalities = municipalities_of(request.user)
    if len(municipalities) == 1:
        return redirect("core:municipality_home", municipality_slug=municipalities[0].slug)
    if not municipalities and national_roles(request.user):
        return redirect("core:national_home")
    return redirect("core:choose_municipality")


@login_required
def choose_municipality(request):
    return render(
        request,
        "core/choose_municipality.html",
        {
            "municipalities": municipalities_of(request.user),
            "national": bool(national_roles(request.user)),
        },
    )


@municipality_view("view_municipality")
def municipality_home(request, municipality):
    roles = roles_in(request.user, municipality)
    role_labels = [Role(r).label for r in Role.values if r in roles]
    cards = [
        (card, reverse(card.url_name, kwargs={"municipality_slug": municipality.slug}))
        if card.url_name
        else (card, "")
        for card in visible_start_cards(request.user, municipality)
    ]
    return render(
        request,
        "core/municipality_home.html",
        {
            "municipality": municipality,
            "role_labels": role_labels,
            "cards": cards,
            "panels": rendered_start_panels(request, municipality),
        },
    )


@national_view
def national_home(request):
    total = Municipality.objects.count()
    links = [(link, reverse(link.url_name)) for link in national_links]
    return render(request, "core/national_home.html", {"municipality_count": total, "links": links})


@municipality_view("view_residents")
def resident_list(request, municipality):
    search = request.GET.get("q", "").strip()[:100]
    residents = queries.residents_for(request.user, municipality, search)
    page = Paginator(residents, PAGE_SIZE).get_page(request.GET.get("pagina"))
    shown = queries.audited_resident_page(request.user, municipality, page.object_list)
    return render(
        request,
        "core/resident_list.html",
        {"municipality": municipality, "page": page, "residents": shown, "search": search},
    )


@municipality_view("view_resident")
def resident_detail(request, municipality, pk: int):
    resident = queries.get_resident(request.user, municipality, pk)
    sections = rendered_resident_sections(request, municipality, resident)
    return render(
        request,
        "core/resident_detail.html",
        {
            "municipality": municipality,
            "resident": resident,
            "sections": sections,
            "history": queries.resident_history(request.user, municipality, resident),
            "can_change": can(request.user, "change_resident", municipality),
        },
    )


@municipality_view("change_resident")
def resident_edit(request, municipality, pk: int):
    """Complete or correct a resident's details (not the signals: they keep what was reported)."""
    resident = queries.get_resident(request.user, municipality, pk)
    form = ResidentForm(request.POST or None, initial=ResidentForm.initial_for(resident))
    if request.method == "POST" and form.is_valid():
        services.update_resident(actor=request.user, resident=resident, data=form.cleaned_data)
        messages.success(request, _("De gegevens van de inwoner zijn opgeslagen."))
        return redirect("core:resident_detail", municipality_slug=municipality.slug, pk=resident.pk)
    return render(
        request,
        "core/resident_form.html",
        {"municipality": municipality, "form": form, "resident": resident},
        status=422 if request.method == "POST" else 200,
    )


@municipality_view("change_resident")
def resident_create(request, municipality):
    form = ResidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident = services.create_resident(
            actor=request.user, municipality=municipality, data=form.cleaned_data
        )
        messages.success(request, _("De inwoner is opgeslagen."))
        return redirect("core:resident_detail", municipality_slug=municipality.slug, pk=resident.pk)
    return render(request, "core/resident_form.html", {"municipality": municipality, "form": form})


@municipality_view("manage_settings")
def municipality_settings(request, municipality):
    """One page, a form per section that apps register (core.extensions.settings_sections);
    a POST names its section in ``onderdeel``. A refused form keeps what was typed."""
    sections = [s for s in settings_sections if can(request.user, s.action, municipality)]
    posted = request.POST.get("onderdeel") if request.method == "POST" else None
    forms = []
    for section in sections:
        data = request.POST if section.key == posted else None
        form = section.form(municipality, data)
        if data is not None and form.is_valid():
            section.save(actor=request.user, municipality=municipality, values=form.cleaned_data)
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("core:municipality_settings", municipality_slug=municipality.slug)
        forms.append((section, form))
    status = 422 if posted else 200
    return render(
        request,
        "core/municipality_settings.html",
        {"municipality": municipality, "sections": forms},
        status=status if request.method == "POST" else 200,
    )


def _filtered(request, municipality):
    form = audit_log_rows.AuditFilterForm(request.GET or None, municipality=municipality)
    events = queries.audit_events_for(request.user, municipality, form.filters)
    return form, events.select_related("actor")


@municipality_view("view_audit")
def audit_log(request, municipality):
    form, events = _filtered(request, municipality)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "core/audit_log.html",
        {
            "municipality": municipality,
            "form": form,
            "page": page,
            "rows": audit_log_rows.rows(request.user, municipality, page.object_list),
            "query": query.urlencode(),
            "filtered": bool(form.filters),
        },
    )


class _Echo:
    def write(self, value):
        return value


@municipality_view("view_audit")
def audit_log_csv(request, municipality):
    """The selection of the page (same filters), oldest first, times in ISO 8601."""
    _form, events = _filtered(request, municipality)
    events = events.order_by("at", "id")
    writer = csv.writer(_Echo())
    labels = audit_action_labels()

    def rows():
        yield writer.writerow(audit_log_rows.CSV_HEADER)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(audit_log_rows.csv_row(event, labels))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="auditlog-{municipality.slug}-{stamp}.csv"'
    )
    return response


def error_400(request, exception=None):
    return render(request, "errors/400.html", status=400)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # No context processors: the database may be the reason we are here.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
