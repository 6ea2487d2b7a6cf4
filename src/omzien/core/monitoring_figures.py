"""Core's figure for the benchmark and the national overview (issue 12), and the small helpers
every app's ``monitoring_figures`` module shares (periods, months, grouping by municipality).

* ``participating_municipalities``: 1 for a municipality with at least one active staff
  membership (coordinator, caseworker, policy staff or functional admin, of a user whose
  account is active) made before the end of the period; nationally the number of such
  municipalities (``national="count"``). Reporters and volunteers do not make a municipality
  participate: they come with it. Memberships have no end date (a revoked one is deleted),
  so the figure is the state of now for memberships made before ``until``.

docs/monitoring-figures.md lists every figure and table.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core import extensions

#: The roles whose membership makes a municipality take part (its own staff).
STAFF_ROLES = ("coordinator", "caseworker", "policy", "admin")

#: Dutch month names for the rows of monthly tables (no locale needed).
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def bounds(since: dt.date, until: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period as aware datetimes: from local midnight of ``since`` (inclusive) to local
    midnight of ``until`` (exclusive), in the site's time zone (Europe/Amsterdam)."""
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(since, dt.time.min, tzinfo=zone),
        dt.datetime.combine(until, dt.time.min, tzinfo=zone),
    )


def for_municipalities(queryset, municipality_ids, field: str = "municipality_id"):
    """``queryset`` limited to the municipalities asked for (None: all of them)."""
    if municipality_ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": list(municipality_ids)})


def count_by_municipality(queryset, field: str = "municipality_id") -> dict[int, int]:
    """``{municipality_id: number of rows}`` in one grouped query."""
    rows = queryset.values(field).annotate(n=Count("pk")).order_by()
    return {row[field]: row["n"] for row in rows}


def month_starts(since: dt.date, until: dt.date) -> list[dt.date]:
    """The first day of every month that the period touches, in order."""
    months, day = [], since.replace(day=1)
    while day < until:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def month_label(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def month_of(value) -> dt.date | None:
    """The first day of the month of a truncated value (a date or an aware datetime)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return value.replace(day=1)


def participating(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    """1 per municipality with an active staff membership made before ``until``."""
    from omzien.core.models import Membership

    _start, end = bounds(since, until)
    found = for_municipalities(
        Membership.objects.filter(
            role__in=STAFF_ROLES,
            municipality__isnull=False,
            user__is_active=True,
            created_at__lt=end,
        ),
        municipality_ids,
    )
    return dict.fromkeys(found.values_list("municipality_id", flat=True).order_by().distinct(), 1)


def register() -> None:
    extensions.municipality_figures.register(
        extensions.MunicipalityFigure(
            "participating_municipalities",
            _("Deelnemende gemeenten"),
            participating,
            kind="count",
            national="count",
            order=10,
        )
    )
