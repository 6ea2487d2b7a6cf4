"""The district report for the neighbourhood network (issue 11, item 6): what the volunteers
heard in one district of one round, aggregated over the reports of its visits.

* *Contacts*: wants more contact (answered yes), no one to talk to, to go out with, for odd
  jobs (answered no); each of those who answered the question.
* *Barriers* and *activities wished* (by kind of activity): how many named each.
* *Life satisfaction* (1-10): the median and the share below 6.
* *Lonely* on the 6-item De Jong Gierveld scale: the share of those with a score.
* *Follow-ups* by kind.

Every count below ``MIN_SHOWN`` is shown as "<5" to everyone (0 included), a share only
where its count is shown, a median only over at least ``MIN_SHOWN`` answers; a district with
fewer than ``MIN_SHOWN`` visits gets no figures at all, only that sentence. The reports are
read in one query of their answers (never a name, address or phone number) and counted here.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from omzien.core.suppression import FEW, is_suppressed
from omzien.signalling.models import Barrier
from omzien.socialmap.choices import ActivityKind
from omzien.visits.models import FollowUp, VisitReport, VisitRound
from omzien.visits.progress.tables import percent

ANSWERS = (
    "wants_more_contact", "someone_to_talk", "someone_to_accompany", "someone_for_jobs",
    "barriers", "wants_activities", "life_satisfaction", "is_lonely", "follow_up",
)  # fmt: skip
#: (field, the answer counted, Dutch line)
CONTACT_LINES = (
    ("wants_more_contact", "yes", "Wil meer contact"),
    ("someone_to_talk", "no", "Heeft niemand om mee te praten"),
    ("someone_to_accompany", "no", "Heeft niemand om mee op pad te gaan"),
    ("someone_for_jobs", "no", "Heeft niemand voor klusjes"),
)


@dataclass(frozen=True)
class Line:
    """One figure as shown: the label, the count (or "<5") and its share of ``of``."""

    label: str
    shown: str
    share: str = ""


def line(label: str, n: int, of: int | None = None) -> Line:
    if is_suppressed(n):
        return Line(label, FEW)
    return Line(label, str(n), percent(n, of) if of else "")


@dataclass(frozen=True)
class DistrictReport:
    visits: int
    enough: bool
    contacts: list[Line] = field(default_factory=list)
    barriers: list[Line] = field(default_factory=list)
    wishes: list[Line] = field(default_factory=list)
    satisfaction: list[Line] = field(default_factory=list)
    lonely: list[Line] = field(default_factory=list)
    follow_ups: list[Line] = field(default_factory=list)

    @property
    def wellbeing(self) -> list[Line]:
        return [*self.satisfaction, *self.lonely]

    @property
    def visits_shown(self) -> str:
        return str(self.visits) if self.enough else FEW


def _contacts(answers: list[dict]) -> list[Line]:
    lines = []
    for name, counted, label in CONTACT_LINES:
        given = [a[name] for a in answers if a[name] in ("yes", "no")]
        lines.append(line(_(label), given.count(counted), len(given)))
    return lines


def _named(answers: list[dict], key: str, choices) -> list[Line]:
    """How many named each choice (a list field), in the order of the choices; codes that
    are no choice (any more) count under their code."""
    counts = Counter(code for a in answers for code in set(a[key] or ()))
    labels = dict(choices)
    order = [*labels, *sorted(set(counts) - set(labels))]
    return [line(str(labels.get(code, code)), counts[code], len(answers)) for code in order]


def _satisfaction(answers: list[dict]) -> list[Line]:
    marks = [a["life_satisfaction"] for a in answers if a["life_satisfaction"] is not None]
    median = Line(_("Mediaan rapportcijfer"), f"{FEW} " + _("antwoorden"))
    if not is_suppressed(len(marks)):
        median = Line(_("Mediaan rapportcijfer"), f"{statistics.median(marks):g}".replace(".", ","))
    below = sum(1 for mark in marks if mark < 6)
    return [median, line(_("Rapportcijfer onder de 6"), below, len(marks))]


def _lonely(answers: list[dict]) -> list[Line]:
    scored = [a["is_lonely"] for a in answers if a["is_lonely"] is not None]
    return [line(_("Eenzaam volgens de 6 vragen van De Jong Gierveld"), sum(scored), len(scored))]


def _follow_ups(answers: list[dict]) -> list[Line]:
    counts = Counter(a["follow_up"] for a in answers)
    return [line(str(label), counts[code], len(answers)) for code, label in FollowUp.choices]


def district_report(round: VisitRound, district) -> DistrictReport:
    """The report of ``district`` in ``round``: the reports of visits done there."""
    answers = list(
        VisitReport.objects.filter(
            attempt__round=round, attempt__district=district, municipality=round.municipality
        ).values(*ANSWERS)
    )
    if is_suppressed(len(answers)):
        return DistrictReport(visits=len(answers), enough=False)
    return DistrictReport(
        visits=len(answers),
        enough=True,
        contacts=_contacts(answers),
        barriers=_named(answers, "barriers", Barrier.choices),
        wishes=_named(answers, "wants_activities", ActivityKind.choices),
        satisfaction=_satisfaction(answers),
        lonely=_lonely(answers),
        follow_ups=_follow_ups(answers),
    )
