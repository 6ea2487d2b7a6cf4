"""The national risk map for the programme team (issue 10, item 5): every municipality with
a few figures, as a choropleth and as a sortable table (docs/riskmap.md, "The national map").

Per municipality:

* the measured loneliness of young adults (GGD Gezondheidsmonitor Jongvolwassenen, the
  latest year loaded; ``AreaFigure`` source ``ggd_young``): *eenzaam* and *sterk eenzaam*
  (ernstig eenzaam). A suppressed or missing figure is ``onbekend``, never 0;
* % 65+ and % single-person households (``Municipality.key_figures``, CBS 2024);
* Omzien's own use: signals per 1,000 inhabitants over the last 12 months in whole days
  (``national_period``: from the day after today's date a year ago up to and including today),
  from the registered municipality figure ``signals`` (core.extensions.municipality_figures):
  every signal of the municipality, with or without a known district, the same count as the
  monitoring figure ``signals_per_1000`` over the same period. Fewer than 5 signals show as
  ``<5``; a municipality where nobody works in Omzien yet is ``onbekend`` (not 0: it does
  not use Omzien). The district map (``indicators.py``) keeps the district figure ``signals``:
  a district needs a district.

Only aggregates of areas; no resident, no count below 5. One query for the municipalities,
one for the GGD figures, one for the municipalities in use and one grouped count for all
municipalities in use (the figure groups by municipality).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from omzien.core import extensions
from omzien.core.models import Membership, Municipality
from omzien.core.permissions import national_view
from omzien.core.suppression import FEW, MIN_SHOWN, is_suppressed
from omzien.riskmap.models import AreaFigure, Level, Source
from omzien.riskmap.uploads.jobs import may_import_public

#: The registered municipality figure of the signals received (signalling's).
SIGNALS = "signals"
#: The GGD monitor's "all young adults" (Persoonskenmerken T009002); "" for a file without it.
GGD_TOTAL = ("T009002", "")
UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    source: str


INDICATORS = (
    Indicator("eenzaam", _("Eenzaam, jongvolwassenen (%)"), "%", _("GGD GHOR en RIVM")),
    Indicator("ernstig", _("Ernstig eenzaam, jongvolwassenen (%)"), "%", _("GGD GHOR en RIVM")),
    Indicator("pct_65plus", _("65 jaar en ouder (%)"), "%", _("CBS")),
    Indicator("pct_single", _("Eenpersoonshuishoudens (%)"), "%", _("CBS")),
    Indicator("signals", _("Meldingen per 1.000 inwoners (12 maanden)"), "‰", _("Omzien")),
)
INDICATOR_KEYS = tuple(indicator.key for indicator in INDICATORS)
DEFAULT_INDICATOR = "eenzaam"
#: The GGD indicators (AreaFigure.indicator) of the two loneliness columns.
GGD_INDICATORS = {"eenzaam": "eenzaam", "ernstig": "sterk_eenzaam"}


@dataclass(frozen=True)
class Cell:
    """One figure: ``value`` (None when unknown or fewer than 5) and what the page shows."""

    value: float | None
    display: str

    @property
    def state(self) -> str:
        if self.value is not None:
            return "known"
        return "few" if self.display == FEW else "unknown"


@dataclass(frozen=True)
class MunicipalityFigures:
    code: str
    name: str
    cells: dict[str, Cell]
    signals: str  # the count shown: a number, "<5" or "onbekend"

    @property
    def ordered(self) -> list[Cell]:
        """The cells in the order of :data:`INDICATORS` (the table's columns)."""
        return [self.cells[key] for key in INDICATOR_KEYS]


def decimal(value: float, digits: int = 1) -> str:
    """A number the Dutch way: 56,7."""
    return f"{value:.{digits}f}".replace(".", ",")


def _cell(value) -> Cell:
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return Cell(None, UNKNOWN)
    return Cell(float(value), decimal(value))


def ggd_year() -> int | None:
    """The latest year of the young adults monitor that was loaded."""
    return AreaFigure.objects.filter(source=Source.GGD_YOUNG).aggregate(y=Max("year"))["y"]


def ggd_figures(year: int | None) -> dict[str, dict[str, float | None]]:
    """``{municipality code: {"eenzaam"|"ernstig": share or None}}`` (None: suppressed)."""
    if year is None:
        return {}
    measure_of = {indicator: key for key, indicator in GGD_INDICATORS.items()}
    rows = AreaFigure.objects.filter(
        source=Source.GGD_YOUNG,
        year=year,
        municipality=None,
        level=Level.MUNICIPALITY,
        indicator__in=list(measure_of),
        age_group__in=GGD_TOTAL,
    ).values_list("area_code", "indicator", "value")
    result: dict[str, dict[str, float | None]] = {}
    for code, indicator, value in rows:
        result.setdefault(code, {})[measure_of[indicator]] = value
    return result


@dataclass(frozen=True)
class DayPeriod:
    """Whole local days: ``since`` inclusive, ``until`` exclusive (as the registered
    municipality figures count); ``last`` is the last day in it."""

    since: dt.date
    until: dt.date

    @property
    def last(self) -> dt.date:
        return self.until - dt.timedelta(days=1)


def national_period(today: dt.date | None = None) -> DayPeriod:
    """The last 12 months in whole days, today included: from the day after today's date a
    year ago up to and including today (29 February: from 1 March)."""
    until = (today or timezone.localdate()) + dt.timedelta(days=1)
    try:
        since = until.replace(year=until.year - 1)
    except ValueError:  # 29 February
        since = until.replace(year=until.year - 1, day=28) + dt.timedelta(days=1)
    return DayPeriod(since, until)


def signal_counts(municipalities, period: DayPeriod) -> dict[int, int]:
    """``{municipality id: signals}`` for the municipalities where someone works in Omzien
    (a local membership); the others are left out (unknown). Empty when no app registered
    the ``signals`` figure. One grouped query for all of them."""
    figure = extensions.municipality_figure(SIGNALS)
    if figure is None:
        return {}
    in_use = set(
        Membership.objects.exclude(municipality=None).values_list("municipality_id", flat=True)
    )
    wanted = [m.id for m in municipalities if m.id in in_use]
    counts = figure.compute(wanted, period.since, period.until) if wanted else {}
    return {pk: counts.get(pk, 0) for pk in wanted}


def inhabitants_of(key_figures: dict) -> float | None:
    """``aantal_inwoners`` as a number above 0, else None (as the figure
    ``signals_per_1000`` reads it)."""
    value = (key_figures or {}).get("aantal_inwoners")
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _signals(count: int | None, inhabitants: float | None) -> tuple[Cell, str]:
    if count is None:
        return Cell(None, UNKNOWN), UNKNOWN
    if is_suppressed(count):
        return Cell(None, FEW), FEW
    if not inhabitants:
        return Cell(None, UNKNOWN), str(count)
    return Cell(1000 * count / inhabitants, decimal(1000 * count / inhabitants, 2)), str(count)


def national_figures(period: DayPeriod | None = None) -> list[MunicipalityFigures]:
    """The figures of every municipality, by name."""
    municipalities = list(Municipality.objects.order_by("name"))
    ggd = ggd_figures(ggd_year())
    counts = signal_counts(municipalities, period or national_period())
    result = []
    for m in municipalities:
        key_figures = m.key_figures or {}
        measured = ggd.get(m.code, {})
        signals, count = _signals(counts.get(m.id), inhabitants_of(key_figures))
        cells = {
            "eenzaam": _cell(measured.get("eenzaam")),
            "ernstig": _cell(measured.get("ernstig")),
            "pct_65plus": _cell(key_figures.get("pct_65plus")),
            "pct_single": _cell(key_figures.get("pct_eenpersoonshhd")),
            "signals": signals,
        }
        result.append(MunicipalityFigures(m.code, m.name, cells, count))
    return result


def class_breaks(values: list[float], classes: int = 5) -> list[float]:
    """Upper bounds of ``classes`` classes of about equal size (quantiles) of the known
    values, without repeats; the last is the maximum."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks = []
    for i in range(1, classes + 1):
        index = min(len(ordered) - 1, round(i * len(ordered) / classes) - 1)
        bound = ordered[max(index, 0)]
        if not breaks or bound > breaks[-1]:
            breaks.append(bound)
    return breaks


def sort_rows(rows: list[MunicipalityFigures], key: str, descending: bool):
    """By an indicator (unknown and "<5" last, whatever the direction) or by name."""
    if key not in INDICATOR_KEYS:
        return sorted(rows, key=lambda r: r.name, reverse=descending)
    known = [r for r in rows if r.cells[key].value is not None]
    rest = [r for r in rows if r.cells[key].value is None]
    known.sort(key=lambda r: (r.cells[key].value, r.name), reverse=descending)
    rest.sort(key=lambda r: (r.cells[key].state != "few", r.name))
    return known + rest


def map_data(rows: list[MunicipalityFigures]) -> dict:
    """What the script colours the map with: per indicator its label, breaks and, per
    municipality code, ``[value, display]``."""
    data = {}
    for indicator in INDICATORS:
        values = [r.cells[indicator.key].value for r in rows]
        data[indicator.key] = {
            "label": str(indicator.label),
            "few": indicator.key == "signals",
            "breaks": class_breaks([v for v in values if v is not None]),
            "figures": {
                r.code: [r.cells[indicator.key].value, r.cells[indicator.key].display] for r in rows
            },
        }
    return data


def headers(key: str, descending: bool, chosen: str) -> list[dict]:
    """The table's column headers, each a link that sorts by it (again: the other way)."""
    labels = [("name", _("Gemeente")), *((i.key, i.label) for i in INDICATORS)]
    result = []
    for column, label in labels:
        current = column == key
        down = not descending if current else column != "name"
        result.append(
            {
                "key": column,
                "label": label,
                "query": f"?indicator={chosen}&sorteer={column}&volgorde={'af' if down else 'op'}",
                "aria": ("descending" if descending else "ascending") if current else "",
            }
        )
    return result


@national_view
@require_safe
def national_map(request):
    """The programme team's national map and table of every municipality."""
    chosen = request.GET.get("indicator")
    chosen = chosen if chosen in INDICATOR_KEYS else DEFAULT_INDICATOR
    key = request.GET.get("sorteer", "name")
    key = key if key in ("name", *INDICATOR_KEYS) else "name"
    descending = request.GET.get("volgorde") == "af"
    period = national_period()
    rows = national_figures(period)
    context = {
        "indicators": INDICATORS,
        "chosen": chosen,
        "rows": sort_rows(rows, key, descending),
        "headers": headers(key, descending, chosen),
        "map_data": map_data(rows),
        "ggd_year": ggd_year(),
        "period": period,
        "min_shown": MIN_SHOWN,
        "can_import": may_import_public(request.user),
    }
    return render(request, "riskmap/national.html", context)
