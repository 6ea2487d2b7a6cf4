"""The programme figure ``support_requests`` (issue 12, item 6): requests made in the
period per municipality, summed nationally; ``support_requests_closed`` likewise."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from omzien.core.extensions import municipality_figure
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, member
from omzien.monitoring.support import services
from omzien.monitoring.tests.factories_support import ask

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

NL = ZoneInfo("Europe/Amsterdam")


def at(*moment):
    return time_machine.travel(dt.datetime(*moment, tzinfo=NL), tick=False)


def test_the_figure_counts_requests_per_municipality_in_the_period():
    one, two, quiet = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    team = member(Role.PROGRAMME)
    with at(2026, 2, 10, 9):
        ask(member(Role.POLICY, one), one)
    with at(2026, 4, 1, 0, 30):  # 31 March 22:30 UTC: a day of the next period
        late = ask(member(Role.POLICY, one), one)
    with at(2026, 3, 1, 10):
        asker = member(Role.POLICY, two)
        for _ in range(3):
            ask(asker, two)
    with at(2026, 4, 2, 10):
        for action in ("assign", "start"):
            services.move(actor=team, request=late, action=action, assignee=team)
        services.move(actor=team, request=late, action="close", note="Gedaan.")

    figure = municipality_figure("support_requests")
    assert (figure.kind, figure.national) == ("count", "sum")
    q1 = (dt.date(2026, 1, 1), dt.date(2026, 4, 1))
    assert figure.compute(None, *q1) == {one.pk: 1, two.pk: 3}
    assert figure.compute([one.pk, quiet.pk], *q1) == {one.pk: 1}
    assert figure.compute(None, dt.date(2026, 4, 1), dt.date(2026, 7, 1)) == {one.pk: 1}

    closed = municipality_figure("support_requests_closed")
    assert closed.compute(None, dt.date(2026, 4, 1), dt.date(2026, 7, 1)) == {one.pk: 1}
    assert closed.compute(None, *q1) == {}
