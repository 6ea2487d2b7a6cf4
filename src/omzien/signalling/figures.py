"""The signalling point's counts per district for the risk map (core.extensions.
district_figures): signals received and residents reached, each in one aggregate query
(GROUP BY district) for the whole municipality.

* *Signals*: signals received (``Signal.created_at``) in the period, by the signal's district.
* *Residents reached*: cases whose first contact (``Case.first_contact_at``) fell in the
  period, by the case's district. A case is one resident; a resident with two cases first
  contacted in the same period counts twice (rare: a reopened case keeps its first contact).
  Cases whose personal data were erased still count: the count needs no personal data.

Records without a district (a postcode outside the municipality, unknown) are not counted
here (a district map needs a district); the national map and monitoring count every signal of
the municipality with the figure ``signals`` of ``monitoring_figures.py``. Only counts leave
this module; the caller shows counts below 5 as "<5".
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from omzien.core import extensions


def _grouped(queryset) -> dict[int, int]:
    rows = queryset.exclude(district=None).values("district_id").annotate(n=Count("id"))
    return {row["district_id"]: row["n"] for row in rows.order_by()}


def signals_per_district(municipality, since, until) -> dict[int, int]:
    from omzien.signalling.models import Signal

    return _grouped(
        Signal.objects.filter(
            municipality=municipality, created_at__gte=since, created_at__lt=until
        )
    )


def reached_per_district(municipality, since, until) -> dict[int, int]:
    from omzien.signalling.models import Case

    return _grouped(
        Case.objects.filter(
            municipality=municipality, first_contact_at__gte=since, first_contact_at__lt=until
        )
    )


SIGNALS = "signals"
REACHED = "reached"


def register() -> None:
    extensions.district_figures.register(
        extensions.DistrictFigure(SIGNALS, _("Meldingen"), signals_per_district, order=10)
    )
    extensions.district_figures.register(
        extensions.DistrictFigure(REACHED, _("Inwoners bereikt"), reached_per_district, order=20)
    )
