"""Planning: a proposed date and time for every assigned address that has none yet.

The rule (docs/visits-letters.md): per volunteer, the addresses in walking order (postcode,
house number, letter, addition) get the free slots of the round's period one after another:
working days (Monday to Friday) at the municipality's slot times, from today plus the lead
days (never before the round's first day), at most ``visits_per_week`` per ISO week and at most
``ceil(visits_per_week / 5)`` per day, so that the visits spread over the week. A time already
proposed is never moved and counts against the volunteer's week, also in other rounds. A
volunteer who may not visit (training, VOG: ``Volunteer.may_visit``) gets nothing, and none
after the day their VOG expires. Addresses that do not fit stay without a time.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.scoping import require
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
from omzien.visits.settings import settings_of

WALKING_ORDER = ("postcode", "house_number", "house_letter", "addition", "pk")
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def parse_slot_times(text: str) -> list[dt.time]:
    """'10:00, 14:00' -> [10:00, 14:00], sorted, without doubles; ValueError in Dutch."""
    times = set()
    for part in re.split(r"[,;\s]+", text.strip()):
        if not part:
            continue
        match = _TIME.match(part)
        if match is None:
            raise ValueError(
                _("Dit is geen tijd: %(part)s. Schrijf tijden als 10:00, 14:00.") % {"part": part}
            )
        times.add(dt.time(int(match.group(1)), int(match.group(2))))
    if not times:
        raise ValueError(_("Vul minstens één tijd in, zoals 10:00."))
    return sorted(times)


@dataclass(frozen=True)
class PlanResult:
    planned: int
    not_fitting: int
    volunteer_may_not_visit: int
    without_volunteer: int


def first_day(round: VisitRound, lead_days: int, today: dt.date) -> dt.date:
    return max(round.starts_on, today + dt.timedelta(days=lead_days))


class Slot(NamedTuple):
    at: dt.datetime  # aware
    day: dt.date  # local
    week: tuple[int, int]  # ISO year and week


def candidate_slots(first: dt.date, last: dt.date, times: list[dt.time]) -> list[Slot]:
    """Every slot on a working day from ``first`` to ``last``, in time order."""
    slots, day = [], first
    while day <= last:
        if day.weekday() < 5:
            week = tuple(day.isocalendar()[:2])
            slots += [
                Slot(timezone.make_aware(dt.datetime.combine(day, at)), day, week) for at in times
            ]
        day += dt.timedelta(days=1)
    return slots


class _Calendar:
    """One volunteer's taken slots, visits per week and per day."""

    def __init__(self, volunteer: Volunteer, taken: list[dt.datetime]) -> None:
        self.per_week = volunteer.visits_per_week
        self.per_day = max(1, math.ceil(self.per_week / 5))
        self.taken = set(taken)
        local = [timezone.localtime(at) for at in taken]
        self.weeks = Counter(tuple(at.isocalendar()[:2]) for at in local)
        self.days = Counter(at.date() for at in local)

    def free(self, slot: Slot) -> bool:
        return (
            slot.at not in self.taken
            and self.weeks[slot.week] < self.per_week
            and self.days[slot.day] < self.per_day
        )

    def take(self, slot: Slot) -> None:
        self.taken.add(slot.at)
        self.weeks[slot.week] += 1
        self.days[slot.day] += 1


def _taken_slots(municipality, volunteer_ids, since: dt.datetime) -> dict[int, list]:
    taken: dict[int, list] = defaultdict(list)
    rows = VisitAddress.objects.filter(
        municipality=municipality,
        volunteer_id__in=volunteer_ids,
        status=VisitAddress.Status.TO_VISIT,
        proposed_at__gte=since,
    ).values_list("volunteer_id", "proposed_at")
    for volunteer_id, at in rows:
        taken[volunteer_id].append(at)
    return taken


def _plan_one(volunteer, ids: list[int], calendar: _Calendar, slots, now) -> dict[int, Slot]:
    """Give the addresses ``ids`` (walking order) the volunteer's first free slots."""
    planned: dict[int, Slot] = {}
    queue = iter(ids)
    current = next(queue, None)
    last_day = volunteer.vog_valid_until
    for slot in slots:
        if current is None or (last_day and slot.day > last_day):
            break
        if slot.at > now and calendar.free(slot):
            calendar.take(slot)
            planned[current] = slot
            current = next(queue, None)
    return planned


def _store(planned: dict[int, Slot]) -> None:
    """One UPDATE per slot time (many volunteers share a slot): far fewer statements than
    ``bulk_update``'s CASE per row."""
    by_time: dict[dt.datetime, list[int]] = defaultdict(list)
    for pk, slot in planned.items():
        by_time[slot.at].append(pk)
    for at, ids in by_time.items():
        for start in range(0, len(ids), 1000):
            VisitAddress.objects.filter(pk__in=ids[start : start + 1000]).update(proposed_at=at)


@transaction.atomic
def plan_round(actor, round: VisitRound) -> PlanResult:
    """Propose a time for every assigned to-visit address of ``round`` without one."""
    require(actor, "manage_visit_rounds", round)
    locked = VisitRound.objects.select_for_update().get(pk=round.pk)
    if locked.status == VisitRound.Status.CLOSED:
        raise ValidationError(_("Een gesloten ronde wordt niet meer gepland."))
    settings = settings_of(locked.municipality)
    times = parse_slot_times(settings.visit_slot_times)
    today, now = timezone.localdate(), timezone.now()
    first = first_day(locked, settings.letter_lead_days, today)
    open_addresses = locked.addresses.filter(
        status=VisitAddress.Status.TO_VISIT, proposed_at__isnull=True
    )
    waiting: dict[int, list[int]] = defaultdict(list)
    rows = open_addresses.filter(volunteer__isnull=False).order_by(*WALKING_ORDER)
    for pk, volunteer_id in rows.values_list("pk", "volunteer_id"):
        waiting[volunteer_id].append(pk)
    volunteers = Volunteer.objects.filter(municipality=locked.municipality, pk__in=waiting)
    taken = _taken_slots(locked.municipality, list(waiting), now)
    slots = candidate_slots(first, locked.ends_on, times)
    planned: dict[int, Slot] = {}
    barred = 0
    for volunteer in volunteers:
        if not volunteer.may_visit(first):
            barred += len(waiting[volunteer.pk])
            continue
        calendar = _Calendar(volunteer, taken[volunteer.pk])
        planned.update(_plan_one(volunteer, waiting[volunteer.pk], calendar, slots, now))
    _store(planned)
    result = PlanResult(
        planned=len(planned),
        not_fitting=sum(map(len, waiting.values())) - len(planned) - barred,
        volunteer_may_not_visit=barred,
        without_volunteer=open_addresses.filter(volunteer__isnull=True).count(),
    )
    audit.record(
        "visit_letters_planned",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        planned=result.planned,
        not_fitting=result.not_fitting,
    )
    return result
