"""The public finder's pages (issue 9): no login, no cookies (GET forms only, nothing in a
session), nothing stored about who looks. Thin: parse, ask ``search``/``upcoming``, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from omzien.core.models import District, HelpLine, Municipality
from omzien.socialmap.choices import ActivityKind, TargetGroup, Where
from omzien.socialmap.finder import search, upcoming
from omzien.socialmap.finder.forms import ACCESS, FinderForm

PAGE_SIZE = 20
_ACCESS_LABELS = dict(ACCESS)


def _municipality(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def _labels(choices, codes) -> list[str]:
    known = dict(choices.choices)
    return [str(known[code]) for code in codes if code in known]


def describe(initiative) -> None:
    """Adds the Dutch words a page shows for the initiative's codes and flags."""
    initiative.kind_labels = _labels(ActivityKind, initiative.kinds)
    initiative.group_labels = _labels(TargetGroup, initiative.target_groups)
    flags = {code: getattr(initiative, name) for code, name in search.ACCESS_FIELDS.items()}
    initiative.access_labels = [str(_ACCESS_LABELS[code]) for code, on in flags.items() if on]
    initiative.is_venue = initiative.where == Where.VENUE


def helplines():
    """The national lines: someone to talk to first, the lines for acute need after them
    (a page about loneliness opens with a listening ear, not with 112)."""
    return HelpLine.objects.filter(active=True).order_by("crisis", "order", "name")


def _map_points(municipality, rows) -> list[dict]:
    return [
        {
            "name": row.name,
            "lat": row.latitude,
            "lon": row.longitude,
            "url": reverse("socialmap:finder_initiative", args=[municipality.slug, row.pk]),
        }
        for row in rows
        if row.latitude is not None and row.longitude is not None
    ]


def _results(municipality, form: FinderForm, page_number):
    found = search.find(municipality, form.criteria())
    if found.ids is None:
        page = Paginator(found.queryset.select_related("organisation"), PAGE_SIZE).get_page(
            page_number
        )
        rows = list(page.object_list)
    else:
        page = Paginator(found.ids, PAGE_SIZE).get_page(page_number)  # a page of ids
        rows = search.page_rows(found, list(page.object_list))
    for row in rows:
        describe(row)
    return page, rows


@require_safe
def finder(request, municipality_slug: str):
    municipality = _municipality(municipality_slug)
    context = {"municipality": municipality, "helplines": helplines(), "section": "finder"}
    if not search.published(municipality).exists():
        return render(request, "socialmap/finder/empty.html", context)
    form = FinderForm(request.GET)
    query = request.GET.copy()
    query.pop("pagina", None)
    context.update(form=form, query=query.urlencode())
    if not form.is_valid():
        return render(request, "socialmap/finder/finder.html", context, status=422)
    page, rows = _results(municipality, form, request.GET.get("pagina"))
    context.update(page=page, rows=rows, points=_map_points(municipality, rows))
    return render(request, "socialmap/finder/finder.html", context)


@require_safe
def initiative_page(request, municipality_slug: str, pk: int):
    municipality = _municipality(municipality_slug)
    initiative = search.published(municipality).select_related("organisation").filter(pk=pk).first()
    if initiative is None:
        raise Http404
    describe(initiative)
    days = upcoming.days(upcoming.items(municipality, initiative=initiative))
    return render(
        request,
        "socialmap/finder/initiative.html",
        {"municipality": municipality, "initiative": initiative, "days": days},
    )


@require_safe
def agenda_page(request, municipality_slug: str):
    municipality = _municipality(municipality_slug)
    start, end = upcoming.window()
    found = upcoming.items(municipality)
    return render(
        request,
        "socialmap/finder/agenda.html",
        {
            "municipality": municipality,
            "days": upcoming.days(found),
            "weeks": upcoming.campaign_weeks(start.date(), end.date()),
            "weeks_ahead": upcoming.WEEKS_AHEAD,
            "full": len(found) >= upcoming.MAX_ITEMS,
            "section": "agenda",
        },
    )


@require_safe
def lonely_page(request, municipality_slug: str):
    municipality = _municipality(municipality_slug)
    return render(
        request,
        "socialmap/finder/lonely.html",
        {
            "municipality": municipality,
            "helplines": helplines(),
            "form": FinderForm(),
            "section": "lonely",
        },
    )


@require_safe
def districts(request, municipality_slug: str):
    """The municipality's district borders as GeoJSON, for the map (no tiles: see
    docs/finder.md). Public data (CBS), cached by the browser for a day."""
    municipality = _municipality(municipality_slug)
    features = [
        {"type": "Feature", "properties": {"name": name}, "geometry": geometry}
        for name, geometry in District.objects.filter(
            municipality=municipality, geometry__isnull=False
        ).values_list("name", "geometry")
    ]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Cache-Control"] = "public, max-age=86400"
    return response
