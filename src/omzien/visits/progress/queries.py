"""Reading a round's progress and district report for one user: the permission, whether
the counts are exact (the coordinator) or suppressed (policy staff), and the audit of the
read. The figures come from ``tables.py`` and ``report.py``: counts only, over all records
of the round (policy staff see no records through the scoping layer, yet may see these
aggregates)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from omzien.core import audit
from omzien.core.models import District
from omzien.core.scoping import can, require
from omzien.visits.models import VisitRound
from omzien.visits.progress import report, tables


def round_of(user, municipality, pk: int) -> VisitRound:
    """A round the user may see in this municipality, else 404."""
    return get_object_or_404(VisitRound.objects.visible_to(user, municipality), pk=pk)


def sees_exact_counts(user, municipality) -> bool:
    """The coordinator sees exact counts; policy staff see "<5" below 5."""
    return can(user, "manage_visit_rounds", municipality)


def progress_for(user, round: VisitRound, *, action: str = "visit_progress_viewed"):
    require(user, "view_visit_progress", round.municipality)
    result = tables.progress(round, exact=sees_exact_counts(user, round.municipality))
    audit.record(action, actor=user, municipality=round.municipality, obj=round)
    return result


def districts_of(round: VisitRound) -> list[District]:
    """The districts one may choose for the report: the round's, or all of the
    municipality's when the round covers all of it."""
    chosen = round.districts.order_by("name")
    return list(chosen) if chosen.exists() else list(round.municipality.districts.order_by("name"))


def district_report_for(user, round: VisitRound, district: District) -> report.DistrictReport:
    require(user, "view_visit_progress", round.municipality)
    result = report.district_report(round, district)
    audit.record(
        "visit_district_report_viewed",
        actor=user,
        municipality=round.municipality,
        obj=round,
        district=district.pk,
    )
    return result
