"""The home visits' count per district for the risk map (core.extensions.district_figures):
*visits done*, the attempts with outcome "visited" whose time (``VisitAttempt.at``) falls in
the period, by the attempt's district, in one aggregate query (GROUP BY district) for the
whole municipality. Attempts outlive their address (erased at the round's retention) with
their district, so erased rounds still count. Attempts without a district are not counted
here. Only counts leave this module; the risk map shows counts below 5 as "<5".
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from omzien.core import extensions

#: The key the risk map reads this figure by (riskmap/indicators.py: ``VISITS``).
VISITS = "visits"
#: The key of the residents reached by a visit without a signal (riskmap/blindspots.py).
REACHED_BY_VISIT = "reached_by_visit"


def visits_per_district(municipality, since, until) -> dict[int, int]:
    from omzien.visits.models import Outcome, VisitAttempt

    rows = (
        VisitAttempt.objects.filter(
            municipality=municipality, outcome=Outcome.VISITED, at__gte=since, at__lt=until
        )
        .exclude(district=None)
        .values("district_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["district_id"]: row["n"] for row in rows}


def reached_by_visit(municipality, since, until) -> dict[int, int]:
    """Residents reached by a home visit that did not become a signal (a visit that did is
    counted as its case once the caseworker makes contact): the risk map adds this to the
    residents reached of its blind spots (riskmap/blindspots.py: ``REACHED_KEYS``)."""
    from omzien.visits.models import Outcome, VisitAttempt

    rows = (
        VisitAttempt.objects.filter(
            municipality=municipality, outcome=Outcome.VISITED, at__gte=since, at__lt=until
        )
        .exclude(district=None)
        .exclude(report__signal_id__isnull=False)
        .values("district_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["district_id"]: row["n"] for row in rows}


def register() -> None:
    extensions.district_figures.register(
        extensions.DistrictFigure(VISITS, _("Huisbezoeken"), visits_per_district, order=30)
    )
    extensions.district_figures.register(
        extensions.DistrictFigure(
            REACHED_BY_VISIT,
            _("Bereikt met huisbezoek (zonder melding)"),
            reached_by_visit,
            order=35,
        )
    )
