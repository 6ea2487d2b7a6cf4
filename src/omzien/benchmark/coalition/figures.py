"""The coalition's figures per municipality (issue 12), registered in
``core.extensions.municipality_figures``: the benchmark fills answers from them, the
programme's overview sums them. Each is one grouped query for any number of municipalities.

A member counts "at the end of the period" when it joined before ``until`` and had not left
by then (``left_on`` empty or on/after ``until``); a local participation counts "in the
period" when it started before ``until`` and did not end on or before ``since``."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from omzien.benchmark.models import CoalitionMember, Kartrekker, LocalParticipation
from omzien.core import extensions


def _of(qs, municipality_ids):
    return qs if municipality_ids is None else qs.filter(municipality_id__in=municipality_ids)


def _members_at_end(municipality_ids, until: dt.date):
    qs = CoalitionMember.objects.filter(joined_on__lt=until).filter(
        Q(left_on__isnull=True) | Q(left_on__gte=until)
    )
    return _of(qs, municipality_ids)


def _participations_at_end(municipality_ids, until: dt.date):
    qs = LocalParticipation.objects.filter(since__lt=until).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=until)
    )
    return _of(qs, municipality_ids)


def _grouped(qs, aggregate) -> dict[int, int]:
    rows = qs.order_by().values("municipality_id").annotate(n=aggregate)
    return {row["municipality_id"]: row["n"] for row in rows}


def coalition_partners(municipality_ids, since, until) -> dict[int, int]:
    """Active coalition members at the end of the period."""
    return _grouped(_members_at_end(municipality_ids, until), Count("id"))


def coalition_sectors(municipality_ids, since, until) -> dict[int, int]:
    """Distinct sectors among the active members at the end of the period."""
    return _grouped(_members_at_end(municipality_ids, until), Count("sector", distinct=True))


def kartrekker_hours(municipality_ids, since, until) -> dict[int, float]:
    """The kartrekker's hours per week as recorded now (there is no history of it)."""
    rows = _of(Kartrekker.objects.all(), municipality_ids).values_list(
        "municipality_id", "hours_per_week"
    )
    return {municipality_id: float(hours) for municipality_id, hours in rows}


def national_partners_active(municipality_ids, since, until) -> dict[int, int]:
    """National partnerships the municipality takes part in at the end of the period."""
    return _grouped(
        _participations_at_end(municipality_ids, until), Count("partnership", distinct=True)
    )


def partnerships_active(municipality_ids, since, until) -> int:
    """The national total of ``national_partners_active``: distinct partnerships with a
    participation running at the end of the period in any of the municipalities (None: all),
    each counted once however many municipalities take part (chapter 7 of the programme)."""
    participations = _participations_at_end(municipality_ids, until)
    return participations.order_by().values("partnership_id").distinct().count()


def collaborations(municipality_ids, since, until) -> dict[int, int]:
    """Local participations in national partnerships active at some time in the period."""
    qs = LocalParticipation.objects.filter(since__lt=until)
    if since is not None:
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=since))
    return _grouped(_of(qs, municipality_ids), Count("id"))


FIGURES = (
    extensions.MunicipalityFigure(
        "coalition_partners", _("Coalitiepartners"), coalition_partners, "count", "", order=60
    ),
    extensions.MunicipalityFigure(
        "coalition_sectors",
        _("Sectoren in de coalitie"),
        coalition_sectors,
        "count",
        "",
        order=61,
    ),
    extensions.MunicipalityFigure(
        "kartrekker_hours",
        _("Uren per week van de kartrekker"),
        kartrekker_hours,
        "number",
        "",
        order=62,
    ),
    extensions.MunicipalityFigure(
        "national_partners_active",
        _("Landelijke coalitiepartners lokaal actief"),
        national_partners_active,
        "count",
        "distinct",
        order=63,
        national_total=partnerships_active,
    ),
    extensions.MunicipalityFigure(
        "collaborations",
        _("Samenwerkingen met landelijke partners"),
        collaborations,
        "count",
        "sum",
        order=64,
    ),
)


def register() -> None:
    for figure in FIGURES:
        extensions.municipality_figures.register(figure)
