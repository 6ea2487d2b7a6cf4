"""Running an import (``ImportJob``): the coordinator uploads a file, its rows are stored on
the job, then the job checks every row (its progress saved as it goes, so the import page can
show a progress bar) and, if no row is bad, applies the whole file in one transaction.

A file of at most ``IN_REQUEST_ROWS`` rows runs in the request; a larger one is a task for the
worker (``tasks.run_import_task``, django-tasks, ``manage.py db_worker``). The check is the
long part and shows its progress; the saving runs in one transaction, which other processes
cannot look into, so the page shows "wordt opgeslagen" without a number until it is done."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.scoping import require, scope_rule
from omzien.core.tasking import enqueue_when_committed
from omzien.socialmap.imports import applying, columns, hsds_reading, reading
from omzien.socialmap.imports.checking import Checker
from omzien.socialmap.models import ImportJob

logger = logging.getLogger("omzien.socialmap.imports")
State = ImportJob.State

IN_REQUEST_ROWS = 100
#: Save the progress every so many rows.
PROGRESS_EVERY = 20


def start_import(
    *, actor, municipality, file_name: str, content: bytes, publish: bool
) -> ImportJob:
    """Read the file and make its job; raises ``reading.ImportFileError`` for a file that
    cannot be read at all. A small file is done when this returns."""
    require(actor, "publish_initiatives", municipality)
    kind, rows, header = reading.read_file(file_name, content)
    problems = columns.check_header(header) if kind != "json" else []
    with transaction.atomic():
        job = ImportJob.objects.create(
            municipality=municipality, created_by=actor, file_name=file_name[-200:], kind=kind,
            publish=publish, total=len(rows), rows=rows,
        )  # fmt: skip
        audit.record("catalogue_import_started", actor=actor, obj=job,
                     municipality=municipality, kind=kind, rows=len(rows))  # fmt: skip
        if problems:
            _refuse(job, [p.as_dict() for p in problems])
            return job
    if len(rows) <= IN_REQUEST_ROWS:
        run_import(job.pk)
    else:
        from omzien.socialmap.imports.tasks import run_import_task

        enqueue_when_committed(run_import_task, job.pk)  # RQ: after commit (core/tasking)
    return job


def _refuse(job: ImportJob, problems: list[dict]) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        state=State.REFUSED, problems=problems, rows=[], finished_at=timezone.now()
    )
    audit.record("catalogue_import_refused", actor=job.created_by, obj=job,
                 municipality=job.municipality, problems=len(problems))  # fmt: skip


def run_import(job_id: int) -> str:
    """Check and apply one waiting job (once, however often it is called); its end state."""
    if not ImportJob.objects.filter(pk=job_id, state=State.WAITING).update(state=State.CHECKING):
        return ImportJob.objects.get(pk=job_id).state
    job = ImportJob.objects.select_related("municipality", "created_by").get(pk=job_id)
    try:
        require(job.created_by, "publish_initiatives", job.municipality)
        plans, problems = _check_all(job)
        if problems:
            _refuse(job, problems)
            return State.REFUSED
        _save_all(job, plans)
    except applying.RowRefused as refused:
        _refuse(job, [refused.problem.as_dict()])
        return State.REFUSED
    except PermissionDenied:
        _fail(job, _("U mag de sociale kaart niet (meer) importeren."))
        return State.FAILED
    except Exception:
        logger.exception("socialmap import job=%s failed", job.pk)
        _fail(job, _("Er ging iets mis. Er is niets veranderd. Probeer het later opnieuw."))
        return State.FAILED
    return State.DONE


def _fail(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        state=State.FAILED, rows=[], finished_at=timezone.now(),
        problems=[{"line": 0, "column": "", "message": str(message)}],
    )  # fmt: skip


def _check_all(job: ImportJob):
    checker = Checker(job.created_by, job.municipality, publish=job.publish)
    convert = hsds_reading.record_from_row if job.kind == "json" else (
        lambda row: columns.record_from_row(row["line"], row["cells"])
    )  # fmt: skip
    plans, problems = [], []
    for n, row in enumerate(job.rows, start=1):
        record, found = convert(row)
        if record is not None:
            plan, found = checker.check(record)
            if plan is not None:
                plans.append(plan)
        problems += [p.as_dict() for p in found]
        if n % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=job.pk).update(checked=n)
    return plans, problems


def _save_all(job: ImportJob, plans) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=State.SAVING, checked=job.total)
    with transaction.atomic():
        summary = applying.apply(plans, actor=job.created_by, municipality=job.municipality)
        ImportJob.objects.filter(pk=job.pk).update(
            state=State.DONE, summary=summary, rows=[], finished_at=timezone.now()
        )
        audit.record("catalogue_imported", actor=job.created_by, obj=job,
                     municipality=job.municipality, created=summary["created"],
                     changed=summary["changed"], unchanged=summary["unchanged"],
                     organisations_created=len(summary["organisations"]))  # fmt: skip


def register() -> None:
    """Only coordinators see import jobs (called from ``extensions.register``)."""

    def coordinators_only(qs, user, municipality, roles):
        return qs if "coordinator" in roles else qs.none()

    scope_rule(ImportJob)(coordinators_only)
