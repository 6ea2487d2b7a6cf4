"""The municipality's benchmark results page (issue 12, item 2): its score per pillar against
its province, its size class and the country (from the year's ``results_on``), a radar chart
and bars with the same figures in a table, the trend over the years, and the tips for its weak
items. The municipality sees its own answers' scores and the aggregates, nothing of another
municipality."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omzien.benchmark.models import Pillar, Questionnaire
from omzien.benchmark.results.comparison import FEW_MUNICIPALITIES, PILLARS, Group, year_scores
from omzien.benchmark.results.scores import submitted_response, trend, weak_items
from omzien.core.permissions import municipality_view


def decimal(value: float | None) -> str:
    """A score the Dutch way (56,7); "–" when there is none."""
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def chosen_year(request, years: list[int], default: int | None) -> tuple[int | None, str]:
    """The year of ``?jaar=`` if there is a benchmark of it, else ``default`` and a message."""
    raw = request.GET.get("jaar", "").strip()
    if not raw:
        return default, ""
    if raw.isdigit() and int(raw) in years:
        return int(raw), ""
    return default, _(
        "Er is geen benchmark van het jaar '%(year)s'. U ziet het jaar %(shown)s."
    ) % {
        "year": raw[:10],
        "shown": default or "–",
    }


def _group_cell(group: Group, pillar: int) -> dict:
    """A group's mean, median and the municipality's percentile in it, as text."""
    if group.suppressed:
        few = str(FEW_MUNICIPALITIES)
        return {"mean": few, "median": few, "percentile": few}
    figures = group.pillars[pillar]
    rank = figures.percentile
    return {
        "mean": decimal(figures.mean),
        "median": decimal(figures.median),
        "percentile": "–" if rank is None else str(rank),
    }


def comparison_rows(own: dict[int, float], groups: list[Group]) -> list[dict]:
    """One row per pillar: the own score and per group its mean, median and the own
    percentile (all shown as text; a group below 5 municipalities shows none)."""
    labels = dict(Pillar.choices)
    return [
        {
            "pillar": pillar,
            "label": str(labels[pillar]),
            "own": decimal(own.get(pillar)),
            "groups": [_group_cell(g, pillar) for g in groups],
        }
        for pillar in PILLARS
    ]


def chart_data(own: dict[int, float], groups: list[Group]) -> dict:
    """What the chart script draws: the pillars' labels and a series per line (own first);
    suppressed groups are left out."""
    labels = dict(Pillar.choices)
    series = []
    if own:
        series.append({"label": _("Uw gemeente"), "values": [own.get(p) for p in PILLARS]})
    for group in groups:
        if not group.suppressed:
            values = [group.pillars[p].mean for p in PILLARS]
            series.append({"label": group.label, "values": values})
    return {"labels": [str(labels[p]) for p in PILLARS], "series": series}


def trend_rows(years: list) -> list[dict]:
    return [{"year": t.year, "scores": [decimal(t.scores.get(p)) for p in PILLARS]} for t in years]


def trend_chart(years: list) -> dict:
    """The trend as lines: a line per pillar over the years (drawn from 2 years on)."""
    labels = dict(Pillar.choices)
    return {
        "labels": [str(t.year) for t in years],
        "series": [
            {"label": str(labels[p]), "values": [t.scores.get(p) for t in years]} for p in PILLARS
        ],
    }


def _years() -> tuple[list[int], dict[int, Questionnaire]]:
    questionnaires = {q.year: q for q in Questionnaire.objects.all()}
    return sorted(questionnaires, reverse=True), questionnaires


def default_year(submitted: list[int], questionnaires: dict[int, Questionnaire], day):
    """The year the page opens on: the latest year the municipality submitted whose results
    are published (``results_on`` on or before ``day``), else the latest year it submitted."""
    published = [
        year
        for year in submitted
        if year in questionnaires and questionnaires[year].results_on <= day
    ]
    return max(published, default=max(submitted, default=None))


@municipality_view("view_benchmark")
@require_safe
def results_page(request, municipality):
    """``/g/<slug>/benchmark/resultaten/?jaar=``."""
    years, questionnaires = _years()
    history = trend(municipality)
    default = default_year([t.year for t in history], questionnaires, timezone.localdate())
    if default is None and years:
        default = years[0]
    year, message = chosen_year(request, years, default)
    questionnaire = questionnaires.get(year)
    response = submitted_response(municipality, year) if year else None
    own = next((t.scores for t in history if t.year == year), {}) if response else {}
    published = questionnaire is not None and timezone.localdate() >= questionnaire.results_on
    groups = year_scores(year).groups_of(municipality) if published else []
    context = {
        "municipality": municipality,
        "years": years,
        "year": year,
        "message": message,
        "questionnaire": questionnaire,
        "submitted": response is not None,
        "published": published,
        "groups": groups,
        "rows": comparison_rows(own, groups),
        "chart": chart_data(own, groups),
        "trend": trend_rows(history),
        "trend_chart": trend_chart(history) if len(history) > 1 else None,
        "pillar_labels": [str(label) for _value, label in Pillar.choices],
        "tips": weak_items(response),
    }
    return render(request, "benchmark/results/results.html", context)
