"""Running an upload of figures (``FigureImportJob``), the same way as the social map's import
(socialmap/imports/jobs.py): the file is stored on the job, then the job reads and checks
every row (saving how far it came, for the progress bar) and, if nothing is wrong, replaces
the source's figures of the year(s) in the file in one transaction (``apply_parsed``, which
records the audit event ``riskmap_figures_imported``).

A file of at most ``IN_REQUEST_BYTES`` runs in the request (an own survey always does); a
larger one is a task for the worker (``tasks.run_upload_task``, django-tasks, ``manage.py
db_worker``). Saving runs in one transaction that other processes cannot look into, so the
page says "wordt opgeslagen" without a number until it is done."""

from __future__ import annotations

import hashlib
import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.roles import roles_allowed
from omzien.core.scoping import national_roles, require, scope_rule
from omzien.core.tasking import enqueue_when_committed
from omzien.riskmap.importers.odata import parse_file
from omzien.riskmap.importers.report import ImportRefused, Issue, ParsedFile
from omzien.riskmap.importers.services import apply_parsed
from omzien.riskmap.importers.survey import parse_survey
from omzien.riskmap.models import FigureImportJob, Source

logger = logging.getLogger("omzien.riskmap.uploads")
State = FigureImportJob.State

#: The actions (registered in riskmap/extensions.py).
SURVEY_ACTION = "import_riskmap_survey"
PUBLIC_ACTION = "import_riskmap_public"
#: The public sources the programme team uploads.
PUBLIC_SOURCES = (Source.RIVM, Source.GGD_YOUNG, Source.CBS_KWB)
#: Files up to this size are read in the request; larger ones by the worker.
IN_REQUEST_BYTES = 256 * 1024
RUNNING = (State.WAITING, State.CHECKING, State.SAVING)


def may_import_public(user) -> bool:
    """The programme team (a national role with ``import_riskmap_public``) or a superuser."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or bool(national_roles(user) & roles_allowed(PUBLIC_ACTION))


def _check_actor(actor, source: str, municipality) -> None:
    if source == Source.OWN_SURVEY:
        require(actor, SURVEY_ACTION, municipality)
    elif municipality is not None or not may_import_public(actor):
        raise PermissionDenied(PUBLIC_ACTION)


def start_upload(
    *, actor, source: str, municipality, file_name: str, content: bytes, year: int | None
) -> FigureImportJob:
    """Store the file on a new job and run it (in the request when small, else as a task).
    ``municipality`` only for an own survey."""
    _check_actor(actor, source, municipality)
    job = FigureImportJob.objects.create(
        source=source,
        municipality=municipality,
        year=year,
        file_name=file_name[-255:],
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        created_by=actor,
    )
    if len(content) <= IN_REQUEST_BYTES:
        run_upload(job.pk)
        job.refresh_from_db()
    else:
        from omzien.riskmap.uploads.tasks import run_upload_task

        enqueue_when_committed(run_upload_task, job.pk)  # RQ: after commit (core/tasking)
    return job


def run_upload(job_id: int) -> str:
    """Check and apply one waiting job (once, however often it is called); its end state."""
    if not FigureImportJob.objects.filter(pk=job_id, state=State.WAITING).update(
        state=State.CHECKING
    ):
        return FigureImportJob.objects.get(pk=job_id).state
    job = FigureImportJob.objects.select_related("municipality", "created_by").get(pk=job_id)
    try:
        _check_actor(job.created_by, job.source, job.municipality)
        parsed = _parse(job)
        _save(job, parsed)
    except ImportRefused as refused:
        _refuse(job, [vars(issue) for issue in refused.issues])
        return State.REFUSED
    except PermissionDenied:
        _fail(job, _("U mag deze cijfers niet (meer) inlezen. Er is niets veranderd."))
        return State.FAILED
    except Exception:
        logger.exception("riskmap upload job=%s failed", job.pk)
        _fail(job, _("Er ging iets mis. Er is niets veranderd. Probeer het later opnieuw."))
        return State.FAILED
    return State.DONE


def _parse(job: FigureImportJob) -> ParsedFile:
    def progress(done: int, total: int) -> None:
        FigureImportJob.objects.filter(pk=job.pk).update(checked=done, total=total)

    data = bytes(job.content)
    if job.source == Source.OWN_SURVEY:
        if job.year is None:  # the form asks for it; a job made elsewhere might not have it
            raise ImportRefused([_issue(job, _("geef het jaar van het onderzoek op"))])
        return parse_survey(
            data, job.file_name, municipality=job.municipality, year=job.year, progress=progress
        )
    return parse_file(data, job.file_name, job.source, year=job.year, progress=progress)


def _issue(job: FigureImportJob, message: str) -> Issue:
    return Issue(job.file_name, 1, "", str(message))


def _save(job: FigureImportJob, parsed: ParsedFile) -> None:
    FigureImportJob.objects.filter(pk=job.pk).update(state=State.SAVING)
    with transaction.atomic():
        runs = apply_parsed(
            parsed, actor=job.created_by, municipality=job.municipality, data=bytes(job.content)
        )
        FigureImportJob.objects.filter(pk=job.pk).update(
            state=State.DONE,
            runs=[run.pk for run in runs],
            content=b"",
            finished_at=timezone.now(),
        )


def _refuse(job: FigureImportJob, problems: list[dict]) -> None:
    FigureImportJob.objects.filter(pk=job.pk).update(
        state=State.REFUSED, problems=problems, content=b"", finished_at=timezone.now()
    )
    audit.record("riskmap_import_refused", actor=job.created_by, obj=job,
                 municipality=job.municipality, source=job.source,
                 problems=len(problems))  # fmt: skip


def _fail(job: FigureImportJob, message: str) -> None:
    FigureImportJob.objects.filter(pk=job.pk).update(
        state=State.FAILED, content=b"", finished_at=timezone.now(),
        problems=[{"file": job.file_name, "line": 0, "column": "", "message": str(message)}],
    )  # fmt: skip


def register() -> None:
    """A municipality's uploads are seen by the roles that may upload its own survey (called
    from ``extensions.register``); the public uploads (no municipality) are the national
    pages', which check ``may_import_public``."""

    def uploaders_only(qs, user, municipality, roles):
        return qs if roles & roles_allowed(SURVEY_ACTION) else qs.none()

    scope_rule(FigureImportJob)(uploaders_only)
