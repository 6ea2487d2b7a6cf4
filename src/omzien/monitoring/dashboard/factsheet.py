"""The factsheet's monitoring section (issue 12, item 7; FactsheetSection "monitoring"): the
municipality's key monitoring figures over the last 12 whole months, from the registered
MunicipalityFigures, suppressed with the one rule (core/suppression.py)."""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omzien.core import extensions
from omzien.core.figure_records import FactsheetPart, MunicipalityFigure
from omzien.core.suppression import is_suppressed, shown_count
from omzien.monitoring.dashboard.filters import last_twelve_months
from omzien.monitoring.dashboard.tables import TOO_FEW, decimal, whole

#: The figures the section shows, in this order, where an app registered them.
KEYS = (
    "signals",
    "signals_per_1000",
    "contact_within_norm",
    "home_visit_reach",
    "referrals_started",
    "score_change",
)


def shown_figure(figure: MunicipalityFigure, value, base: int | None) -> str:
    """A municipality's figure as published: counts "<5" below 5, a share, rate or mean on
    fewer than 5 records "te weinig", an unknown figure "–"."""
    if value is None:
        return "–"
    if figure.kind == "count":
        return shown_count(int(value)) if is_suppressed(value) else whole(value)
    if figure.base is not None and (base is None or is_suppressed(base)):
        return TOO_FEW
    text = decimal(float(value))
    return text + "%" if figure.kind == "share" else text


def build(user, municipality) -> FactsheetPart | None:
    since, until = last_twelve_months()
    rows = []
    for key in KEYS:
        figure = extensions.municipality_figure(key)
        if figure is None:
            continue
        ids = [municipality.pk]
        value = figure.compute(ids, since, until).get(municipality.pk)
        if value is None and figure.kind == "count":
            value = 0
        base = figure.base(ids, since, until).get(municipality.pk, 0) if figure.base else None
        rows.append((str(figure.label), shown_figure(figure, value, base)))
    if not rows:
        return None
    last = until - dt.timedelta(days=1)
    return FactsheetPart(
        title=_("Monitoring"),
        paragraphs=(
            _("Uit Omzien, van {since} tot en met {until}. Aantallen onder de 5 tonen we als ‘<5’; "
              "een percentage of gemiddelde van minder dan 5 inwoners tonen we niet.").format(
                since=date_format(since, "j F Y"), until=date_format(last, "j F Y")
            ),
        ),
        header=(_("Cijfer"), _("Waarde")),
        rows=tuple(rows),
    )  # fmt: skip
