"""The home visits' figures per municipality and their monitoring table (issue 12;
``core.extensions.municipality_figures`` and ``monitoring_tables``). Only counts leave.

* ``home_visits_done``: attempts with outcome *visited* whose time (``VisitAttempt.at``) fell
  in the period (the risk map's "visits done", without the district condition); attempts
  outlive their erased address, so erased rounds still count. One grouped query.
* ``home_visit_reach``: of the 75-plussers written to in the rounds active in the period, the
  percentage visited: visits / letters sent, "Bezocht van brieven" of the round's progress
  (``progress/tables.py``, whose ``LETTER_SENT`` and ``VISITED`` are used here; DOMAIN.md
  section 6: 14% to 26%). Visited: attempts with outcome *visited*; letters sent: addresses
  whose letter was sent. A round is active when it is running or closed (not in preparation)
  and its visiting days (``starts_on`` to ``ends_on``) overlap the period; all its letters and
  visits count, as on the progress page. The letters of an erased round come from its
  tombstone (which keeps the same counts); its attempts remain. Base: the letters sent.
  Three grouped queries (letters, tombstones, visits).
* the table ``home_visits``: per active round, the progress figures summed over the chosen
  districts (``progress.tables``: addresses, letters sent, reached, visited, declined, not home
  and still open) and the response rate: visited of letters sent (DOMAIN.md section 6: 14% to
  26% of those written to are visited). Two grouped queries per round (rounds are few).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import extensions
from omzien.core.extensions import MonitoringColumn as Column
from omzien.core.extensions import MonitoringTableData
from omzien.core.monitoring_figures import bounds, count_by_municipality, for_municipalities


def home_visits_done(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    from omzien.visits.models import Outcome, VisitAttempt

    start, end = bounds(since, until)
    done = VisitAttempt.objects.filter(outcome=Outcome.VISITED, at__gte=start, at__lt=end)
    return count_by_municipality(for_municipalities(done, municipality_ids))


def active_rounds(since: dt.date, until: dt.date):
    """Rounds running or closed whose visiting days overlap the period."""
    from omzien.visits.models import VisitRound

    return VisitRound.objects.exclude(status=VisitRound.Status.PREPARING).filter(
        starts_on__lt=until, ends_on__gte=since
    )


def _reach_counts(municipality_ids, since, until) -> dict[int, dict[str, int]]:
    """``{municipality_id: {"letters_sent": n, "visited": n}}`` over the active rounds, counted
    as the progress page's total row counts them."""
    from omzien.visits.models import RoundTombstone, VisitAddress, VisitAttempt
    from omzien.visits.progress.tables import LETTER_SENT, VISITED

    rounds = for_municipalities(active_rounds(since, until), municipality_ids)
    totals: dict[int, dict[str, int]] = defaultdict(lambda: {"letters_sent": 0, "visited": 0})
    live = rounds.filter(erased_at__isnull=True).values("pk")
    letters = VisitAddress.objects.filter(LETTER_SENT, round__in=live)
    for pk, n in count_by_municipality(letters).items():
        totals[pk]["letters_sent"] += n
    erased = RoundTombstone.objects.filter(
        round__in=rounds.filter(erased_at__isnull=False).values("pk")
    ).values_list("round__municipality_id", "counts")
    for pk, counts in erased:
        for figures in (counts or {}).get("districts", {}).values():
            totals[pk]["letters_sent"] += figures.get("letters_sent", 0)
    visits = VisitAttempt.objects.filter(VISITED, round__in=rounds.values("pk"))
    for pk, n in count_by_municipality(visits).items():
        totals[pk]["visited"] += n
    return totals


def home_visit_reach(municipality_ids, since: dt.date, until: dt.date) -> dict[int, float]:
    return {
        pk: 100 * counts["visited"] / counts["letters_sent"]
        for pk, counts in _reach_counts(municipality_ids, since, until).items()
        if counts["letters_sent"]
    }


def _reach_base(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    return {
        pk: counts["letters_sent"]
        for pk, counts in _reach_counts(municipality_ids, since, until).items()
        if counts["letters_sent"]
    }


TABLE_KEYS = ("addresses", "letters_sent", "reached", "visited", "declined", "not_home")


def _round_row(round, district_ids) -> dict:
    from omzien.visits.progress.tables import address_counts, attempt_counts

    row = {"round": round.name, **dict.fromkeys(TABLE_KEYS, 0)}
    for per_district in (address_counts(round), attempt_counts(round)):
        for district_id, counts in per_district.items():
            if district_ids is not None and district_id not in district_ids:
                continue
            for key in TABLE_KEYS:
                row[key] += counts.get(key, 0)
    sent = row["letters_sent"]
    row["response_rate"] = 100 * row["visited"] / sent if sent else None
    return row


def home_visits_table(municipality, since, until, district_ids=None) -> MonitoringTableData:
    rounds = (
        active_rounds(since, until).filter(municipality=municipality).order_by("starts_on", "pk")
    )
    chosen = None if district_ids is None else set(district_ids)
    rows = tuple(_round_row(round, chosen) for round in rounds)
    columns = (
        Column("round", _("Ronde"), "label"),
        Column("addresses", _("Adressen")),
        Column("letters_sent", _("Brieven verstuurd")),
        Column("reached", _("Bereikt aan de deur"), total=True, parts=("visited", "declined")),
        Column("visited", _("Bezocht")),
        Column("declined", _("Wil geen bezoek")),
        Column("not_home", _("Niet thuis, nog open")),
        Column(
            "response_rate",
            _("Bezocht van brieven (%)"),
            "share",
            "letters_sent",
            derived_from=("visited",),
        ),
    )
    note = _(
        "Rondes die liepen in de periode (bezoekdagen in de periode, niet in voorbereiding), "
        "met alle adressen en bezoeken van de ronde, zoals de voortgang van de ronde ze telt. "
        "Bereikt aan de deur: bezocht of wil geen bezoek. Na het wissen van de adressen tellen "
        "de bewaarde aantallen."
    )
    if district_ids is not None:
        note += _(" Alleen de gekozen wijken: adressen zonder bekende wijk tellen niet.")
    return MonitoringTableData(columns, rows, note)


def register() -> None:
    figure = extensions.MunicipalityFigure
    extensions.municipality_figures.register(
        figure("home_visits_done", gettext_lazy("Huisbezoeken gedaan"), home_visits_done,
               "count", "sum", order=30)
    )  # fmt: skip
    extensions.municipality_figures.register(
        figure("home_visit_reach", gettext_lazy("Huisbezoeken: bezocht van brieven (%)"),
               home_visit_reach, "share", base=_reach_base, order=31)
    )  # fmt: skip
    extensions.monitoring_tables.register(
        extensions.MonitoringTable(
            "home_visits", gettext_lazy("Huisbezoeken per ronde"), home_visits_table, order=30
        )
    )
