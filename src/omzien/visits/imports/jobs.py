"""Running an import of a round's addresses (``AddressImport``): the coordinator uploads a
file, the job keeps its bytes until it ends, checks every row (its progress saved as it goes,
for the progress bar) and, if no row is bad, stores the whole file in one transaction.

A file of at most ``IN_REQUEST_ROWS`` rows runs in the request; a larger one is a task for the
worker (``tasks.run_import_task``, django-tasks, ``manage.py db_worker``). Whatever the end,
the uploaded bytes are cleared: only counts and problems (line, column, reason; never a
value) stay with the import."""

from __future__ import annotations

import logging
import tempfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import PostcodeArea
from omzien.core.scoping import require
from omzien.core.tasking import enqueue_when_committed
from omzien.visits.imports import columns, reading, storing
from omzien.visits.imports.checking import Checker, Target
from omzien.visits.models import AddressImport, VisitRound

logger = logging.getLogger("omzien.visits.imports")
State = AddressImport.State

IN_REQUEST_ROWS = 1000
#: Save the progress every so many rows (a query each time).
PROGRESS_EVERY = 20_000


def ensure_open(round: VisitRound) -> None:
    if round.status == VisitRound.Status.CLOSED or round.erased_at:
        raise ValidationError(_("Deze ronde is gesloten: er kan niets meer worden ingelezen."))


def start_import(*, actor, round: VisitRound, kind: str, file_name: str, content: bytes,
                 skip_outside: bool = True) -> AddressImport:  # fmt: skip
    """Make the job of an uploaded file and run it (a small file) or queue it. Raises
    ``reading.ImportFileError`` or ``columns.HeaderError`` for a file that cannot be read or
    lacks a column, ``ValidationError`` for a closed round: then nothing is made."""
    require(actor, "manage_visit_rounds", round.municipality)
    ensure_open(round)
    table = reading.open_table(file_name, content)
    columns.positions(table.header, kind)
    with transaction.atomic():
        job = AddressImport.objects.create(
            round=round, municipality=round.municipality, kind=kind, file_name=file_name[-200:],
            upload=content, total=table.estimate, created_by=actor,
            summary={"skip_outside": skip_outside},
        )  # fmt: skip
        audit.record("visit_import_started", actor=actor, obj=job, municipality=round.municipality,
                     round=round.pk, kind=kind, rows=table.estimate)  # fmt: skip
    if table.estimate <= IN_REQUEST_ROWS:
        run_import(job.pk)
        job.refresh_from_db()
    else:
        from omzien.visits.imports.tasks import run_import_task

        enqueue_when_committed(run_import_task, job.pk)  # RQ: after commit (core/tasking)
    return job


def run_import(job_id: int) -> str:
    """Check and store one waiting job (once, however often it is called); its end state."""
    if not AddressImport.objects.filter(pk=job_id, state=State.WAITING).update(
        state=State.CHECKING
    ):
        return AddressImport.objects.get(pk=job_id).state
    job = AddressImport.objects.select_related("round", "municipality", "created_by").get(pk=job_id)
    try:
        require(job.created_by, "manage_visit_rounds", job.municipality)
        ensure_open(job.round)
        return _check_and_store(job)
    except (reading.ImportFileError, columns.HeaderError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        _refuse(job, [{"line": 1, "column": "", "message": message}], {})
        return State.REFUSED
    except PermissionDenied:
        _fail(job, _("U mag de adressen van deze ronde niet (meer) inlezen."))
        return State.FAILED
    except Exception as error:
        # The class only: a database error's message may quote a row (personal data).
        logger.error("visits import job=%s failed: %s", job.pk, type(error).__name__)
        _fail(job, _("Er ging iets mis. Er is niets veranderd. Probeer het later opnieuw."))
        return State.FAILED


def target_of(round: VisitRound, kind: str, skip_outside: bool) -> Target:
    """What the round takes, with the postcode areas of the whole country read once."""
    exact = round.target == VisitRound.Target.EXACT
    day = formats.date_format(round.reference_date, "j F Y")
    label = _("precies %(age)s jaar op %(day)s") if exact else _("%(age)s jaar en ouder op %(day)s")
    label = label % {"age": round.target_age, "day": day}
    districts = frozenset(round.districts.values_list("pk", flat=True))
    # An area's district only if it is the area's municipality's (the address's district has
    # no database constraint: docs/visits-import.md, "Indexes and constraints").
    areas = PostcodeArea.objects.values_list(
        "pc4", "municipality_id", "district_id", "district__municipality_id"
    )
    return Target(
        kind=kind, municipality_id=round.municipality_id,
        municipality_name=round.municipality.name, reference_date=round.reference_date,
        min_age=round.target_age, max_age=round.target_age if exact else None,
        districts=districts or None,
        pc4={pc4: (m, d if dm == m else None) for pc4, m, d, dm in areas},
        skip_outside=skip_outside, target_label=label,
    )  # fmt: skip


def _check_and_store(job: AddressImport) -> str:
    content, job.upload = bytes(job.upload), b""  # one copy of the file in memory, not two
    table = reading.open_table(job.file_name, content)
    positions, ignored = columns.positions(table.header, job.kind)
    skip = job.summary.get("skip_outside", True)
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as lines:
        checker = Checker(target_of(job.round, job.kind, skip), positions, lines)
        n = 0
        for n, (line, cells) in enumerate(table.rows, start=1):
            checker.check(line, cells)
            if n % PROGRESS_EVERY == 0:
                AddressImport.objects.filter(pk=job.pk).update(
                    checked=n, total=max(n, table.estimate)
                )
        counts = {
            "skip_outside": skip, "rows": checker.rows, "skipped_age": checker.skipped_age,
            "skipped_district": checker.skipped_district, "ignored_columns": ignored,
        }  # fmt: skip
        if not checker.rows:
            checker.problem(2, "", _("Er staan geen personen in dit bestand."))
        if checker.problem_count:
            counts["problem_count"] = checker.problem_count
            _refuse(job, checker.problems, counts, checked=n)
            return State.REFUSED
        AddressImport.objects.filter(pk=job.pk).update(state=State.SAVING, checked=n, total=n)
        lines.seek(0)
        _store(job, lines, counts)
    return State.DONE


def _store(job: AddressImport, lines, counts: dict) -> None:
    with transaction.atomic():
        round = VisitRound.objects.select_for_update().get(pk=job.round_id)
        ensure_open(round)
        if job.kind == AddressImport.Kind.ADDRESSES:
            stored = storing.store_addresses(lines, round_id=round.pk,
                                             municipality_id=round.municipality_id,
                                             stamp=timezone.now())  # fmt: skip
        else:
            stored = storing.store_list(lines, round_id=round.pk, kind=job.kind)
        summary = counts | stored
        AddressImport.objects.filter(pk=job.pk).update(
            state=State.DONE, summary=summary, upload=b"", finished_at=timezone.now()
        )
        audit.record("visit_import_done", actor=job.created_by, obj=job,
                     municipality=job.municipality, round=round.pk, kind=job.kind,
                     **{k: v for k, v in summary.items() if isinstance(v, int)})  # fmt: skip


def _refuse(job: AddressImport, problems: list[dict], counts: dict, checked: int = 0) -> None:
    AddressImport.objects.filter(pk=job.pk).update(
        state=State.REFUSED, problems=problems, summary=job.summary | counts, upload=b"",
        checked=checked, total=max(checked, counts.get("rows", 0)), finished_at=timezone.now(),
    )  # fmt: skip
    audit.record("visit_import_refused", actor=job.created_by, obj=job,
                 municipality=job.municipality, round=job.round_id,
                 problems=counts.get("problem_count", len(problems)))  # fmt: skip


def _fail(job: AddressImport, message: str) -> None:
    AddressImport.objects.filter(pk=job.pk).update(
        state=State.FAILED, upload=b"", finished_at=timezone.now(),
        problems=[{"line": 0, "column": "", "message": str(message)}],
    )  # fmt: skip
