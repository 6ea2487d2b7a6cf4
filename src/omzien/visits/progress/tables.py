"""Progress of a round per district (issue 11, item 6): the figures and how they are shown.

Per district of the round (and a total):

* from the addresses: *addresses*, *objections* and *deceased* (their status), *letters sent*
  (``letter_sent_at`` set), *reached* (at least one attempt where someone came to the door:
  visited or declined) and *not home* (at least one "not home" and no attempt with another
  outcome yet: still open);
* from the attempts, which outlive their address: *visited*, *declined*, *moved or deceased*
  (found at the door), and the follow-ups of the visits (from their reports): none, another
  conversation, an activity, help with consent (passed on as a signal) and help without
  consent;
* the response rates: visited / letters sent and visited / addresses.

Two aggregate queries for the whole round (GROUP BY district), never one per address. Once
the round's addresses are erased (``visits.privacy.retention``), the address figures come from
the round's tombstone, which holds exactly these counts per district; the attempt figures
still come from the attempts. So progress reads the same before and after erasure.

Only counts leave this module. Policy staff see counts below ``MIN_SHOWN`` as "<5" (0
included, as everywhere in Omzien: core/suppression.py) and no rate whose count is hidden; the
coordinator sees exact counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import suppression
from omzien.core.models import District
from omzien.core.suppression import is_suppressed
from omzien.visits.models import FollowUp, Outcome, VisitAddress, VisitAttempt, VisitRound

#: The tombstone's key for addresses without a district (JSON keys are strings).
NO_DISTRICT = "none"

ADDRESS_KEYS = ("addresses", "objections", "deceased", "letters_sent", "reached", "not_home")
ATTEMPT_KEYS = (
    "visited", "declined", "moved_or_deceased",
    "follow_none", "follow_conversation", "follow_activity", "help_consent", "help_no_consent",
)  # fmt: skip

#: The columns in order: (key, Dutch title). ``rate_letters`` and ``rate_addresses`` are
#: percentages, the rest counts.
COLUMNS = (
    ("addresses", gettext_lazy("Adressen")),
    ("objections", gettext_lazy("Bezwaar")),
    ("deceased", gettext_lazy("Overleden (lijst)")),
    ("letters_sent", gettext_lazy("Brieven verstuurd")),
    ("reached", gettext_lazy("Bereikt aan de deur")),
    ("visited", gettext_lazy("Bezocht")),
    ("declined", gettext_lazy("Wil geen bezoek")),
    ("not_home", gettext_lazy("Niet thuis, nog open")),
    ("moved_or_deceased", gettext_lazy("Verhuisd of overleden (aan de deur)")),
    ("rate_letters", gettext_lazy("Bezocht van brieven")),
    ("rate_addresses", gettext_lazy("Bezocht van adressen")),
    ("follow_none", gettext_lazy("Vervolg: niets nodig")),
    ("follow_conversation", gettext_lazy("Vervolg: nog een gesprek")),
    ("follow_activity", gettext_lazy("Vervolg: een activiteit")),
    ("help_consent", gettext_lazy("Hulp, met toestemming (melding)")),
    ("help_no_consent", gettext_lazy("Hulp, zonder toestemming")),
)
RATES = {"rate_letters": "letters_sent", "rate_addresses": "addresses"}
#: The two counts of "Bezocht van brieven", one definition for this page and the monitoring
#: figure ``home_visit_reach`` (visits/monitoring_figures.py): addresses whose letter was sent,
#: and attempts with outcome visited.
LETTER_SENT = Q(letter_sent_at__isnull=False)
VISITED = Q(outcome=Outcome.VISITED)


def shown_count(n: int, exact: bool) -> str:
    """A count as shown: exact for the coordinator, "<5" below ``MIN_SHOWN`` for others."""
    return str(n) if exact else suppression.shown_count(n)


def percent(numerator: int, denominator: int) -> str:
    """ "12,5%" (Dutch decimal comma); "–" without a denominator."""
    if not denominator:
        return "–"
    return f"{100 * numerator / denominator:.1f}%".replace(".", ",")


@dataclass(frozen=True)
class Row:
    """The figures of one district (``district_id`` None: no known district; the total row
    has ``total`` set)."""

    district_id: int | None
    name: str
    counts: dict[str, int]
    total: bool = False
    #: Columns whose total is not shown to policy staff: some district of the column shows
    #: "<5", and the total minus the shown districts would give its count away.
    masked: frozenset[str] = frozenset()

    def count(self, key: str) -> int:
        return self.counts.get(key, 0)

    def cell(self, key: str, exact: bool) -> str:
        if not exact and (
            key in self.masked
            or RATES.get(key) in self.masked
            or (key in RATES and "visited" in self.masked)
        ):
            return "–"
        if key in RATES:
            visited, base = self.count("visited"), self.count(RATES[key])
            if not exact and (is_suppressed(visited) or is_suppressed(base)):
                return "–"
            return percent(visited, base)
        return shown_count(self.count(key), exact)

    def cells(self, exact: bool) -> list[str]:
        return [self.cell(key, exact) for key, _label in COLUMNS]


@dataclass(frozen=True)
class Progress:
    round: VisitRound
    rows: list[Row]
    total: Row
    exact: bool

    @property
    def erased(self) -> bool:
        return self.round.erased_at is not None

    def headers(self) -> list[str]:
        return [str(label) for _key, label in COLUMNS]

    def table(self) -> list[tuple[Row, list[str]]]:
        return [(row, row.cells(self.exact)) for row in [*self.rows, self.total]]


def _grouped(rows, key: str = "district_id") -> dict[int | None, dict[str, int]]:
    return {row.pop(key): row for row in rows}


def live_address_counts(round: VisitRound) -> dict[int | None, dict[str, int]]:
    """The address figures per district from the addresses (one query)."""
    attempts = VisitAttempt.objects.filter(address=OuterRef("pk"))
    at_door = Exists(attempts.filter(outcome__in=[Outcome.VISITED, Outcome.DECLINED]))
    not_home = Exists(attempts.filter(outcome=Outcome.NOT_HOME))
    other = Exists(attempts.exclude(outcome=Outcome.NOT_HOME))
    status = VisitAddress.Status
    rows = (
        VisitAddress.objects.filter(round=round)
        .values("district_id")
        .annotate(
            addresses=Count("pk"),
            objections=Count("pk", filter=Q(status=status.OBJECTION)),
            deceased=Count("pk", filter=Q(status=status.DECEASED)),
            letters_sent=Count("pk", filter=LETTER_SENT),
            reached=Count("pk", filter=Q(at_door)),
            not_home=Count("pk", filter=Q(not_home) & ~Q(other) & Q(status=status.TO_VISIT)),
        )
        .order_by()
    )
    return _grouped(rows)


def attempt_counts(round: VisitRound) -> dict[int | None, dict[str, int]]:
    """The attempt figures and follow-ups per district (one query; attempts keep their
    district when their address is erased)."""
    visited = VISITED
    help_ = visited & Q(report__follow_up=FollowUp.HELP)
    rows = (
        VisitAttempt.objects.filter(round=round)
        .values("district_id")
        .annotate(
            visited=Count("pk", filter=visited),
            declined=Count("pk", filter=Q(outcome=Outcome.DECLINED)),
            moved_or_deceased=Count("pk", filter=Q(outcome__in=[Outcome.MOVED, Outcome.DECEASED])),
            follow_none=Count("pk", filter=visited & Q(report__follow_up=FollowUp.NONE)),
            follow_conversation=Count(
                "pk", filter=visited & Q(report__follow_up=FollowUp.CONVERSATION)
            ),
            follow_activity=Count("pk", filter=visited & Q(report__follow_up=FollowUp.ACTIVITY)),
            help_consent=Count("pk", filter=help_ & Q(report__consent=True)),
            help_no_consent=Count("pk", filter=help_ & Q(report__consent=False)),
        )
        .order_by()
    )
    return _grouped(rows)


def address_counts(round: VisitRound) -> dict[int | None, dict[str, int]]:
    """The address figures per district: live, or from the tombstone once erased."""
    if round.erased_at is None:
        return live_address_counts(round)
    tombstone = getattr(round, "tombstone", None)
    stored = tombstone.counts.get("districts", {}) if tombstone else {}
    return {
        None if key == NO_DISTRICT else int(key): {k: figures.get(k, 0) for k in ADDRESS_KEYS}
        for key, figures in stored.items()
    }


def _names(round: VisitRound, district_ids) -> dict[int, str]:
    chosen = set(round.districts.values_list("pk", flat=True))
    if not chosen:  # the whole municipality
        chosen = set(round.municipality.districts.values_list("pk", flat=True))
    ids = chosen | {d for d in district_ids if d is not None}
    return dict(District.objects.filter(pk__in=ids).order_by("name").values_list("pk", "name"))


def _merge(per_district: dict, known: dict[int, str]) -> dict[int | None, dict[str, int]]:
    """Counts of a district that no longer exists join those without a district."""
    merged: dict[int | None, dict[str, int]] = {}
    for district_id, counts in per_district.items():
        key = district_id if district_id in known else None
        into = merged.setdefault(key, {})
        for name, n in counts.items():
            into[name] = into.get(name, 0) + n
    return merged


def progress(round: VisitRound, *, exact: bool) -> Progress:
    """The progress table of ``round``: one row per district of the round (or of the
    municipality when the round covers all of it), a row for addresses without a district if
    there are any, and the total."""
    raw_address, raw_attempt = address_counts(round), attempt_counts(round)
    names = _names(round, {*raw_address, *raw_attempt})
    by_address, by_attempt = _merge(raw_address, names), _merge(raw_attempt, names)
    rows = []
    for district_id, name in sorted(names.items(), key=lambda item: item[1]):
        counts = {**by_address.get(district_id, {}), **by_attempt.get(district_id, {})}
        rows.append(Row(district_id, name, counts))
    if None in by_address or None in by_attempt:
        counts = {**by_address.get(None, {}), **by_attempt.get(None, {})}
        rows.append(Row(None, _("Wijk onbekend"), counts))
    keys = ADDRESS_KEYS + ATTEMPT_KEYS
    total = {key: sum(row.count(key) for row in rows) for key in keys}
    masked = frozenset(k for k in keys if any(is_suppressed(row.count(k)) for row in rows))
    return Progress(round, rows, Row(None, _("Totaal"), total, total=True, masked=masked), exact)
