"""The social map's figures per municipality and its monitoring table (issue 12;
``core.extensions.municipality_figures`` and ``monitoring_tables``). Only counts leave.

* ``catalogue_activity_kinds``: how many of the seven kinds of activity (``ActivityKind``,
  DOMAIN.md section 2) at least one published initiative offers (0-7). The catalogue as it
  is now: initiatives keep no dated history of being published, so the period does not
  apply. One query (the distinct lists of kinds per municipality), counted here.
* ``week_activities``: activities in the Week tegen Eenzaamheid: one-off events (no
  repetition: a weekly meeting that happens to fall in the week is not a week activity, as
  the agenda marks them, ``agenda.feed``) of initiatives that were published (status
  published or archived since; drafts and submitted ones were never public) starting on a
  day of a ``CampaignWeek`` named "Week tegen Eenzaamheid" that lies in the period (local
  time). Two queries: the weeks, and the events grouped by municipality.
* the table ``week_activities``: the same events by kind of activity of their initiative (an
  initiative with two kinds counts under both) and in total. Initiatives have an address but
  no district, so the district filter does not apply to it (the note says so).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import extensions
from omzien.core.extensions import TOTAL_ROW, MonitoringTableData
from omzien.core.extensions import MonitoringColumn as Column
from omzien.core.monitoring_figures import bounds, count_by_municipality, for_municipalities

#: The national week these figures count (``CampaignWeek.name``; as in the demo).
WEEK_NAME = "Week tegen Eenzaamheid"
#: Initiatives that were public: published, or archived since.
WAS_PUBLIC = ("published", "archived")


def catalogue_activity_kinds(municipality_ids, since: dt.date, until: dt.date):
    from omzien.socialmap.choices import ActivityKind
    from omzien.socialmap.models import Initiative

    published = for_municipalities(Initiative.objects.filter(status="published"), municipality_ids)
    kinds: dict[int, set[str]] = defaultdict(set)
    for municipality_id, offered in (
        published.values_list("municipality_id", "kinds").order_by().distinct()
    ):
        kinds[municipality_id].update(k for k in offered or [] if k in ActivityKind.values)
    return {pk: len(found) for pk, found in kinds.items()}


def week_days(since: dt.date, until: dt.date) -> Q | None:
    """A condition on ``starts_at``: a day of a Week tegen Eenzaamheid within the period; None
    when no such week lies in the period."""
    from omzien.socialmap.models import CampaignWeek

    weeks = CampaignWeek.objects.filter(name=WEEK_NAME, starts_on__lt=until, ends_on__gte=since)
    condition = None
    for first, last in weeks.values_list("starts_on", "ends_on"):
        start, end = bounds(max(first, since), min(last + dt.timedelta(days=1), until))
        part = Q(starts_at__gte=start, starts_at__lt=end)
        condition = part if condition is None else condition | part
    return condition


def _week_events(municipality_ids, since, until):
    from omzien.socialmap.models import Event

    condition = week_days(since, until)
    if condition is None:
        return None
    events = Event.objects.filter(condition, rrule="", initiative__status__in=WAS_PUBLIC)
    return for_municipalities(events, municipality_ids)


def week_activities(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    events = _week_events(municipality_ids, since, until)
    return {} if events is None else count_by_municipality(events)


def week_activities_table(municipality, since, until, district_ids=None) -> MonitoringTableData:
    from omzien.socialmap.choices import ActivityKind

    events = _week_events([municipality.pk], since, until)
    rows_found = [] if events is None else events.values_list("initiative__kinds", flat=True)
    by_kind = dict.fromkeys(ActivityKind.values, 0)
    total = 0
    for kinds in rows_found:
        total += 1
        for kind in dict.fromkeys(kinds or []):
            if kind in by_kind:
                by_kind[kind] += 1
    rows = [
        {"kind": str(label), "activities": by_kind[value]} for value, label in ActivityKind.choices
    ]
    rows.append({"kind": _("Alle activiteiten"), "activities": total, TOTAL_ROW: True})
    columns = (
        Column("kind", _("Soort activiteit"), "label"),
        Column("activities", _("Activiteiten")),
    )
    note = _(
        "Eenmalige activiteiten van gepubliceerde initiatieven op een dag van de Week tegen "
        "Eenzaamheid in de periode. Een initiatief met twee soorten telt bij beide; de laatste "
        "rij telt elke activiteit één keer."
    )
    if events is None:
        note += _(" Er valt geen Week tegen Eenzaamheid in de periode.")
    if district_ids is not None:
        note += _(" De keuze van wijken geldt hier niet: initiatieven hebben geen wijk.")
    return MonitoringTableData(columns, tuple(rows), note)


def register() -> None:
    figure = extensions.MunicipalityFigure
    extensions.municipality_figures.register(
        figure("catalogue_activity_kinds", gettext_lazy("Soorten activiteit in de sociale kaart"),
               catalogue_activity_kinds, "count", order=40)
    )  # fmt: skip
    extensions.municipality_figures.register(
        figure("week_activities", gettext_lazy("Activiteiten in de Week tegen Eenzaamheid"),
               week_activities, "count", "sum", order=41)
    )  # fmt: skip
    extensions.monitoring_tables.register(
        extensions.MonitoringTable(
            "week_activities", gettext_lazy("Activiteiten in de Week tegen Eenzaamheid"),
            week_activities_table, order=40,
        )
    )  # fmt: skip
