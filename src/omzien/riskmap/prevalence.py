"""The national prevalence table from the database, for the model and the programme team's
page (issue 10, item 2).

The table of each year is edited in the Django admin (``PrevalenceYear`` with its
``PrevalenceRate`` rows, seeded from ``data/prevalence/`` by migration 0002). The model uses
the table of the year asked, else the latest year before it (the earliest table when there is
none before it), converted into the pure estimate's ``PrevalenceTable``: one query.
``prevalence_page`` (``/landelijk/risicokaart/prevalentie/``) shows a year's table with its
sources to the programme team, read only.
"""

from __future__ import annotations

from django.db.models import Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from omzien.core.permissions import national_view
from omzien.riskmap.estimate import PrevalenceError, PrevalenceTable
from omzien.riskmap.estimate.prevalence import table_from_rows
from omzien.riskmap.models import RATIO_GROUPS, PrevalenceGroup, PrevalenceRate, PrevalenceYear

#: The columns of a row, as in the shipped CSVs (without key, label and unit).
RATE_FIELDS = (
    "eenzaam",
    "eenzaam_lower",
    "eenzaam_upper",
    "ernstig",
    "ernstig_lower",
    "ernstig_upper",
    "basis",
)


def chosen_year(year: int):
    """The year of the table the model uses for ``year`` (an expression, no query)."""
    years = PrevalenceYear.objects.order_by
    return Coalesce(
        Subquery(years("-year").filter(year__lte=year).values("year")[:1]),
        Subquery(years("year").values("year")[:1]),
    )


def as_estimate_row(key: str, values: dict) -> dict:
    """A database row in the columns of the CSVs (what ``table_from_rows`` reads)."""
    unit = "ratio" if key in RATIO_GROUPS else "pct"
    label = PrevalenceGroup(key).label if key in PrevalenceGroup.values else key
    return {"key": key, "label": label, "unit": unit, **{f: values[f] for f in RATE_FIELDS}}


def table_for(year: int) -> PrevalenceTable:
    """The table the model uses for ``year``; PrevalenceError when there is none or it is
    incomplete (the admin refuses an incomplete table, so only a hand-edited database)."""
    rows = list(
        PrevalenceRate.objects.filter(table__year=chosen_year(year))
        .order_by("id")
        .values("key", *RATE_FIELDS, "table__year", "table__source")
    )
    if not rows:
        raise PrevalenceError("no national prevalence table in the database (riskmap 0002)")
    first = rows[0]
    return table_from_rows(
        first["table__year"],
        [as_estimate_row(row["key"], row) for row in rows],
        source=first["table__source"],
    )


def _figure(value: float, lower: float, upper: float, ratio: bool) -> tuple[str, str]:
    """(figure, range) the Dutch way: "48,6%" and "48,1% tot 49,1%" (a ratio without %)."""
    suffix = "" if ratio else "%"

    def shown(number: float) -> str:
        return f"{number:.1f}".replace(".", ",") + suffix

    return shown(value), f"{shown(lower)} {_('tot')} {shown(upper)}"


def page_rows(table: PrevalenceYear) -> list[dict]:
    """The rows of ``table`` (with ``rates`` prefetched) as the programme's page shows them."""
    result = []
    for rate in table.rates.all():
        ratio = rate.unit == "ratio"
        result.append(
            {
                "group": rate.get_key_display(),
                "lonely": _figure(rate.eenzaam, rate.eenzaam_lower, rate.eenzaam_upper, ratio),
                "severe": _figure(rate.ernstig, rate.ernstig_lower, rate.ernstig_upper, ratio),
                "basis": rate.get_basis_display(),
                "source": rate.source,
            }
        )
    return result


@national_view
@require_safe
def prevalence_page(request):
    """The national prevalence table of one year (``?jaar=``, default the latest) with its
    sources, read only, for the programme team; operators edit it in the Django admin."""
    tables = PrevalenceYear.objects.order_by("-year")
    years = list(tables.values_list("year", flat=True))
    asked = request.GET.get("jaar", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else next(iter(years), None)
    table = tables.filter(year=year).prefetch_related("rates").first()
    context = {
        "years": years,
        "table": table,
        "rows": page_rows(table) if table else [],
        "admin_url": (
            reverse("admin:riskmap_prevalenceyear_change", args=[table.pk])
            if table and request.user.has_perm("riskmap.change_prevalenceyear")
            else ""
        ),
    }
    return render(request, "riskmap/prevalence.html", context)
