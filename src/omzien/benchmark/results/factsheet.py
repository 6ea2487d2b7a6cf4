"""The benchmark's section of the municipality's factsheet (issue 12, items 2 and 7): the
latest submitted year's pillar scores against the province and the country (from that year's
``results_on``; a group below 5 municipalities shows "te weinig gemeenten"), and up to five
tips. Plain data only (``core.extensions.FactsheetPart``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omzien.benchmark.models import Pillar
from omzien.benchmark.results.comparison import FEW_MUNICIPALITIES, PILLARS, year_scores
from omzien.benchmark.results.scores import submitted_response, trend, weak_items
from omzien.benchmark.results.views import decimal
from omzien.core.extensions import FactsheetPart
from omzien.core.scoping import can

#: The most tips the factsheet lists.
MAX_TIPS = 5


def build(user, municipality) -> FactsheetPart | None:
    """The section, or None when the user may not see the benchmark or nothing was submitted."""
    if not can(user, "view_benchmark", municipality):
        return None
    years = trend(municipality)
    if not years:
        return None
    latest = years[-1]
    response = submitted_response(municipality, latest.year)
    questionnaire = response.questionnaire
    paragraphs = [
        _("Scores per pijler van 0 tot 100 in de benchmark %(year)s.") % {"year": latest.year}
    ]
    groups = []
    if timezone.localdate() >= questionnaire.results_on:
        all_groups = year_scores(latest.year).groups_of(municipality)
        groups = [g for g in all_groups if g.kind in ("province", "country")]
    else:
        day = date_format(questionnaire.results_on, "j F Y")
        paragraphs.append(
            _("De vergelijking met andere gemeenten verschijnt op %(day)s.") % {"day": day}
        )
    labels = dict(Pillar.choices)
    header = (_("Pijler"), _("Uw gemeente"), *(g.label for g in groups))
    rows = tuple(
        (
            f"{p}. {labels[p]}",
            decimal(latest.scores.get(p)),
            *(
                str(FEW_MUNICIPALITIES) if g.suppressed else decimal(g.pillars[p].mean)
                for g in groups
            ),
        )
        for p in PILLARS
    )
    tips = weak_items(response)[:MAX_TIPS]
    if tips:
        paragraphs.append(_("Tips:"))
        paragraphs.extend(f"{tip.pillar_label}. {tip.question} {tip.tip}" for tip in tips)
    return FactsheetPart(
        title=_("Benchmark vijf pijlers"),
        paragraphs=tuple(paragraphs),
        header=tuple(str(h) for h in header),
        rows=rows,
    )
