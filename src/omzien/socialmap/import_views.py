"""Screens of the catalogue's import and export (issue 9, item 2), for the coordinator: the
HSDS JSON download, the template, the upload form and the import's progress and report."""

from __future__ import annotations

import csv
import io
import json

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import audit
from omzien.core.permissions import municipality_view
from omzien.socialmap import hsds
from omzien.socialmap.imports import columns, jobs, reading
from omzien.socialmap.models import ImportJob, Initiative

MAX_BYTES = 10 * 1024 * 1024
RUNNING = (ImportJob.State.WAITING, ImportJob.State.CHECKING, ImportJob.State.SAVING)
#: The report shows at most this many problems (a whole bad file could hold thousands).
SHOWN_PROBLEMS = 500


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("CSV of Excel (.xlsx) volgens het sjabloon, of HSDS JSON."),
        error_messages={"required": gettext_lazy("Kies een bestand.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.json"}),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Nieuwe initiatieven"),
        help_text=gettext_lazy(
            "Geldt voor nieuwe initiatieven zonder kolom status. Bestaande houden hun status."
        ),
        choices=[
            ("concept", gettext_lazy("Als concept: ik bekijk ze eerst")),
            ("publiceren", gettext_lazy("Meteen publiceren")),
        ],  # fmt: skip
        initial="concept",
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Dit bestand is groter dan 10 MB."))
        try:
            reading.kind_of(upload.name)
        except reading.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


@municipality_view("publish_initiatives")
def import_start(request, municipality):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.start_import(
                actor=request.user, municipality=municipality, file_name=upload.name,
                content=upload.read(), publish=form.cleaned_data["status"] == "publiceren",
            )  # fmt: skip
        except reading.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            return redirect("socialmap:import_detail", municipality_slug=municipality.slug,
                            pk=job.pk)  # fmt: skip
    recent = ImportJob.objects.visible_to(request.user, municipality).select_related("created_by")[
        :5
    ]
    return render(
        request,
        "socialmap/import.html",
        {
            "municipality": municipality,
            "form": form,
            "recent": recent,
            "columns": columns.ALL,
        },  # fmt: skip
        status=422 if form.errors else 200,
    )


@municipality_view("publish_initiatives")
def import_detail(request, municipality, pk: int):
    job = get_object_or_404(ImportJob.objects.visible_to(request.user, municipality), pk=pk)
    context = {
        "municipality": municipality,
        "job": job,
        "running": job.state in RUNNING,
        "problems": job.problems[:SHOWN_PROBLEMS],
        "more_problems": max(0, len(job.problems) - SHOWN_PROBLEMS),
        "line_label": _("Dienst") if job.kind == "json" else _("Regel"),
        # The live region is refilled only when the state changed since the last poll, so a
        # screen reader hears each step once, not every second.
        "announce": request.GET.get("gezien") != job.state,
    }
    if request.headers.get("HX-Request"):
        return render(request, "socialmap/_import_status.html", context)
    return render(request, "socialmap/import_detail.html", context)


@municipality_view("publish_initiatives")
def import_template(request, municipality):
    """The empty template as CSV (``;``, UTF-8 with BOM, so Excel opens it as it should)."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, delimiter=";").writerow(columns.ALL)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sociale-kaart-sjabloon.csv"'
    return response


@municipality_view("publish_initiatives")
def catalogue_export(request, municipality):
    """The municipality's whole catalogue (every status) as HSDS 3.0 JSON."""
    initiatives = Initiative.objects.visible_to(request.user, municipality)
    document = hsds.export_catalogue(initiatives, municipality)
    services = sum(len(o["services"]) for o in document["organizations"])
    audit.record("catalogue_exported", actor=request.user, municipality=municipality,
                 services=services)  # fmt: skip
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"sociale-kaart-{municipality.slug}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
