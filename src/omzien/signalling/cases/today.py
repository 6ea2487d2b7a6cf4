"""Today's work on the start page (issue 8): what a caseworker has to do today, and what
the coordinator watches. Every read starts from the scoping layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from omzien.core.models import Municipality, User
from omzien.core.scoping import can, roles_in
from omzien.signalling.cases.overview import overview
from omzien.signalling.cases.queries import open_cases_for, overdue_q
from omzien.signalling.cases.queue import in_order, my_team_ids
from omzien.signalling.cases.workflow import CaseState
from omzien.signalling.models import Case, Channel, Signal
from omzien.signalling.referrals.queries import my_due_referrals
from omzien.signalling.settings import settings_of

#: How many cases each list on the start page shows (the queue has the rest).
LIST_SIZE = 8
#: Weeks in the coordinator's trend of signals.
TREND_WEEKS = 8


def end_of_today(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    return local.replace(hour=23, minute=59, second=59, microsecond=0)


@dataclass
class CaseworkerDay:
    due_today: list[Case]
    overdue: list[Case]
    follow_up: list[Case]
    follow_up_days: int
    new_in_team: list[Case]
    new_in_team_total: int
    referrals_due: list = field(default_factory=list)


def caseworker_day(user: User, municipality: Municipality, now=None) -> CaseworkerDay:
    now = now or timezone.now()
    mine = open_cases_for(user, municipality).filter(caseworker=user)
    waiting = mine.filter(first_contact_at__isnull=True)
    overdue = waiting.filter(overdue_q(now)).values_list("pk", flat=True)
    due_today = waiting.filter(
        contact_deadline__gte=now, contact_deadline__lte=end_of_today(now)
    ).values_list("pk", flat=True)
    days = settings_of(municipality).follow_up_days
    follow_up = (
        mine.filter(
            state__in=[CaseState.IN_PROGRESS, CaseState.REFERRED],
            updated_at__lte=now - dt.timedelta(days=days),
        )
        .order_by("updated_at", "pk")
        .values_list("pk", flat=True)
    )
    new = open_cases_for(user, municipality).filter(
        caseworker__isnull=True, team_id__in=my_team_ids(user, municipality)
    )
    return CaseworkerDay(
        due_today=in_order(user, municipality, due_today[:LIST_SIZE]),
        overdue=in_order(user, municipality, overdue[:LIST_SIZE]),
        follow_up=in_order(user, municipality, follow_up[:LIST_SIZE]),
        follow_up_days=days,
        new_in_team=in_order(user, municipality, new.values_list("pk", flat=True)[:LIST_SIZE]),
        new_in_team_total=new.count(),
        referrals_due=my_due_referrals(user, municipality, timezone.localdate(now), LIST_SIZE),
    )


@dataclass
class Caseload:
    name: str
    open: int
    overdue: int
    urgent: int


def caseloads(user: User, municipality: Municipality, now=None) -> list[Caseload]:
    """Open, overdue and urgent cases per caseworker (the unassigned ones as one row)."""
    now = now or timezone.now()
    rows = (
        open_cases_for(user, municipality)
        .order_by()
        .values("caseworker_id", "caseworker__first_name", "caseworker__last_name")
        .annotate(
            n=Count("pk"),
            late=Count("pk", filter=overdue_q(now)),
            hot=Count("pk", filter=Q(urgent=True)),
        )
    )
    loads = []
    for row in rows:
        name = f"{row['caseworker__first_name']} {row['caseworker__last_name']}".strip()
        if row["caseworker_id"] is None:
            continue
        loads.append(Caseload(name or "?", row["n"], row["late"], row["hot"]))
    return sorted(loads, key=lambda load: (-load.open, load.name))


def week_start(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    monday = local - dt.timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def signal_trend(user: User, municipality: Municipality, now=None) -> dict:
    """Signals this week per channel, and per week over the last weeks (a small bar chart)."""
    now = now or timezone.now()
    this_week = week_start(now)
    first = this_week - dt.timedelta(weeks=TREND_WEEKS - 1)
    signals = Signal.objects.visible_to(user, municipality).filter(created_at__gte=first)
    times = list(signals.values_list("created_at", "channel"))
    weeks = [0] * TREND_WEEKS
    per_channel: dict[str, int] = {}
    for created_at, channel in times:
        index = (week_start(created_at) - first).days // 7
        if 0 <= index < TREND_WEEKS:
            weeks[index] += 1
        if created_at >= this_week:
            per_channel[channel] = per_channel.get(channel, 0) + 1
    top = max(weeks) or 1
    bars = [
        {
            "start": first + dt.timedelta(weeks=i),
            "count": n,
            "x": 8 + i * 36,
            "height": round(70 * n / top),
            "y": 80 - round(70 * n / top),
        }
        for i, n in enumerate(weeks)
    ]
    channels = [(c.label, per_channel[c.value]) for c in Channel if per_channel.get(c.value)]
    return {
        "this_week": sum(per_channel.values()),
        "per_channel": channels,
        "bars": bars,
        "width": 8 + TREND_WEEKS * 36,
    }


def caseworker_panel(request, municipality):
    """The caseworker's start panel; None for someone who is not a caseworker here."""
    if "caseworker" not in roles_in(request.user, municipality):
        return None
    day = caseworker_day(request.user, municipality)
    return "signalling/staff/_start_caseworker.html", {
        "day": day,
        "municipality": municipality,
        "own_teams": set(my_team_ids(request.user, municipality)),
    }


def coordinator_panel(request, municipality):
    """The coordinator's start panel (who may assign cases)."""
    user = request.user
    if not can(user, "assign_case", municipality):
        return None
    now = timezone.now()
    picture = overview(user, municipality, list_size=LIST_SIZE)
    urgent = open_cases_for(user, municipality).filter(urgent=True).count()
    return "signalling/staff/_start_coordinator.html", {
        "municipality": municipality,
        "picture": picture,
        "urgent": urgent,
        "caseloads": caseloads(user, municipality, now),
        "trend": signal_trend(user, municipality, now),
    }
