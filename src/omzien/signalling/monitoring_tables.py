"""The signalling point's tables of the municipality's monitoring page (issue 12;
``core.extensions.monitoring_tables``): signals per month by channel, first contact per
month, outcomes, referrals by kind of activity, and the change in score after help.

Each ``build(municipality, since, until, district_ids)`` returns raw counts and figures for
the period (``since`` inclusive, ``until`` exclusive, local dates) in a ``MonitoringTableData``
with a few grouped queries; the monitoring app suppresses (counts below 5) and formats them.
``district_ids`` (None: the whole municipality) limits signals by the signal's district and
cases, referrals and assessments by the case's district; records without a district then do
not count. Rows hold counts, months, labels and means: no person, no record."""

from __future__ import annotations

import statistics
from collections import defaultdict

from django.db import connections
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Window
from django.db.models.functions import RowNumber, TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import extensions
from omzien.core.extensions import TOTAL_ROW, MonitoringTableData
from omzien.core.extensions import MonitoringColumn as Column
from omzien.core.monitoring_figures import bounds, month_label, month_of, month_starts
from omzien.signalling.monitoring_figures import case_pairs, due_cases


def _in_districts(queryset, district_ids):
    return queryset if district_ids is None else queryset.filter(district_id__in=district_ids)


def _district_note(district_ids) -> str:
    if district_ids is None:
        return ""
    return _(" Alleen de gekozen wijken: meldingen en trajecten zonder bekende wijk tellen niet.")


def _month_rows(since, until, counts: dict, keys) -> tuple[dict, ...]:
    rows = []
    for month in month_starts(since, until):
        found = counts.get(month, {})
        rows.append({"month": month_label(month), **{key: found.get(key, 0) for key in keys}})
    return tuple(rows)


def signals_by_month(municipality, since, until, district_ids=None) -> MonitoringTableData:
    from omzien.signalling.models import Channel, Signal

    start, end = bounds(since, until)
    received = _in_districts(
        Signal.objects.filter(municipality=municipality, created_at__gte=start, created_at__lt=end),
        district_ids,
    )
    rows = (
        received.annotate(month=TruncMonth("created_at"))
        .values("month", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict = defaultdict(lambda: defaultdict(int))
    for row in rows:
        month = month_of(row["month"])
        counts[month][row["channel"]] += row["n"]
        counts[month]["total"] += row["n"]
    keys = [*Channel.values, "total"]
    columns = (
        Column("month", _("Maand"), "label"),
        *(Column(value, str(label)) for value, label in Channel.choices),
        Column("total", _("Totaal"), total=True),
    )
    note = _("Meldingen die in de maand binnenkwamen, per kanaal (ook met een postcode buiten de "
             "gemeente).")  # fmt: skip
    return MonitoringTableData(
        columns, _month_rows(since, until, counts, keys), note + _district_note(district_ids)
    )


def _hours(case_created, first_contact) -> float:
    return (first_contact - case_created).total_seconds() / 3600


def _month_middles(cases):
    """Per month of the contact deadline the cases reached, those within the norm, and the one
    or two middle cases by the time to first contact (for the median): one query with window
    functions, so that no row per case leaves the database."""
    month = TruncMonth("contact_deadline")
    wait = ExpressionWrapper(F("first_contact_at") - F("created_at"), output_field=DurationField())
    within = Q(first_contact_at__lte=F("contact_deadline"))
    return (
        cases.filter(first_contact_at__isnull=False)
        .annotate(
            month=month,
            place=Window(RowNumber(), partition_by=[month], order_by=[wait.asc()]),
            n=Window(Count("pk"), partition_by=[month]),
            within=Window(Count("pk", filter=within), partition_by=[month]),
        )
        .filter(place__gte=(F("n") + 1) / 2, place__lte=(F("n") + 2) / 2)
        .values_list("month", "n", "within", "created_at", "first_contact_at")
    )


def _by_month_in_database(cases) -> tuple[dict, dict]:
    """(counts, hours of the middle cases) per month of the deadline (PostgreSQL): the cases
    due in one grouped count, the reached ones from ``_month_middles``."""
    hours: dict = defaultdict(list)
    counts: dict = defaultdict(lambda: defaultdict(int))
    due = cases.annotate(month=TruncMonth("contact_deadline")).values("month")
    for row in due.annotate(n=Count("pk")).order_by():
        counts[month_of(row["month"])]["due"] += row["n"]
    for month_value, n, within, created_at, contact_at in _month_middles(cases):
        month = month_of(month_value)
        hours[month].append(_hours(created_at, contact_at))
        counts[month].update(contacted=n, within_norm=within)
    return counts, hours


def _by_month_in_python(cases) -> tuple[dict, dict]:
    """The same from every case due in the period (SQLite: its month and time differences are
    Python functions called per row, which made the window query 3 to 4 times slower than this
    loop; bench/monitoring.py)."""
    hours: dict = defaultdict(list)
    counts: dict = defaultdict(lambda: defaultdict(int))
    for created_at, contact_at, deadline in cases.values_list(
        "created_at", "first_contact_at", "contact_deadline"
    ):
        month = month_of(deadline)
        counts[month]["due"] += 1
        if contact_at is not None:
            hours[month].append(_hours(created_at, contact_at))
            counts[month]["contacted"] += 1
            counts[month]["within_norm"] += contact_at <= deadline
    return counts, hours


def first_contact(municipality, since, until, district_ids=None) -> MonitoringTableData:
    """Per month of the contact deadline, the cases due as the figure ``contact_within_norm``
    counts them (``due_cases``: deadline passed or contact made, duplicates left out): how
    many, how many were reached (first contact, at any time), the median hours from the case's
    start (its first signal) to first contact, and how many within the norm (first contact no
    later than the case's ``contact_deadline``; never reached is outside). Counted in the
    database on PostgreSQL (``statistics.median`` of the middle cases is that of all), in
    Python on SQLite."""
    cases = _in_districts(due_cases([municipality.pk], since, until), district_ids)
    if connections[cases.db].vendor == "postgresql":
        counts, hours = _by_month_in_database(cases)  # no row per case leaves the database
    else:
        counts, hours = _by_month_in_python(cases)
    table = _month_rows(since, until, counts, ("due", "contacted", "within_norm"))
    for row, month in zip(table, month_starts(since, until), strict=True):
        found = hours.get(month)
        row["median_hours"] = round(statistics.median(found), 1) if found else None
        row["within_norm_share"] = 100 * row["within_norm"] / row["due"] if row["due"] else None
    columns = (
        Column("month", _("Maand"), "label"),
        Column("due", _("Trajecten (termijn in de maand)")),
        Column("contacted", _("Bereikt")),
        Column(
            "median_hours",
            _("Mediaan uren tot eerste contact"),
            "number",
            "contacted",
            derived_from=(),
        ),
        Column("within_norm", _("Binnen de norm")),
        Column(
            "within_norm_share",
            _("Binnen de norm (%)"),
            "share",
            "due",
            derived_from=("within_norm",),
        ),
    )
    note = _(
        "Trajecten waarvan de termijn voor het eerste contact in de maand viel: de termijn is "
        "voorbij of er was al contact. Een traject dat nog binnen de termijn op contact wacht, "
        "telt nog niet mee; dubbele meldingen tellen niet mee. Bereikt: er was eerste contact. "
        "Uren: van de eerste melding tot het eerste contact. Binnen de norm: eerste contact "
        "niet later dan de termijn (de norm van de gemeente, bij een urgente melding de "
        "urgente norm). Wie nooit bereikt werd, valt buiten de norm."
    )
    return MonitoringTableData(columns, table, note + _district_note(district_ids))


def outcomes(municipality, since, until, district_ids=None) -> MonitoringTableData:
    from omzien.signalling.cases.workflow import CaseState, Outcome
    from omzien.signalling.models import Case

    start, end = bounds(since, until)
    closed = _in_districts(
        Case.objects.filter(
            municipality=municipality, state=CaseState.CLOSED, closed_at__gte=start,
            closed_at__lt=end,
        ),
        district_ids,
    )  # fmt: skip
    counts = dict(closed.values_list("outcome").annotate(n=Count("pk")).order_by())
    rows = [
        {"outcome": str(label), "closed": counts.get(value, 0)} for value, label in Outcome.choices
    ]
    rows.append({"outcome": _("Totaal"), "closed": sum(counts.values()), TOTAL_ROW: True})
    columns = (Column("outcome", _("Uitkomst"), "label"), Column("closed", _("Afgesloten")))
    note = _(
        "Trajecten die in de periode zijn afgesloten (en nu nog afgesloten zijn), naar uitkomst."
    )
    return MonitoringTableData(columns, tuple(rows), note + _district_note(district_ids))


def referrals(municipality, since, until, district_ids=None) -> MonitoringTableData:
    """Referrals made in the period by kind of activity of their initiative (an initiative
    with two kinds counts under both, as in "wat werkt"), how many began and how many still
    went at the follow-up."""
    from omzien.signalling.models import Referral
    from omzien.socialmap.choices import ActivityKind

    made = Referral.objects.filter(
        municipality=municipality, proposed_on__gte=since, proposed_on__lt=until
    )
    if district_ids is not None:
        made = made.filter(case__district_id__in=district_ids)
    keys = ("referrals", "started", "still_going")
    by_kind = {value: dict.fromkeys(keys, 0) for value in ActivityKind.values}
    total = dict.fromkeys(keys, 0)
    for kinds, started_on, still_going in made.values_list(
        "initiative__kinds", "started_on", "still_going"
    ):
        counts = {
            "referrals": 1,
            "started": started_on is not None,
            "still_going": still_going is True,
        }
        for into in [total, *(by_kind[k] for k in dict.fromkeys(kinds or []) if k in by_kind)]:
            for key in keys:
                into[key] += counts[key]
    rows = [{"kind": str(label), **by_kind[value]} for value, label in ActivityKind.choices]
    rows.append({"kind": _("Alle verwijzingen"), **total, TOTAL_ROW: True})
    for row in rows:
        row["started_share"] = 100 * row["started"] / row["referrals"] if row["referrals"] else None
    columns = (
        Column("kind", _("Soort activiteit"), "label"),
        Column("referrals", _("Verwijzingen")),
        Column("started", _("Begonnen")),
        Column("started_share", _("Begonnen (%)"), "share", "referrals", derived_from=("started",)),
        Column("still_going", _("Gaat nog bij opvolgen")),
    )
    note = _(
        "Verwijzingen die in de periode zijn ingezet, in elke stand. Een initiatief met twee "
        "soorten telt bij beide; de laatste rij telt elke verwijzing één keer. Begonnen en "
        "'gaat nog' zoals de welzijnswerker ze vastlegde."
    )
    return MonitoringTableData(columns, tuple(rows), note + _district_note(district_ids))


def score_change(municipality, since, until, district_ids=None) -> MonitoringTableData:
    """Per instrument: cases with an assessment before and after help completed in the period
    (``monitoring_figures.case_pairs``), their mean score before and after and the change."""
    from omzien.assessment.scales import INSTRUMENTS
    from omzien.signalling.models import Case

    cases = None
    if district_ids is not None:
        cases = Case.objects.filter(municipality=municipality, district_id__in=district_ids)
    pairs = case_pairs([municipality.pk], since, until, cases=cases)
    by_instrument = defaultdict(list)
    for pair in pairs:
        by_instrument[pair.instrument].append(pair)
    rows = []
    for key, instrument in INSTRUMENTS.items():
        found = by_instrument.get(key, [])
        if not found:
            continue
        rows.append(
            {
                "instrument": instrument.name,
                "cases": len(found),
                "before": statistics.fmean(p.before for p in found),
                "after": statistics.fmean(p.after for p in found),
                "change": statistics.fmean(p.change for p in found),
            }
        )
    columns = (
        Column("instrument", _("Meetinstrument"), "label"),
        Column("cases", _("Trajecten met meting voor en na")),
        Column("before", _("Gemiddelde score voor"), "number", "cases", derived_from=()),
        Column("after", _("Gemiddelde score na"), "number", "cases", derived_from=()),
        Column("change", _("Gemiddelde verandering"), "number", "cases", derived_from=()),
    )
    note = _(
        "Trajecten met een meting voor de hulp (de eerste meting in het traject) en een meting "
        "erna (de eerste op hetzelfde instrument minstens 42 dagen later), die in de periode "
        "is afgenomen. Ingetrokken en onvolledige metingen tellen niet. Een min is minder eenzaam."
    )
    return MonitoringTableData(columns, tuple(rows), note + _district_note(district_ids))


TABLES = (
    ("signals_by_month", gettext_lazy("Meldingen per maand en kanaal"), signals_by_month),
    ("first_contact", gettext_lazy("Eerste contact"), first_contact),
    ("outcomes", gettext_lazy("Uitkomsten van afgesloten trajecten"), outcomes),
    ("referrals", gettext_lazy("Verwijzingen naar het aanbod"), referrals),
    ("score_change", gettext_lazy("Verandering van de eenzaamheidsscore na hulp"), score_change),
)


def register() -> None:
    for order, (key, title, build) in enumerate(TABLES, start=10):
        extensions.monitoring_tables.register(
            extensions.MonitoringTable(key, title, build, order=order)
        )
