"""The programme's national overview (issue 12, item 4; chapter 7 of the programme): every
registered MunicipalityFigure with ``national`` set, for one year, across all municipalities.

Per figure one call of ``compute(None, since, until)`` (grouped, never per municipality), then
in Python: the national total (``"sum"``: the sum; ``"count"``: municipalities with a value
above 0), the total per province and a table per municipality. Every published aggregate
follows the one rule (core/suppression.py): a count below 5 shows "<5", also a province total
of 3. Beside them the figures the programme entered by hand (``ProgrammeFigure``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from omzien.core import extensions
from omzien.core.figure_records import MunicipalityFigure
from omzien.core.models import Municipality
from omzien.core.suppression import is_suppressed, shown_count
from omzien.monitoring.dashboard.tables import decimal, whole
from omzien.monitoring.models import ProgrammeFigure

NO_PROVINCE = "zonder provincie"


@dataclass(frozen=True)
class Shown:
    text: str
    value: float | None = None  # None: suppressed or unknown (sorts last, text in files)
    numeric: bool = True  # False: the value only sorts (ja/nee)

    def cell(self, numbers: bool):
        """What a file holds: the number (XLSX) where one is shown, else the text."""
        return self.value if numbers and self.numeric and self.value is not None else self.text


@dataclass
class Overview:
    year: int
    figures: list[MunicipalityFigure]
    totals: list[tuple[MunicipalityFigure, Shown]]
    provinces: list[tuple[str, list[Shown]]]
    municipalities: list[tuple[Municipality, list[Shown]]]
    manual: list[ProgrammeFigure] = field(default_factory=list)


def national_figures() -> list[MunicipalityFigure]:
    return [f for f in extensions.municipality_figures if f.national in ("sum", "count")]


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _is_count(figure: MunicipalityFigure) -> bool:
    return figure.national == "count" or figure.kind == "count"


def aggregate(figure: MunicipalityFigure, values: list) -> Shown:
    """The sum or the number of municipalities, as published."""
    numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
    total = sum(1 for v in numbers if v > 0) if figure.national == "count" else sum(numbers)
    if _is_count(figure):
        if is_suppressed(total):
            return Shown(shown_count(int(total)))
        return Shown(whole(total), total)
    return Shown(decimal(total), total)


def per_municipality(figure: MunicipalityFigure, value) -> Shown:
    """One municipality's figure: ja/nee for a figure counted in municipalities, else the value
    (a count below 5 "<5")."""
    if figure.national == "count":
        yes = isinstance(value, int | float) and value > 0
        return Shown(_("ja") if yes else _("nee"), 1 if yes else 0, numeric=False)
    if value is None:
        value = 0
    if figure.kind == "count":
        return (
            Shown(shown_count(int(value))) if is_suppressed(value) else Shown(whole(value), value)
        )
    return Shown(decimal(float(value)), float(value))


def overview(year: int) -> Overview:
    since, until = year_bounds(year)
    figures = national_figures()
    municipalities = list(Municipality.objects.select_related("province").order_by("name"))
    values = {f.key: f.compute(None, since, until) for f in figures}
    totals = [(f, aggregate(f, list(values[f.key].values()))) for f in figures]
    groups: dict[str, list[int]] = {}
    for m in municipalities:
        groups.setdefault(m.province.name if m.province else NO_PROVINCE, []).append(m.pk)
    provinces = [
        (name, [aggregate(f, [values[f.key].get(pk) for pk in ids]) for f in figures])
        for name, ids in sorted(groups.items())
    ]
    rows = [
        (m, [per_municipality(f, values[f.key].get(m.pk)) for f in figures]) for m in municipalities
    ]
    manual = list(ProgrammeFigure.objects.filter(year=year).order_by("label"))
    return Overview(year, figures, totals, provinces, rows, manual)


def sort_rows(result: Overview, key: str, descending: bool) -> None:
    """Sort the municipalities by a figure (suppressed last, whatever the direction) or name."""
    keys = [f.key for f in result.figures]
    if key not in keys:
        result.municipalities.sort(key=lambda r: r[0].name, reverse=descending)
        return
    index = keys.index(key)
    known = [r for r in result.municipalities if r[1][index].value is not None]
    rest = [r for r in result.municipalities if r[1][index].value is None]
    known.sort(key=lambda r: (r[1][index].value, r[0].name), reverse=descending)
    result.municipalities = known + rest
