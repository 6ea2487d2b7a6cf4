"""The signalling point's figures per municipality for the benchmark's pre-fill and the
programme's national overview (issue 12; ``core.extensions.municipality_figures``). Each
``compute(municipality_ids, since, until)`` answers for all municipalities asked for (None:
all) in one grouped query (GROUP BY municipality) or, for the assessment pairs, one query of
the rows it pairs; never a query per municipality. The period is ``since`` (inclusive) to
``until`` (exclusive), dates in local time. Only numbers leave this module.

What is counted (docs/monitoring-figures.md says it in a table):

* ``signals``: signals received (``Signal.created_at`` in the period), every channel, also a
  signal whose postcode lies elsewhere or is unknown (it was sent to this municipality).
* ``signals_per_1000``: ``signals`` x 1,000 / ``Municipality.key_figures["aantal_inwoners"]``,
  for a municipality with signals in the period or whose signalling point was open before its
  end (then 0.0); none without a known number of inhabitants. Base: the signals.
* ``reached``: cases whose first contact (``Case.first_contact_at``) fell in the period, the
  risk map's "inwoners bereikt" without the district condition.
* ``contact_within_norm``: of the cases whose first contact was due in the period (their
  ``contact_deadline`` fell in it), the percentage first contacted no later than that deadline
  (``first_contact_at <= contact_deadline``). A case counts once its deadline has passed or
  it was contacted: one never reached (no ``first_contact_at``: unreachable, declined without
  contact, still waiting) counts as outside the norm; one still waiting before its deadline
  does not count yet. Cases closed as a duplicate signal are left out (the resident is
  followed up in the other case). The deadline is the municipality's own norm, set at intake
  from its ``SignallingSettings`` (``first_contact_hours``, or ``urgent_contact_hours`` for an
  urgent case; the defaults 48 and 4 hours without a row) by
  ``intake.services.contact_deadline``, and moved forward when a later urgent signal joins the
  case. So every municipality is measured against its own norm, a norm changed later does not
  re-judge earlier cases, and the figure agrees with "te laat" in the queue and the digest.
  Base: the cases due (``due_cases``).
* ``referrals_started``: referrals made (``Referral.proposed_on`` in the period), every state.
* ``assessments_before_after``: cases with a loneliness assessment before and after help,
  the pair completed in the period (``case_pairs``).
* ``score_change``: the mean change of those pairs, in percent of the instrument's range
  (scales differ: De Jong Gierveld 11 runs 0-11, the 6-item scale 0-6, UCLA-3 3-9, the direct
  question 0-4), so pairs on every instrument count; below 0 is less lonely. Base: the pairs.
* ``effective_interventions``: initiatives with a measured fall in loneliness by the rules of
  "wat werkt" (``whatworks/figures.py``): at least ``MIN_COUNT`` referral pairs on one
  instrument whose 95% interval of the mean change lies entirely below 0, over the referrals
  made in the period (``proposed_on``) whose "after" assessment was taken before its end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.monitoring_figures import bounds, count_by_municipality, for_municipalities

#: The range (highest minus lowest total) of each instrument, to compare changes across them.
SCALE_RANGE = {"djg11": 11, "djg6": 6, "ucla3": 6, "direct": 4}


def signals(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    from omzien.signalling.models import Signal

    start, end = bounds(since, until)
    received = Signal.objects.filter(created_at__gte=start, created_at__lt=end)
    return count_by_municipality(for_municipalities(received, municipality_ids))


def _inhabitants(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def signals_per_1000(municipality_ids, since: dt.date, until: dt.date) -> dict[int, float]:
    from omzien.core.models import Municipality
    from omzien.signalling.models import SignallingSettings

    counts = signals(municipality_ids, since, until)
    _start, end = bounds(since, until)
    live = for_municipalities(
        SignallingSettings.objects.filter(live_since__lt=end), municipality_ids
    ).values_list("municipality_id", flat=True)
    wanted = set(counts) | set(live)
    figures = Municipality.objects.filter(pk__in=wanted).values_list("pk", "key_figures")
    result = {}
    for pk, key_figures in figures:
        inhabitants = _inhabitants((key_figures or {}).get("aantal_inwoners"))
        if inhabitants:
            result[pk] = 1000 * counts.get(pk, 0) / inhabitants
    return result


def _contacted(municipality_ids, since, until):
    from omzien.signalling.models import Case

    start, end = bounds(since, until)
    cases = Case.objects.filter(first_contact_at__gte=start, first_contact_at__lt=end)
    return for_municipalities(cases, municipality_ids)


def reached(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    return count_by_municipality(_contacted(municipality_ids, since, until))


def due_cases(municipality_ids, since: dt.date, until: dt.date, now: dt.datetime | None = None):
    """Cases whose first contact was due in the period and can be judged at ``now`` (default
    now): the deadline has passed, or first contact was made. Duplicates left out."""
    from omzien.signalling.cases.workflow import Outcome
    from omzien.signalling.models import Case

    start, end = bounds(since, until)
    now = now or timezone.now()
    cases = (
        Case.objects.filter(contact_deadline__gte=start, contact_deadline__lt=end)
        .filter(Q(contact_deadline__lt=now) | Q(first_contact_at__isnull=False))
        .exclude(outcome=Outcome.DUPLICATE)
    )
    return for_municipalities(cases, municipality_ids)


#: Within the norm: first contact no later than the case's deadline (never reached: outside).
WITHIN_NORM = Q(first_contact_at__lte=F("contact_deadline"))


def _norm_counts(municipality_ids, since, until) -> dict[int, tuple[int, int]]:
    rows = (
        due_cases(municipality_ids, since, until)
        .values("municipality_id")
        .annotate(n=Count("pk"), within=Count("pk", filter=WITHIN_NORM))
        .order_by()
    )
    return {row["municipality_id"]: (row["n"], row["within"]) for row in rows}


def contact_within_norm(municipality_ids, since: dt.date, until: dt.date) -> dict[int, float]:
    return {
        pk: 100 * within / n
        for pk, (n, within) in _norm_counts(municipality_ids, since, until).items()
        if n
    }


def referrals_started(municipality_ids, since: dt.date, until: dt.date) -> dict[int, int]:
    from omzien.signalling.models import Referral

    made = Referral.objects.filter(proposed_on__gte=since, proposed_on__lt=until)
    return count_by_municipality(for_municipalities(made, municipality_ids))


@dataclass(frozen=True)
class Pair:
    """A case's assessment before and after help (no resident, no names)."""

    municipality_id: int
    case_id: int
    instrument: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def relative_change(self) -> float:
        return 100 * self.change / SCALE_RANGE.get(self.instrument, 1)


def case_pairs(municipality_ids, since: dt.date, until: dt.date, cases=None) -> list[Pair]:
    """Cases with an assessment before and after help, completed in the period.

    Counted assessments only (not withdrawn, with a known total: as "wat werkt"), taken
    within the case (``record_case_assessment``: context "case", ``context_id`` the case).
    *Before*: the case's first counted assessment. *After*: the first counted assessment of
    the case on the same instrument taken at least ``FOLLOW_UP_DAYS`` (42) days later, as
    "wat werkt" asks after a referral. The pair counts in the period in which *after* was
    taken. ``cases``: a queryset of cases to limit to (the monitoring table's districts).
    One query for the rows, paired here."""
    from omzien.assessment.models import Assessment
    from omzien.signalling.whatworks.figures import FOLLOW_UP_DAYS

    counted = Assessment.objects.filter(
        context=Assessment.Context.CASE,
        context_id__isnull=False,
        withdrawn_at__isnull=True,
        total__isnull=False,
    )
    counted = for_municipalities(counted, municipality_ids)
    if cases is not None:
        counted = counted.filter(context_id__in=cases.values("pk"))
    in_period = counted.filter(taken_on__gte=since, taken_on__lt=until).values("context_id")
    rows = (
        counted.filter(taken_on__lt=until, context_id__in=in_period)
        .order_by("context_id", "taken_on", "id")
        .values_list("municipality_id", "context_id", "instrument", "taken_on", "total")
    )
    by_case: dict[int, list[tuple]] = defaultdict(list)
    for row in rows:
        by_case[row[1]].append(row)
    pairs = []
    gap = dt.timedelta(days=FOLLOW_UP_DAYS)
    for case_id, measures in by_case.items():
        municipality_id, _case, instrument, first_on, first_total = measures[0]
        after = next(
            (m for m in measures[1:] if m[2] == instrument and m[3] >= first_on + gap), None
        )
        if after is not None and since <= after[3] < until:
            pairs.append(Pair(municipality_id, case_id, instrument, first_total, after[4]))
    return pairs


def assessments_before_after(municipality_ids, since: dt.date, until: dt.date):
    counts: dict[int, int] = defaultdict(int)
    for pair in case_pairs(municipality_ids, since, until):
        counts[pair.municipality_id] += 1
    return dict(counts)


def score_change(municipality_ids, since: dt.date, until: dt.date) -> dict[int, float]:
    changes: dict[int, list[float]] = defaultdict(list)
    for pair in case_pairs(municipality_ids, since, until):
        changes[pair.municipality_id].append(pair.relative_change)
    return {pk: sum(values) / len(values) for pk, values in changes.items()}


def effective_interventions(municipality_ids, since: dt.date, until: dt.date):
    """Initiatives with a measured fall in loneliness (module docstring). Two queries: the
    referrals, and the counted assessments of their residents; paired by ``referral_pair``."""
    from omzien.assessment.models import Assessment
    from omzien.signalling.models import Referral
    from omzien.signalling.whatworks.figures import MIN_COUNT, Change, Measure, referral_pair

    referrals = for_municipalities(
        Referral.objects.filter(
            proposed_on__gte=since, proposed_on__lt=until, case__resident__isnull=False
        ),
        municipality_ids,
    )
    rows = referrals.values_list(
        "municipality_id", "initiative_id", "proposed_on", "case__resident_id"
    )
    measures: dict[int, list[Measure]] = defaultdict(list)
    for resident_id, taken_on, instrument, total in (
        Assessment.objects.filter(
            withdrawn_at__isnull=True,
            total__isnull=False,
            taken_on__lt=until,
            resident_id__in=referrals.values("case__resident_id"),
        )
        .order_by("resident_id", "taken_on", "id")
        .values_list("resident_id", "taken_on", "instrument", "total")
    ):
        measures[resident_id].append(Measure(taken_on, instrument, total))
    changes: dict[tuple, list[int]] = defaultdict(list)
    for municipality_id, initiative_id, proposed_on, resident_id in rows:
        pair = referral_pair(measures.get(resident_id, []), proposed_on)
        if pair is not None:
            changes[(municipality_id, initiative_id, pair[0])].append(pair[1])
    effective: dict[int, set[int]] = defaultdict(set)
    for (municipality_id, initiative_id, _instrument), found in changes.items():
        change = Change.of(found)
        if change.n >= MIN_COUNT and change.high is not None and change.high < 0:
            effective[municipality_id].add(initiative_id)
    return {pk: len(initiatives) for pk, initiatives in effective.items()}


def _pair_base(municipality_ids, since, until) -> dict[int, int]:
    return assessments_before_after(municipality_ids, since, until)


def _due_base(municipality_ids, since, until) -> dict[int, int]:
    return {pk: n for pk, (n, _within) in _norm_counts(municipality_ids, since, until).items()}


#: (key, Dutch label, compute, kind, national, base): the contract of issue 12.
FIGURES = (
    ("signals", _("Meldingen"), signals, "count", "sum", None),
    ("signals_per_1000", _("Meldingen per 1.000 inwoners"), signals_per_1000, "rate", "", signals),
    ("reached", _("Inwoners bereikt (eerste contact)"), reached, "count", "", None),
    ("contact_within_norm", _("Eerste contact binnen de norm (%)"), contact_within_norm, "share",
     "", _due_base),
    ("referrals_started", _("Verwijzingen ingezet"), referrals_started, "count", "", None),
    ("assessments_before_after", _("Trajecten met een meting voor en na de hulp"),
     assessments_before_after, "count", "", None),
    ("score_change", _("Gemiddelde verandering van de eenzaamheidsscore (% van de schaal)"),
     score_change, "mean", "", _pair_base),
    ("effective_interventions", _("Interventies met gemeten effect"), effective_interventions,
     "count", "sum", None),
)  # fmt: skip


def register() -> None:
    for order, (key, label, compute, kind, national, base) in enumerate(FIGURES, start=20):
        extensions.municipality_figures.register(
            extensions.MunicipalityFigure(key, label, compute, kind, national, base, order)
        )
    from omzien.signalling import monitoring_tables

    monitoring_tables.register()
