"""The programme's national overview (issue 12, item 4; chapter 7 of the programme): every
registered MunicipalityFigure with ``national`` set, for one year, across all municipalities.

Per figure one call of ``compute(None, since, until)`` (grouped, never per municipality), then
in Python: the national total (``"sum"``: the sum; ``"count"``: municipalities with a value
above 0; a figure with ``national_total``, e.g. ``"distinct"``: that function per province and
for the country, one call each), the total per province and a table per municipality. Every
published aggregate follows the one rule (core/suppression.py): a count below 5 shows "<5",
also a province total of 3; and since the totals are exact, one hidden municipality in a
province (or one hidden province) would be the total minus the others, so a second one is
hidden too and shows "verborgen" (``protect_group``). Beside them the figures the programme
entered by hand (``ProgrammeFigure``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from omzien.core import extensions
from omzien.core.figure_records import MunicipalityFigure
from omzien.core.models import Municipality
from omzien.core.suppression import HIDDEN, is_suppressed, protect_group, shown_count
from omzien.monitoring.dashboard.tables import decimal, whole
from omzien.monitoring.models import ProgrammeFigure

NO_PROVINCE = "zonder provincie"
#: The ``MunicipalityFigure.national`` values the overview shows.
NATIONAL = ("sum", "count", "distinct")


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
    return [f for f in extensions.municipality_figures if f.national in NATIONAL]


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _is_count(figure: MunicipalityFigure) -> bool:
    return figure.national == "count" or figure.kind == "count"


def _numbers(values) -> list[float]:
    return [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def added_up(figure: MunicipalityFigure, values: list) -> float:
    """The sum, or the number of municipalities with a value above 0."""
    numbers = _numbers(values)
    return sum(1 for v in numbers if v > 0) if figure.national == "count" else sum(numbers)


def shown(figure: MunicipalityFigure, total, hidden: bool = False) -> Shown:
    """A published total: a count below 5 "<5", one hidden to protect another "verborgen"."""
    total = total if _numbers([total]) else 0
    if _is_count(figure):
        if is_suppressed(total):
            return Shown(shown_count(int(total)))
        return Shown(HIDDEN) if hidden else Shown(whole(total), total)
    return Shown(decimal(total), total)


def per_municipality(figure: MunicipalityFigure, value, hidden: bool = False) -> Shown:
    """One municipality's figure: ja/nee for a figure counted in municipalities, else the value
    (a count below 5 "<5", one hidden to protect another "verborgen")."""
    if figure.national == "count":
        yes = isinstance(value, int | float) and value > 0
        return Shown(_("ja") if yes else _("nee"), 1 if yes else 0, numeric=False)
    if value is None:
        value = 0
    if figure.kind == "count":
        return shown(figure, value, hidden)
    return Shown(decimal(float(value)), float(value))


@dataclass
class Column:
    """One figure's cells: the national total, the province totals (in ``groups`` order) and
    each municipality's value."""

    total: Shown
    provinces: list[Shown]
    municipalities: dict[int, Shown]


def _protected(values: dict, groups: list[list[int]], provinces: list, national):
    """Which counts to hide (core/suppression.py): below 5, and then, until nothing changes,
    a second municipality in a province with one hidden, and a second province when one
    province total is hidden (else it is the national total minus the others)."""
    towns = {pk: is_suppressed(values.get(pk) or 0) for ids in groups for pk in ids}
    regions = [is_suppressed(t) for t in provinces]
    country = is_suppressed(national)
    while True:
        before = (dict(towns), list(regions), country)
        for index, ids in enumerate(groups):
            flags, regions[index] = protect_group(
                [values.get(pk) or 0 for pk in ids], [towns[pk] for pk in ids], regions[index]
            )
            towns.update(zip(ids, flags, strict=True))
        regions, country = protect_group(provinces, regions, country)
        if (towns, regions, country) == before:
            return towns, regions, country


def column(figure: MunicipalityFigure, values: dict, groups: list[list[int]], since, until):
    """The figure's cells; ``national_total`` (when set) counts a group instead of adding it
    up; a count added up or counted distinctly gets secondary suppression."""
    if figure.national_total is not None:
        national = figure.national_total(None, since, until)
        provinces = [figure.national_total(ids, since, until) for ids in groups]
    else:
        national = added_up(figure, list(values.values()))
        provinces = [added_up(figure, [values.get(pk) for pk in ids]) for ids in groups]
    national = national if _numbers([national]) else 0
    provinces = [t if _numbers([t]) else 0 for t in provinces]
    if figure.kind != "count" or figure.national == "count":
        towns, regions, country = {}, [False] * len(groups), False
    else:
        towns, regions, country = _protected(values, groups, provinces, national)
    pks = [pk for ids in groups for pk in ids]
    return Column(
        shown(figure, national, country),
        [shown(figure, t, h) for t, h in zip(provinces, regions, strict=True)],
        {pk: per_municipality(figure, values.get(pk), towns.get(pk, False)) for pk in pks},
    )


def overview(year: int) -> Overview:
    since, until = year_bounds(year)
    figures = national_figures()
    municipalities = list(Municipality.objects.select_related("province").order_by("name"))
    groups: dict[str, list[int]] = {}
    for m in municipalities:
        groups.setdefault(m.province.name if m.province else NO_PROVINCE, []).append(m.pk)
    names = sorted(groups)
    ids = [groups[name] for name in names]
    columns = [column(f, f.compute(None, since, until), ids, since, until) for f in figures]
    totals = [(f, c.total) for f, c in zip(figures, columns, strict=True)]
    provinces = [(name, [c.provinces[i] for c in columns]) for i, name in enumerate(names)]
    rows = [(m, [c.municipalities[m.pk] for c in columns]) for m in municipalities]
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
