"""Screens for residents' rights: inzage (printable page and JSON) and erasure on request.

Coordinator only (``export_resident``, ``erase_resident``); a resident outside the user's
scope answers 404. Every page sends ``Cache-Control: no-store``: it holds personal data.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from omzien.core import queries as core_queries
from omzien.core.models import Resident
from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.signalling.models import Case
from omzien.signalling.privacy import rights as privacy


def _resident(request, municipality, pk: int) -> Resident:
    """A resident the user may see (404 otherwise); not audited: the action is."""
    return get_object_or_404(
        Resident.objects.visible_to(request.user, municipality).select_related(
            "district", "municipality"
        ),
        pk=pk,
    )


@never_cache
@municipality_view("export_resident")
def resident_export(request, municipality, pk: int):
    """Everything about one resident on one printable page (print it to PDF)."""
    resident = _resident(request, municipality, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    data = privacy.export_resident(actor=request.user, resident=resident, as_format="html")
    return render(
        request,
        "signalling/privacy/export.html",
        {"municipality": municipality, "resident": resident, "export": data},
    )


@never_cache
@municipality_view("export_resident")
def resident_export_json(request, municipality, pk: int):
    """The same as a JSON download."""
    resident = _resident(request, municipality, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    data = privacy.export_resident(actor=request.user, resident=resident, as_format="json")
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-inwoner-{resident.pk}.json"'
    return response


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Ik heb gecontroleerd dat dit de inwoner is die om wissen vroeg. Wissen kan niet "
            "ongedaan worden gemaakt."
        ),
        error_messages={"required": gettext_lazy("Bevestig dat u deze inwoner wilt wissen.")},
    )
    close_open_cases = forms.BooleanField(
        required=False,
        label=gettext_lazy(
            "Sluit de open trajecten af met de uitkomst 'Wil geen contact' en wis ze daarna."
        ),
    )

    def __init__(self, *args, open_cases: list[Case], **kwargs):
        super().__init__(*args, **kwargs)
        self.open_cases = open_cases
        if not open_cases:
            del self.fields["close_open_cases"]

    def clean(self):
        cleaned = super().clean()
        if self.open_cases and not cleaned.get("close_open_cases"):
            self.add_error(
                "close_open_cases",
                _("Deze inwoner heeft nog open trajecten. Bevestig dat die worden afgesloten."),
            )
        return cleaned


@never_cache
@municipality_view("erase_resident")
def resident_erase(request, municipality, pk: int):
    """Confirm, then erase everything about one resident at their request."""
    resident = core_queries.get_resident(request.user, municipality, pk)
    open_cases = privacy.open_cases_of(resident)
    form = EraseForm(request.POST if request.method == "POST" else None, open_cases=open_cases)
    if request.method == "POST" and form.is_valid():
        try:
            result = privacy.erase_resident(
                actor=request.user,
                resident=resident,
                close_open_cases=form.cleaned_data.get("close_open_cases", False),
            )
        except privacy.OpenCasesError:
            # A case was opened between showing the form and posting it: ask again.
            messages.error(request, _("Er is net een traject geopend. Kijk opnieuw."))
            return redirect(
                "signalling:resident_erase", municipality_slug=municipality.slug, pk=resident.pk
            )
        messages.success(
            request,
            _("De gegevens van de inwoner zijn gewist (%(cases)s trajecten).")
            % {"cases": result.counts.cases},
        )
        return redirect("core:resident_list", municipality_slug=municipality.slug)
    return render(
        request,
        "signalling/privacy/erase.html",
        {
            "municipality": municipality,
            "resident": resident,
            "form": form,
            "open_cases": open_cases,
            "case_count": Case.objects.filter(resident=resident).count(),
            "assessment_count": resident.assessments.count(),
        },
    )


def resident_privacy_section(request, municipality, resident):
    """The residents' rights block on the resident page (register with
    ``core.extensions.register_resident_section``); empty for users who may not export."""
    return (
        "signalling/privacy/resident_section.html",
        {
            "show": can(request.user, "export_resident", municipality),
            "can_erase": can(request.user, "erase_resident", municipality),
            "municipality": municipality,
            "resident": resident,
        },
    )
