"""The upload pages (issue 10): a coordinator uploads the municipality's own survey per
district under ``/g/<slug>/risicokaart/inlezen/``; the programme team (or a superuser) uploads
the public files (RIVM, GGD young adults, CBS Kerncijfers) under
``/landelijk/risicokaart/inlezen/``. Each upload has a page with its progress (htmx polls it
until it is done) and, after, what was loaded per year, skipped and refused; the form page
lists the last imports of that scope."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core.models import District
from omzien.core.permissions import municipality_view, national_view
from omzien.riskmap.models import FigureImportJob, ImportRun, Source
from omzien.riskmap.uploads import jobs

#: The largest file accepted (a whole RIVM table of every district and neighbourhood as CSV
#: is about 20 MB).
MAX_BYTES = 50 * 1024 * 1024
#: The report shows at most this many problems and unknown figures.
SHOWN = 500
HISTORY = 10
FIRST_YEAR = 2000


def _file_field(help_text) -> forms.FileField:
    return forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("Kies een bestand."),
            "empty": gettext_lazy("Het bestand is leeg."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,.txt"}),
    )


def _year_field(required: bool, help_text) -> forms.IntegerField:
    last = timezone.localdate().year
    return forms.IntegerField(
        label=gettext_lazy("Jaar"),
        required=required,
        min_value=FIRST_YEAR,
        max_value=last,
        help_text=help_text,
        error_messages={
            "required": gettext_lazy("Vul het jaar in."),
            "invalid": gettext_lazy("Vul een jaartal in, bijvoorbeeld 2024."),
            "min_value": _("Vul een jaar vanaf %(year)s in.") % {"year": FIRST_YEAR},
            "max_value": _("Vul een jaar tot en met %(year)s in.") % {"year": last},
        },
    )


class UploadForm(forms.Form):
    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _(
                    "Dit bestand is groter dan %(mb)s MB. Neem minder jaren of gebieden in het "
                    "bestand op en lees de delen na elkaar in."
                )
                % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class SurveyForm(UploadForm):
    """A coordinator's own survey: the CSV of ``omzien survey score --by wijk`` and its year."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field(True, gettext_lazy("Het jaar van het onderzoek."))
        self.fields["file"] = _file_field(
            gettext_lazy("Het CSV-bestand van ‘omzien survey score --by wijk’: een regel per wijk.")
        )


class PublicForm(UploadForm):
    """The programme team's public file: its source, the year if the file has no Perioden."""

    source = forms.ChoiceField(
        label=gettext_lazy("Bron"),
        choices=[(s.value, s.label) for s in jobs.PUBLIC_SOURCES],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies de bron van het bestand.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field(
            False,
            gettext_lazy(
                "Alleen nodig als het bestand geen kolom Perioden heeft (zoals Kerncijfers van "
                "één jaar of de GGD-monitor 50140NED)."
            ),
        )
        self.fields["file"] = _file_field(
            gettext_lazy("StatLine CSV-export, of de OData TypedDataSet als JSON of CSV.")
        )


@dataclass(frozen=True)
class Scope:
    """Whose figures a page is about: one municipality's own survey, or the public ones."""

    municipality: object | None

    @property
    def jobs(self) -> QuerySet:
        return FigureImportJob.objects.filter(municipality=self.municipality).select_related(
            "created_by"
        )

    @property
    def runs(self) -> QuerySet:
        if self.municipality is None:
            return ImportRun.objects.filter(municipality=None)
        return ImportRun.objects.filter(municipality=self.municipality, source=Source.OWN_SURVEY)

    def url(self, name: str, *args) -> str:
        if self.municipality is None:
            return reverse(f"riskmap:public_{name}", args=args)
        return reverse(f"riskmap:survey_{name}", args=[self.municipality.slug, *args])

    @property
    def upload_url(self) -> str:
        return self.url("upload")

    @property
    def map_url(self) -> str:
        if self.municipality is None:
            return reverse("riskmap:national_map")
        return reverse("riskmap:map", args=[self.municipality.slug])


def public_import_view(view):
    """A national page that only the programme team (``import_riskmap_public``) or a
    superuser may open; anyone else gets 403, as on the national map."""

    @national_view
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not jobs.may_import_public(request.user):
            raise PermissionDenied(jobs.PUBLIC_ACTION)
        return view(request, *args, **kwargs)

    return wrapped


def _upload_page(request, scope: Scope, form, start):
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = start(upload.name, upload.read(), form.cleaned_data)
        return redirect(scope.url("job", job.pk))
    context = {
        "scope": scope,
        "municipality": scope.municipality,
        "form": form,
        "recent": scope.jobs[:5],
        "history": scope.runs.select_related("created_by")[:HISTORY],
    }
    return render(request, "riskmap/upload.html", context, status=422 if form.errors else 200)


def _job_page(request, scope: Scope, job: FigureImportJob):
    runs = list(ImportRun.objects.filter(pk__in=job.runs).order_by("year"))
    names = {}
    if scope.municipality is not None:
        names = dict(
            District.objects.filter(municipality=scope.municipality).values_list("code", "name")
        )
    context = {
        "scope": scope,
        "municipality": scope.municipality,
        "job": job,
        "here": scope.url("job", job.pk),
        "retry_url": _retry_url(scope, job),
        "running": job.state in jobs.RUNNING,
        "results": [_result(run, names) for run in runs],
        "problems": job.problems[:SHOWN],
        "more_problems": max(0, len(job.problems) - SHOWN),
        # The live region is refilled only when the state changed since the last poll.
        "announce": request.GET.get("gezien") != job.state,
    }
    if request.headers.get("HX-Request"):
        return render(request, "riskmap/_upload_status.html", context)
    return render(request, "riskmap/upload_job.html", context)


def _retry_url(scope: Scope, job: FigureImportJob) -> str:
    """The form again, with this job's source and year chosen."""
    query = {"jaar": job.year or ""}
    if scope.municipality is None:
        query["bron"] = job.source
    return f"{scope.upload_url}?{urlencode(query)}"


def _initial(request) -> dict:
    """The source and year a link back to the form chose (``?bron=rivm&jaar=2024``)."""
    initial = {"source": request.GET.get("bron", "")}
    if request.GET.get("jaar", "").isdigit():
        initial["year"] = int(request.GET["jaar"])
    return initial


def _result(run: ImportRun, names: dict[str, str]) -> dict:
    report = run.report or {}
    unknown = [
        {**item, "name": names.get(item.get("area"), "")}
        for item in report.get("suppressed", [])[:SHOWN]
    ]
    return {
        "run": run,
        "per_indicator": sorted((report.get("loaded_per_indicator") or {}).items()),
        "unknown": unknown,
        "notes": report.get("notes", []),
    }


@municipality_view(jobs.SURVEY_ACTION)
def survey_upload(request, municipality):
    scope = Scope(municipality)
    form = SurveyForm(request.POST or None, request.FILES or None, initial=_initial(request))

    def start(name, content, data):
        return jobs.start_upload(
            actor=request.user, source=Source.OWN_SURVEY, municipality=municipality,
            file_name=name, content=content, year=data["year"],
        )  # fmt: skip

    return _upload_page(request, scope, form, start)


@municipality_view(jobs.SURVEY_ACTION)
def survey_job(request, municipality, pk: int):
    visible = FigureImportJob.objects.visible_to(request.user, municipality)
    job = get_object_or_404(visible, pk=pk, source=Source.OWN_SURVEY)
    return _job_page(request, Scope(municipality), job)


@public_import_view
def public_upload(request):
    scope = Scope(None)
    form = PublicForm(request.POST or None, request.FILES or None, initial=_initial(request))

    def start(name, content, data):
        return jobs.start_upload(
            actor=request.user, source=data["source"], municipality=None,
            file_name=name, content=content, year=data["year"],
        )  # fmt: skip

    return _upload_page(request, scope, form, start)


@public_import_view
def public_job(request, pk: int):
    job = get_object_or_404(FigureImportJob, pk=pk, municipality=None)
    return _job_page(request, Scope(None), job)
