"""The coordinator's import pages: the upload form of a round, the template, and an
import's progress and report (refreshed by htmx while it runs)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from omzien.core.permissions import municipality_view
from omzien.visits.imports import columns, jobs, reading
from omzien.visits.imports.forms import ImportForm
from omzien.visits.models import AddressImport, VisitRound

RUNNING = (AddressImport.State.WAITING, AddressImport.State.CHECKING,
           AddressImport.State.SAVING)  # fmt: skip
#: The report shows at most this many problems.
SHOWN_PROBLEMS = 500


def imports_of(request, municipality):
    """The imports the user may see, without their uploaded bytes."""
    return AddressImport.objects.visible_to(request.user, municipality).defer("upload")


@municipality_view("manage_visit_rounds")
def import_start(request, municipality, pk: int):
    round = get_object_or_404(VisitRound.objects.visible_to(request.user, municipality), pk=pk)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    closed = None
    try:
        jobs.ensure_open(round)
    except ValidationError as error:
        closed = " ".join(error.messages)
    if posted and not closed and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = jobs.start_import(
                actor=request.user, round=round, kind=form.cleaned_data["kind"],
                file_name=upload.name, content=upload.read(),
                skip_outside=form.cleaned_data["outside"] == "overslaan",
            )  # fmt: skip
        except (reading.ImportFileError, columns.HeaderError) as error:
            form.add_error("file", str(error))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("visits:import_detail", municipality_slug=municipality.slug,
                            pk=job.pk)  # fmt: skip
    context = {
        "municipality": municipality,
        "round": round,
        "form": form,
        "closed": closed,
        "recent": imports_of(request, municipality).filter(round=round)[:5],
        "columns": [columns.NAMES[f] for f in columns.FIELDS],
        "required": [columns.NAMES[f] for f in columns.REQUIRED["addresses"]],
        "identifying": [columns.NAMES[f] for f in columns.IDENTIFYING],
    }
    status = 422 if form.errors or (closed and posted) else 200
    return render(request, "visits/imports/start.html", context, status=status)


@municipality_view("manage_visit_rounds")
def import_detail(request, municipality, pk: int):
    job = get_object_or_404(imports_of(request, municipality).select_related("round"), pk=pk)
    context = {
        "municipality": municipality,
        "job": job,
        "round": job.round,
        "running": job.state in RUNNING,
        "percent": round(100 * job.checked / job.total) if job.total else 0,
        "problems": job.problems[:SHOWN_PROBLEMS],
        "more_problems": job.summary.get("problem_count", len(job.problems))
        - min(len(job.problems), SHOWN_PROBLEMS),
        # The live region is refilled only when the state changed since the last poll.
        "announce": request.GET.get("gezien") != job.state,
    }
    if request.headers.get("HX-Request"):
        return render(request, "visits/imports/_status.html", context)
    return render(request, "visits/imports/detail.html", context)


@municipality_view("manage_visit_rounds")
def import_template(request, municipality):
    """The empty template as CSV (``;``, UTF-8 with BOM, so Excel opens it as it should)."""
    response = HttpResponse("\ufeff" + columns.template_line() + "\r\n",
                            content_type="text/csv; charset=utf-8")  # fmt: skip
    response["Content-Disposition"] = 'attachment; filename="huisbezoek-adressen-sjabloon.csv"'
    return response
