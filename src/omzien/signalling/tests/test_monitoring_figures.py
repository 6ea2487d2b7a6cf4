"""The signalling point's figures per municipality and monitoring tables (issue 12): each
equals a count made here over records of two municipalities, in and out of the period, and the
tables honour the district filter."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from omzien.assessment.models import Assessment
from omzien.assessment.scales import INSTRUMENTS
from omzien.core.extensions import municipality_figure
from omzien.core.models import Municipality
from omzien.core.tests.factories import MunicipalityFactory, OrganisationFactory, ResidentFactory
from omzien.signalling import monitoring_figures as figures
from omzien.signalling import monitoring_tables as tables
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.models import Case, Channel, Referral, Signal, SignallingSettings
from omzien.signalling.tests.factories import file_signal
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

AMS = ZoneInfo("Europe/Amsterdam")
D = dt.date
SINCE, UNTIL = D(2026, 1, 1), D(2026, 7, 1)
CRISIS = "Ze zei dat ze niet meer wil leven."


def when(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=AMS)


def case(municipality, *, created=D(2026, 2, 1), district=None, **fields) -> Case:
    values = {"created_at": when(created), "contact_deadline": when(created) + dt.timedelta(2)}
    return Case.objects.create(
        municipality=municipality, district=district, resident=ResidentFactory(
            municipality=municipality, name="Geheime Naam"), **{**values, **fields},
    )  # fmt: skip


def signal(municipality, day, channel=Channel.PUBLIC_FORM, district=None) -> Signal:
    return Signal.objects.create(
        municipality=municipality, case=case(municipality, district=district), channel=channel,
        postcode="9999ZZ", house_number="1", created_at=when(day), district=district,
    )  # fmt: skip


@pytest.fixture
def two(small_municipality):
    """Proefdorp (with districts) and another municipality."""
    return small_municipality, MunicipalityFactory()


def test_signals_are_counted_per_municipality_in_the_period(two):
    small, other = two
    noord = small.districts[0]
    for day in (D(2026, 1, 1), D(2026, 3, 5), D(2026, 6, 30)):
        signal(small.municipality, day, district=noord)
    signal(small.municipality, D(2026, 7, 1))  # the end is exclusive
    signal(small.municipality, D(2025, 12, 31))
    signal(other, D(2026, 4, 1), Channel.PHONE)
    expected = {small.municipality.pk: 3, other.pk: 1}
    assert figures.signals(None, SINCE, UNTIL) == expected
    assert figures.signals([other.pk], SINCE, UNTIL) == {other.pk: 1}
    assert municipality_figure("signals").compute(None, SINCE, UNTIL) == expected


def test_signals_per_1000_use_the_inhabitants_and_leave_out_the_unknown(two):
    small, other = two
    Municipality.objects.filter(pk=small.municipality.pk).update(
        key_figures={"aantal_inwoners": 2000}
    )
    live = MunicipalityFactory(key_figures={"aantal_inwoners": 5000})
    SignallingSettings.objects.create(municipality=live, live_since=when(D(2025, 1, 1)))
    for day in (D(2026, 2, 1), D(2026, 2, 2), D(2026, 2, 3)):
        signal(small.municipality, day)
    signal(other, D(2026, 2, 1))  # no number of inhabitants: no rate
    rates = figures.signals_per_1000(None, SINCE, UNTIL)
    assert rates == {small.municipality.pk: pytest.approx(1.5), live.pk: 0.0}
    base = municipality_figure("signals_per_1000").base(None, SINCE, UNTIL)
    assert base[small.municipality.pk] == 3


def _contact(case_: Case, hours: float) -> None:
    Case.objects.filter(pk=case_.pk).update(
        first_contact_at=case_.created_at + dt.timedelta(hours=hours)
    )


def test_within_the_norm_uses_each_municipalitys_own_norm():
    zeist = Municipality.objects.get(code="GM0355")
    bilt = Municipality.objects.get(code="GM0310")
    SignallingSettings.objects.create(municipality=bilt, first_contact_hours=24)
    start = when(D(2026, 3, 2), 9)
    with time_machine.travel(start, tick=False):
        z = [file_signal(zeist, house_number=str(n)).case for n in (1, 2, 3)]
        z_urgent = file_signal(zeist, house_number="4", concern=CRISIS).case
        b = [file_signal(bilt, postcode="3731 AB", house_number=str(n)).case for n in (1, 2, 3)]
    # Zeist (48 hours, urgent 4): 30 h within, 30 h within, 50 h late, urgent 5 h late.
    for found, hours in zip([*z, z_urgent], (30, 30, 50, 5), strict=True):
        _contact(found, hours)
    # De Bilt (24 hours): 30 h late, 30 h late, 10 h within.
    for found, hours in zip(b, (30, 30, 10), strict=True):
        _contact(found, hours)
    late = case(zeist, created=D(2025, 12, 1))  # due before the period
    _contact(late, 1)
    share = figures.contact_within_norm([zeist.pk, bilt.pk], SINCE, UNTIL)
    assert share == {zeist.pk: pytest.approx(50.0), bilt.pk: pytest.approx(100 / 3)}
    assert figures.reached([zeist.pk, bilt.pk], SINCE, UNTIL) == {zeist.pk: 4, bilt.pk: 3}
    base = municipality_figure("contact_within_norm").base([zeist.pk, bilt.pk], SINCE, UNTIL)
    assert base == {zeist.pk: 4, bilt.pk: 3}


@pytest.fixture
def norm_cases(small_municipality):
    """Proefdorp on 10 March 2026, every deadline in March: one reached in time, one reached
    late, one never reached whose deadline passed (closed as unreachable), one never reached
    and still open past its deadline, one waiting before its deadline (11 March), one reached
    early before its deadline (12 March), a duplicate closed without contact, and one due in
    April (outside the period asked)."""
    town = small_municipality.municipality
    noord = small_municipality.districts[0]

    def due(day, hour=12, **fields):
        return case(town, created=day - dt.timedelta(2), district=noord,
                    contact_deadline=when(day, hour), **fields)  # fmt: skip

    _contact(due(D(2026, 3, 2)), 40)
    _contact(due(D(2026, 3, 3)), 60)
    due(D(2026, 3, 4), state=CaseState.CLOSED, outcome=Outcome.UNREACHABLE,
        closed_at=when(D(2026, 3, 9)))  # fmt: skip
    due(D(2026, 3, 5))
    due(D(2026, 3, 11))
    _contact(due(D(2026, 3, 12)), 1)
    due(D(2026, 3, 6), state=CaseState.CLOSED, outcome=Outcome.DUPLICATE,
        closed_at=when(D(2026, 3, 5)))  # fmt: skip
    _contact(due(D(2026, 4, 2)), 1)
    return town


MARCH = (D(2026, 3, 1), D(2026, 4, 1))


@time_machine.travel(when(D(2026, 3, 10)), tick=False)
def test_people_never_reached_are_outside_the_norm_and_the_waiting_are_not_counted(norm_cases):
    town = norm_cases
    figure = municipality_figure("contact_within_norm")
    # Due: in time, late, unreachable, open and overdue, reached early = 5; within: 2.
    assert figure.base([town.pk], *MARCH) == {town.pk: 5}
    assert figure.compute([town.pk], *MARCH) == {town.pk: pytest.approx(40.0)}
    # The case waiting before its deadline counts once the deadline passed without contact.
    with time_machine.travel(when(D(2026, 3, 12), 9), tick=False):
        assert figure.base([town.pk], *MARCH) == {town.pk: 6}
        assert figure.compute([town.pk], *MARCH) == {town.pk: pytest.approx(100 / 3)}


@time_machine.travel(when(D(2026, 3, 10)), tick=False)
def test_the_first_contact_table_counts_as_the_figure(norm_cases, small_municipality):
    town = norm_cases
    data = tables.first_contact(town, D(2026, 1, 1), D(2026, 5, 1), None)
    march, april = data.rows[2], data.rows[3]
    assert (march["due"], march["contacted"], march["within_norm"]) == (5, 3, 2)
    assert march["within_norm_share"] == pytest.approx(40.0)
    assert march["median_hours"] == 40  # of 40, 60 and 1 hours
    assert (april["due"], april["within_norm"]) == (1, 1)
    assert next(c for c in data.columns if c.key == "within_norm_share").base == "due"
    assert "nooit bereikt" in data.note
    march_only = tables.first_contact(town, *MARCH, None).rows[0]
    share = municipality_figure("contact_within_norm").compute([town.pk], *MARCH)[town.pk]
    assert march_only["within_norm_share"] == pytest.approx(share)
    zuid = tables.first_contact(town, *MARCH, [small_municipality.districts[2].pk])
    assert zuid.rows[0]["due"] == 0


def refer(case_: Case, to, proposed_on: dt.date, **fields) -> Referral:
    return Referral.objects.create(
        case=case_, municipality=case_.municipality, initiative=to, proposed_on=proposed_on,
        follow_up_on=proposed_on + dt.timedelta(days=42), **fields,
    )  # fmt: skip


def test_referrals_started_count_referrals_made_in_the_period(two):
    small, other = two
    offer = initiative(OrganisationFactory(municipality=small.municipality), kinds=["meeting"])
    far = initiative(OrganisationFactory(municipality=other), kinds=["meeting"])
    for day in (D(2026, 1, 1), D(2026, 6, 30)):
        refer(case(small.municipality), offer, day, state="declined")
    refer(case(small.municipality), offer, D(2026, 7, 1))
    refer(case(other), far, D(2026, 2, 2))
    assert figures.referrals_started(None, SINCE, UNTIL) == {small.municipality.pk: 2, other.pk: 1}


def assess(case_: Case, day: dt.date, total, instrument="djg11", **fields) -> Assessment:
    return Assessment.objects.create(
        municipality=case_.municipality, resident=case_.resident, instrument=instrument,
        answers={}, total=total, kind="unknown", taken_on=day, context="case",
        context_id=case_.pk, **fields,
    )  # fmt: skip


def _pairs(small, other):
    """Proefdorp: djg11 8 -> 5 and 6 -> 7, djg6 4 -> 1; other: djg11 9 -> 3. Traps: too soon,
    withdrawn, another instrument, after the period, another context."""
    noord, zuid = small.districts[0], small.districts[2]
    first = D(2026, 1, 5)
    later = first + dt.timedelta(days=42)  # exactly 42 days: counts
    for before, after, district, instrument in [
        (8, 5, noord, "djg11"), (6, 7, zuid, "djg11"), (4, 1, noord, "djg6"),
    ]:  # fmt: skip
        found = case(small.municipality, district=district)
        assess(found, first, before, instrument)
        assess(found, later - dt.timedelta(days=1), 0, instrument)  # 41 days: not "after"
        assess(found, later, after, instrument)
        assess(found, later + dt.timedelta(days=5), 0, instrument)  # only the first after
    found = case(other)
    assess(found, first, 9)
    assess(found, later, 3)
    traps = [case(small.municipality, district=noord) for _ in range(4)]
    assess(traps[0], first, 8)
    assess(traps[0], later, 1, withdrawn_at=timezone.now())
    assess(traps[1], first, 8)
    assess(traps[1], later, 1, instrument="djg6")
    assess(traps[2], D(2026, 6, 1), 8)
    assess(traps[2], D(2026, 7, 20), 1)  # after the period
    assess(traps[3], first, 8)
    Assessment.objects.create(
        municipality=small.municipality, resident=traps[3].resident, instrument="djg11",
        answers={}, total=1, kind="unknown", taken_on=later, context="visit",
    )  # fmt: skip


def test_assessments_before_and_after_and_the_score_change(two):
    small, other = two
    _pairs(small, other)
    m = small.municipality.pk
    assert figures.assessments_before_after(None, SINCE, UNTIL) == {m: 3, other.pk: 1}
    # In % of the range: djg11 -3/11 and +1/11, djg6 -3/6; other -6/11.
    expected = (100 * -3 / 11 + 100 * 1 / 11 + 100 * -3 / 6) / 3
    change = municipality_figure("score_change").compute(None, SINCE, UNTIL)
    assert change == {m: pytest.approx(expected), other.pk: pytest.approx(100 * -6 / 11)}
    assert municipality_figure("score_change").base(None, SINCE, UNTIL)[m] == 3


def test_the_score_change_table_per_instrument_and_district(two):
    small, other = two
    _pairs(small, other)
    data = tables.score_change(small.municipality, SINCE, UNTIL, None)
    rows = {row["instrument"]: row for row in data.rows}
    djg11 = rows[INSTRUMENTS["djg11"].name]
    assert (djg11["cases"], djg11["before"], djg11["after"], djg11["change"]) == (2, 7, 6, -1)
    noord = tables.score_change(small.municipality, SINCE, UNTIL, [small.districts[0].pk])
    assert sorted(row["cases"] for row in noord.rows) == [1, 1]
    assert "Geheime" not in str(data.rows)


def test_effective_interventions_need_five_pairs_with_a_fall_beyond_doubt(two):
    small, other = two
    organisation = OrganisationFactory(municipality=small.municipality)
    works, unclear = initiative(organisation, name="Maatje"), initiative(organisation)
    proposed = D(2026, 2, 1)
    for to, changes in ((works, (-3, -2, -3, -2, -4)), (unclear, (-3, 2, 0, -1, 1))):
        for change in changes:
            found = case(small.municipality)
            refer(found, to, proposed)
            assess(found, proposed - dt.timedelta(days=3), 8)
            assess(found, proposed + dt.timedelta(days=50), 8 + change)
    assert figures.effective_interventions(None, SINCE, UNTIL) == {small.municipality.pk: 1}
    # Measured after the end of the period: not yet known then.
    assert figures.effective_interventions(None, SINCE, D(2026, 3, 1)) == {}


def test_signals_by_month_by_channel_and_district(two):
    small, other = two
    noord, midden = small.districts[0], small.districts[1]
    signal(small.municipality, D(2026, 1, 31), Channel.PHONE, noord)
    signal(small.municipality, D(2026, 3, 1), Channel.PUBLIC_FORM, midden)
    signal(small.municipality, D(2026, 3, 2), Channel.PUBLIC_FORM)
    signal(other, D(2026, 3, 2))
    data = tables.signals_by_month(small.municipality, SINCE, UNTIL, None)
    assert [row["month"] for row in data.rows][:3] == [
        "januari 2026",
        "februari 2026",
        "maart 2026",
    ]
    assert len(data.rows) == 6
    assert (data.rows[0]["phone"], data.rows[0]["total"]) == (1, 1)
    assert (data.rows[2]["public_form"], data.rows[2]["total"]) == (2, 2)
    only = tables.signals_by_month(small.municipality, SINCE, UNTIL, [midden.pk])
    assert [row["total"] for row in only.rows] == [0, 0, 1, 0, 0, 0]
    assert "gekozen wijken" in only.note


def test_first_contact_per_month_of_the_deadline(two):
    small, _other = two
    noord = small.districts[0]
    for hours, deadline in ((10, 48), (30, 48), (50, 48)):
        found = case(
            small.municipality, district=noord,
            contact_deadline=when(D(2026, 2, 1)) + dt.timedelta(hours=deadline),
        )  # fmt: skip
        _contact(found, hours)
    data = tables.first_contact(small.municipality, SINCE, UNTIL, None)
    feb = data.rows[1]
    assert (feb["due"], feb["contacted"], feb["within_norm"], feb["median_hours"]) == (3, 3, 2, 30)
    assert feb["within_norm_share"] == pytest.approx(200 / 3)
    assert next(c for c in data.columns if c.key == "median_hours").base == "contacted"
    other_district = tables.first_contact(small.municipality, SINCE, UNTIL, [small.districts[1].pk])
    assert sum(row["due"] for row in other_district.rows) == 0


def test_first_contact_median_of_an_even_number_and_by_local_month(two):
    """The median is counted in the database from the middle cases: with four cases the mean
    of the two middle ones; a deadline late on the last evening of a month in local time
    counts in that month, one just after local midnight in the next."""
    small, other = two
    for hours in (80, 10, 40, 20):  # February: median (20 + 40) / 2 = 30
        _contact(case(small.municipality), hours)
    _contact(case(other), 1000)  # another municipality: not counted
    march_late = case(small.municipality, created=D(2026, 3, 30))
    Case.objects.filter(pk=march_late.pk).update(
        first_contact_at=dt.datetime(2026, 3, 31, 23, 30, tzinfo=AMS),
        contact_deadline=dt.datetime(2026, 3, 31, 23, 45, tzinfo=AMS),
    )
    april_early = case(small.municipality, created=D(2026, 3, 30))
    Case.objects.filter(pk=april_early.pk).update(
        first_contact_at=dt.datetime(2026, 4, 1, 0, 30, tzinfo=AMS),
        contact_deadline=dt.datetime(2026, 4, 1, 0, 45, tzinfo=AMS),
    )
    rows = tables.first_contact(small.municipality, SINCE, UNTIL, None).rows
    assert (rows[1]["contacted"], rows[1]["median_hours"]) == (4, 30)
    assert (rows[2]["contacted"], rows[2]["median_hours"]) == (1, 35.5)
    assert (rows[3]["contacted"], rows[3]["median_hours"]) == (1, 36.5)
    assert (rows[0]["contacted"], rows[0]["median_hours"]) == (0, None)
    # The window query PostgreSQL runs gives the same months, counts and middle cases.
    cases = Case.objects.filter(municipality=small.municipality, first_contact_at__isnull=False)
    counts, hours = tables._by_month_in_database(cases)
    python_counts, python_hours = tables._by_month_in_python(cases)
    assert counts == {month: dict(found) for month, found in python_counts.items()}
    assert {m: sorted(h) for m, h in hours.items()} == {D(2026, 2, 1): [20, 40],
        D(2026, 3, 1): [35.5], D(2026, 4, 1): [36.5]}  # fmt: skip
    assert sorted(python_hours[D(2026, 2, 1)]) == [10, 20, 40, 80]


def test_outcomes_of_closed_cases(two):
    small, other = two
    closings = [
        (Outcome.SUPPORTED, D(2026, 2, 1)), (Outcome.SUPPORTED, D(2026, 5, 1)),
        (Outcome.DECLINED, D(2026, 3, 1)), (Outcome.DECLINED, D(2026, 8, 1)),
    ]  # fmt: skip
    for outcome, day in closings:
        case(small.municipality, state=CaseState.CLOSED, outcome=outcome, closed_at=when(day))
    case(other, state=CaseState.CLOSED, outcome=Outcome.SUPPORTED, closed_at=when(D(2026, 2, 1)))
    data = tables.outcomes(small.municipality, SINCE, UNTIL, None)
    rows = {row["outcome"]: row["closed"] for row in data.rows}
    assert (rows["Ondersteund"], rows["Wil geen contact"], rows["Totaal"]) == (2, 1, 3)


def test_referrals_by_kind_with_started_and_district(two):
    small, _other = two
    noord, zuid = small.districts[0], small.districts[2]
    organisation = OrganisationFactory(municipality=small.municipality)
    both = initiative(organisation, kinds=["meeting", "meaningful_activity"])
    meeting = initiative(organisation, kinds=["meeting"])
    refer(case(small.municipality, district=noord), both, D(2026, 2, 1), started_on=D(2026, 2, 8))
    refer(case(small.municipality, district=zuid), meeting, D(2026, 3, 1), still_going=True)
    refer(case(small.municipality, district=zuid), meeting, D(2025, 3, 1))
    data = tables.referrals(small.municipality, SINCE, UNTIL, None)
    rows = {row["kind"]: row for row in data.rows}
    assert (rows["Ontmoeting"]["referrals"], rows["Ontmoeting"]["started"]) == (2, 1)
    assert rows["Zinvol bezig zijn"]["referrals"] == 1
    assert (rows["Alle verwijzingen"]["referrals"], rows["Alle verwijzingen"]["still_going"]) == (
        2,
        1,
    )
    assert rows["Alle verwijzingen"]["started_share"] == pytest.approx(50.0)
    noord_only = {
        r["kind"]: r for r in tables.referrals(small.municipality, SINCE, UNTIL, [noord.pk]).rows
    }
    assert noord_only["Alle verwijzingen"]["referrals"] == 1


def test_no_figure_asks_once_per_municipality(django_assert_max_num_queries):
    """Every registered figure answers for all municipalities in a few queries, however many
    municipalities have records."""
    from omzien.core import extensions

    for _ in range(4):
        town = MunicipalityFactory(key_figures={"aantal_inwoners": 1000})
        _contact(case(town), 5)
        signal(town, D(2026, 2, 1))
    mine = {
        "signals", "signals_per_1000", "reached", "contact_within_norm", "referrals_started",
        "assessments_before_after", "score_change", "effective_interventions",
        "home_visits_done", "home_visit_reach", "catalogue_activity_kinds", "week_activities",
        "participating_municipalities",
    }  # fmt: skip
    for figure in (f for f in extensions.municipality_figures if f.key in mine):
        with django_assert_max_num_queries(3):
            figure.compute(None, SINCE, UNTIL)
        if figure.base is not None:
            with django_assert_max_num_queries(3):
                figure.base(None, SINCE, UNTIL)
