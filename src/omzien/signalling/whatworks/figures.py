"""What works (issue 9, item 6): per kind of activity and per initiative, how many residents
were referred, how many started, how many were still going at the follow-up, and how their
loneliness score changed, next to residents of the same municipality who were not referred.

The rules (docs/whatworks.md says them in prose):

* A referral counts under its initiative and under every kind of activity of that
  initiative (an initiative with two kinds counts under both).
* *Started*: ``started_on`` is set. *Still going*: ``still_going`` is true at the follow-up.
* *Change* of one referral: the total score of the first counted assessment taken at least
  ``FOLLOW_UP_DAYS`` days after ``proposed_on`` minus that of the resident's latest counted
  assessment on or before ``proposed_on``, on the same instrument. Counted: not withdrawn
  (as ``assessment.queries.counted``) and with a known total (a partial one has none).
* *Comparison*: per resident, the first pair of counted assessments on the same instrument at
  least ``FOLLOW_UP_DAYS`` days apart (the first assessment, then the first one of that
  instrument that many days later) with no referral proposed from the first to the second
  date. One pair per resident; residents referred at another time count with a period
  without a referral.
* Changes are compared on one instrument (scores of different scales cannot be added): the
  one asked for, else the instrument with the most referral pairs.
* The 95% interval is mean +/- t(0.975, n - 1) * sd / sqrt(n), with the sample standard
  deviation (n - 1) and Student's t (not 1.96: the groups are small).
* A count below ``MIN_SHOWN`` is shown as "<5" and a group with fewer than ``MIN_SHOWN``
  pairs gets no average; this holds for the comparison group too (core/suppression.py).

Only figures leave this module, never a record: the figures are computed over all records of
the municipality (policy staff see no records through the scoping layer, yet may see these
aggregates), after ``require(user, "view_what_works", municipality)``.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from omzien.assessment.models import Assessment
from omzien.assessment.scales import INSTRUMENTS
from omzien.core.scoping import require
from omzien.core.suppression import MIN_SHOWN, is_suppressed, shown_count
from omzien.signalling.models import Referral
from omzien.socialmap.choices import ActivityKind

#: The name other modules import (issue 12: monitoring figures); the rule is core/suppression.py.
MIN_COUNT = MIN_SHOWN
#: "The first assessment at least 42 days after" the referral (issue 9); the comparison
#: pairs lie as far apart.
FOLLOW_UP_DAYS = 42
#: Student's t, 0.975 quantile, by degrees of freedom (above 30: the Cornish-Fisher series).
T_975 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306,
    9: 2.262, 10: 2.228, 11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120,
    17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064,
    25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048, 29: 2.045, 30: 2.042,
}  # fmt: skip
Z_975 = 1.959964


def t_975(df: int) -> float:
    """The 0.975 quantile of Student's t with ``df`` degrees of freedom."""
    if df in T_975:
        return T_975[df]
    z, v = Z_975, float(df)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
    )


@dataclass(frozen=True)
class Measure:
    """One counted assessment, as far as these figures need it."""

    taken_on: dt.date
    instrument: str
    total: int


@dataclass(frozen=True)
class Change:
    """Changes in score of a group: their number, mean and 95% interval (None below 2)."""

    n: int
    mean: float | None = None
    low: float | None = None
    high: float | None = None

    @classmethod
    def of(cls, changes: list[int]) -> Change:
        n = len(changes)
        if n < 2:
            return cls(n, float(changes[0]) if changes else None)
        mean = sum(changes) / n
        sd = math.sqrt(sum((c - mean) ** 2 for c in changes) / (n - 1))
        margin = t_975(n - 1) * sd / math.sqrt(n)
        return cls(n, mean, mean - margin, mean + margin)

    @property
    def shown(self) -> bool:
        return not is_suppressed(self.n)


@dataclass
class Tally:
    """The referrals of one group (a kind of activity or an initiative)."""

    key: str
    label: str
    referrals: int = 0
    started: int = 0
    still_going: int = 0
    changes: list[int] = field(default_factory=list)

    def add(self, referral: Referral, change: int | None) -> None:
        self.referrals += 1
        self.started += referral.started_on is not None
        self.still_going += referral.still_going is True
        if change is not None:
            self.changes.append(change)

    @property
    def change(self) -> Change:
        return Change.of(self.changes)

    def cells(self) -> list[str]:
        """The row as shown on the page and in the CSV: suppressed below ``MIN_SHOWN``."""
        return [
            shown_count(self.referrals),
            shown_count(self.started),
            shown_count(self.still_going),
            *change_cells(self.change),
        ]


@dataclass(frozen=True)
class WhatWorks:
    instrument: str
    instruments: list[str]
    by_kind: list[Tally]
    by_initiative: list[Tally]
    comparison: Change

    @property
    def instrument_name(self) -> str:
        return INSTRUMENTS[self.instrument].name

    def comparison_cells(self) -> list[str]:
        return ["", "", "", *change_cells(self.comparison)]


def decimal(value: float) -> str:
    """One decimal with a Dutch decimal comma; a minus for a fall in loneliness."""
    text = f"{value:.1f}".replace(".", ",")
    return "0,0" if text == "-0,0" else text


def change_cells(change: Change) -> list[str]:
    """Pairs, mean change, interval low and high; no averages below ``MIN_SHOWN`` pairs."""
    if not change.shown:
        return [shown_count(change.n), "", "", ""]
    return [str(change.n), decimal(change.mean), decimal(change.low), decimal(change.high)]


def _measures(municipality) -> dict[int, list[Measure]]:
    """Every counted assessment of the municipality per resident, oldest first."""
    rows = (
        Assessment.objects.filter(
            municipality=municipality, withdrawn_at__isnull=True, total__isnull=False
        )
        .order_by("resident_id", "taken_on", "id")
        .values_list("resident_id", "taken_on", "instrument", "total")
    )
    measures: dict[int, list[Measure]] = defaultdict(list)
    for resident_id, taken_on, instrument, total in rows:
        measures[resident_id].append(Measure(taken_on, instrument, total))
    return measures


def _after(measures: list[Measure], since: dt.date, instrument: str) -> Measure | None:
    """The first measure on ``instrument`` taken at least ``FOLLOW_UP_DAYS`` after ``since``."""
    due = since + dt.timedelta(days=FOLLOW_UP_DAYS)
    start = bisect_left([m.taken_on for m in measures], due)
    return next((m for m in measures[start:] if m.instrument == instrument), None)


def referral_pair(measures: list[Measure], proposed_on: dt.date) -> tuple[str, int] | None:
    """(instrument, change) of a referral, or None without an assessment before and after."""
    before = [m for m in measures if m.taken_on <= proposed_on]
    if not before:
        return None
    after = _after(measures, proposed_on, before[-1].instrument)
    if after is None:
        return None
    return before[-1].instrument, after.total - before[-1].total


def comparison_pair(measures: list[Measure], referred_on: list[dt.date]):
    """(instrument, change) of the resident's first period without a referral, or None."""
    for first in measures:
        second = _after(measures, first.taken_on, first.instrument)
        if second is None:
            continue
        if any(first.taken_on <= day <= second.taken_on for day in referred_on):
            continue
        return first.instrument, second.total - first.total
    return None


def _chosen(asked: str | None, referral_pairs: list, comparison_pairs: list) -> str:
    """The instrument asked for, else the one with most referral pairs (then comparison
    pairs), ties in the order of ``INSTRUMENTS``; De Jong Gierveld 11 without any pair."""
    if asked in INSTRUMENTS:
        return asked
    for pairs in (referral_pairs, comparison_pairs):
        counts = Counter(instrument for instrument, _change in pairs)
        if counts:
            order = list(INSTRUMENTS)
            return max(counts, key=lambda key: (counts[key], -order.index(key)))
    return "djg11"


def what_works(user, municipality, instrument: str | None = None) -> WhatWorks:
    """The figures of the page and the CSV (see the module docstring)."""
    require(user, "view_what_works", municipality)
    measures = _measures(municipality)
    referrals = list(
        Referral.objects.filter(municipality=municipality)
        .select_related("initiative", "case")
        .order_by("proposed_on", "pk")
    )
    referred_on: dict[int, list[dt.date]] = defaultdict(list)
    pairs = {}
    for referral in referrals:
        resident_id = referral.case.resident_id
        if resident_id is not None:
            referred_on[resident_id].append(referral.proposed_on)
            pairs[referral.pk] = referral_pair(measures[resident_id], referral.proposed_on)
    comparison = [comparison_pair(m, referred_on.get(r, [])) for r, m in measures.items()]
    comparison = [pair for pair in comparison if pair is not None]
    chosen = _chosen(instrument, [p for p in pairs.values() if p], comparison)
    used_instruments = {p[0] for p in pairs.values() if p} | {p[0] for p in comparison}
    by_kind = {kind: Tally(kind, str(label)) for kind, label in ActivityKind.choices}
    by_initiative: dict[int, Tally] = {}
    for referral in referrals:
        pair = pairs.get(referral.pk)
        change = pair[1] if pair and pair[0] == chosen else None
        initiative = referral.initiative
        tally = by_initiative.setdefault(initiative.pk, Tally(str(initiative.pk), initiative.name))
        tally.add(referral, change)
        for kind in dict.fromkeys(initiative.kinds):
            if kind in by_kind:
                by_kind[kind].add(referral, change)
    return WhatWorks(
        instrument=chosen,
        instruments=[i for i in INSTRUMENTS if i == chosen or i in used_instruments],
        by_kind=list(by_kind.values()),
        by_initiative=sorted(by_initiative.values(), key=lambda t: (t.label.lower(), t.key)),
        comparison=Change.of([change for used, change in comparison if used == chosen]),
    )


def csv_header() -> list[str]:
    return [
        _("Groep"),
        _("Naam"),
        _("Verwezen"),
        _("Begonnen"),
        _("Gaat nog bij opvolgen"),
        _("Met meting voor en na"),
        _("Gemiddelde verandering"),
        _("95%-interval van"),
        _("95%-interval tot"),
    ]


def csv_rows(figures: WhatWorks) -> list[list[str]]:
    """The rows of the CSV export, with the same suppression as the page."""
    rows = [[_("Soort activiteit"), t.label, *t.cells()] for t in figures.by_kind]
    rows += [[_("Initiatief"), t.label, *t.cells()] for t in figures.by_initiative]
    rows.append([_("Niet verwezen (vergelijking)"), "", *figures.comparison_cells()])
    return rows
