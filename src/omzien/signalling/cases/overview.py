"""Reads behind the coordinator's overview: counts per state, team and channel, the
overdue and unassigned cases. Every read starts from the scoping layer."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from omzien.core.models import Municipality, Team, User
from omzien.signalling.cases.queries import open_cases_for, overdue_q
from omzien.signalling.cases.queue import in_order
from omzien.signalling.cases.workflow import OPEN_STATES, CaseState
from omzien.signalling.models import Case, Channel, Signal


@dataclass
class TeamRow:
    team: Team | None
    open: int
    overdue: int
    unassigned: int
    urgent: int


@dataclass
class Overview:
    per_state: list[tuple[str, str, int]]
    open_total: int
    overdue: list[Case]
    overdue_total: int
    unassigned: list[Case]
    unassigned_total: int
    per_team: list[TeamRow]
    per_channel: list[tuple[str, str, int]]
    signals_this_month: int
    month_start: dt.datetime


def month_start(now: dt.datetime | None = None) -> dt.datetime:
    local = timezone.localtime(now or timezone.now())
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def overview(user: User, municipality: Municipality, *, list_size: int = 25) -> Overview:
    """Counts per state, overdue and unassigned cases, per team, signals per channel."""
    now = timezone.now()
    cases = Case.objects.visible_to(user, municipality)
    state_counts = Counter(
        dict(cases.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    )
    per_state = [(s.value, s.label, state_counts.get(s.value, 0)) for s in CaseState]
    open_ids = open_cases_for(user, municipality).values_list("pk", flat=True)
    overdue = open_ids.filter(overdue_q(now))
    unassigned = open_ids.filter(caseworker__isnull=True)

    team_rows = (
        cases.filter(state__in=OPEN_STATES)
        .values("team_id")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=overdue_q(now)),
            unassigned=Count("pk", filter=Q(caseworker__isnull=True)),
            urgent=Count("pk", filter=Q(urgent=True)),
        )
    )
    by_team = {row["team_id"]: row for row in team_rows}
    teams = list(Team.objects.visible_to(user, municipality).order_by("name"))
    per_team = []
    for team in [*teams, None]:
        row = by_team.get(team.pk if team else None)
        if row is None and team is None:
            continue
        row = row or {"open": 0, "overdue": 0, "unassigned": 0, "urgent": 0}
        per_team.append(
            TeamRow(team, row["open"], row["overdue"], row["unassigned"], row["urgent"])
        )

    start = month_start(now)
    channel_counts = dict(
        Signal.objects.visible_to(user, municipality)
        .filter(created_at__gte=start)
        .values_list("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    per_channel = [(c.value, c.label, channel_counts.get(c.value, 0)) for c in Channel]
    return Overview(
        per_state=per_state,
        open_total=sum(n for state, _label, n in per_state if state in OPEN_STATES),
        overdue=in_order(user, municipality, overdue[:list_size]),
        overdue_total=overdue.count(),
        unassigned=in_order(user, municipality, unassigned[:list_size]),
        unassigned_total=unassigned.count(),
        per_team=per_team,
        per_channel=per_channel,
        signals_this_month=sum(channel_counts.values()),
        month_start=start,
    )
