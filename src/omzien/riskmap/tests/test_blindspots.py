"""Blind spots (issue 10, item 4): ranks on a small constructed municipality, suppression
below 5, and a district whose estimate is too uncertain is not ranked."""

from __future__ import annotations

import pytest
from django.utils import timezone

from omzien.core.models import District
from omzien.core.suppression import is_suppressed, shown_count
from omzien.riskmap.blindspots import blind_spots
from omzien.riskmap.indicators import district_indicators
from omzien.riskmap.tests.factories import give_ages, use_round_prevalence
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.issue(10), pytest.mark.django_db]


@pytest.fixture
def proefdorp(small_municipality):
    """Proefdorp, every district 82% adults of whom 13.29% severely lonely: Noord (1,000
    inhabitants) 109 expected, Midden (2,000) 218, Zuid (3,000) 327; and a tiny district
    Oost (50 inhabitants, 5.4 expected) without postcodes."""
    use_round_prevalence()
    District.objects.create(municipality=small_municipality.municipality, code="WK990104",
                            name="Oost", inhabitants=50)  # fmt: skip
    give_ages(District.objects.filter(municipality=small_municipality.municipality))
    go_live(small_municipality.municipality)
    return small_municipality


def reach(small, district, n: int) -> None:
    """``n`` residents of ``district`` signalled and reached this year."""
    for number in range(1, n + 1):
        file_signal(small.municipality, postcode=small.postcode_in(district),
                    house_number=str(number))  # fmt: skip
    Case.objects.filter(district=district).update(first_contact_at=timezone.now())


def spots_of(small, **options):
    rows = district_indicators(small.municipality, 2024)
    return {spot.name: spot for spot in blind_spots(rows, **options)}, blind_spots(rows, **options)


def test_the_least_reached_relative_to_need_ranks_first(proefdorp):
    noord, midden, zuid = proefdorp.districts
    reach(proefdorp, noord, 3)  # 3 / 109 = 27.5 per 1,000
    reach(proefdorp, midden, 7)  # 7 / 218 = 32.1
    reach(proefdorp, zuid, 12)  # 12 / 327 = 36.7
    spots, ordered = spots_of(proefdorp)
    assert [(s.name, s.rank) for s in ordered] == [
        ("Noord", 1), ("Midden", 2), ("Zuid", 3), ("Oost", None),
    ]  # fmt: skip
    assert spots["Midden"].rate == pytest.approx(1000 * 7 / 218)
    assert (spots["Midden"].reached_display, spots["Midden"].rate_display) == ("7", "32,1")
    assert spots["Zuid"].estimated == pytest.approx(327)
    assert spots["Zuid"].kind == "model"
    assert spots["Zuid"].lower < 327 < spots["Zuid"].upper


def test_reached_below_five_is_shown_as_less_than_five(proefdorp):
    noord = proefdorp.districts[0]
    reach(proefdorp, noord, 3)
    spots, _ordered = spots_of(proefdorp)
    # The count is hidden, and so is the rate that would give it away: an upper limit
    # (5 / 109 per 1,000) instead.
    assert (spots["Noord"].reached_display, spots["Noord"].suppressed) == ("<5", True)
    assert spots["Noord"].rate_display == "<45,9"
    # None reached is below 5 too.
    assert (spots["Midden"].reached_display, spots["Midden"].suppressed) == ("<5", True)
    assert (shown_count(4), is_suppressed(4)) == ("<5", True)
    assert (shown_count(5), is_suppressed(5)) == ("5", False)


def test_a_district_with_a_wide_interval_is_not_ranked(proefdorp):
    spots, ordered = spots_of(proefdorp)
    oost = spots["Oost"]
    assert oost.rank is None
    assert oost.reason.startswith("Te onzeker: de ondergrens van de schatting is")
    assert ordered[-1].name == "Oost"
    assert all(spots[name].rank is not None for name in ("Noord", "Midden", "Zuid"))
    # A stricter limit on the band's width leaves nothing ranked, and says so.
    spots, _ordered = spots_of(proefdorp, max_relative_width=0.1)
    assert all(spot.rank is None for spot in spots.values())
    assert "breder dan 10% van de schatting" in spots["Zuid"].reason


def test_equal_rates_share_a_rank(proefdorp):
    spots, _ordered = spots_of(proefdorp)
    # Nobody reached anywhere: every ranked district has rate 0 and rank 1.
    assert {spots[name].rank for name in ("Noord", "Midden", "Zuid")} == {1}


def test_a_district_without_inhabitants_has_no_estimate_and_no_rank(proefdorp):
    District.objects.filter(code="WK990104").update(inhabitants=None, key_figures={})
    spots, _ordered = spots_of(proefdorp)
    assert spots["Oost"].rank is None and spots["Oost"].rate is None
    assert spots["Oost"].reason == "Geen schatting: het aantal inwoners is onbekend."


@pytest.mark.issue(11)
def test_residents_visited_at_home_count_as_reached_unless_their_visit_became_a_signal(proefdorp):
    from omzien.visits.models import VisitReport
    from omzien.visits.tests.factories import address, attempt, visit_round

    noord, midden, _zuid = proefdorp.districts
    reach(proefdorp, midden, 3)
    running = visit_round(proefdorp.municipality)
    for n in range(4):
        visited = attempt(address(running, district=midden), "visited")
        VisitReport.objects.create(
            attempt=visited, municipality=running.municipality, signal_id=99 if n == 0 else None
        )
    attempt(address(running, district=midden), "not_home")
    attempt(address(running, district=noord), "visited")
    spots, _ordered = spots_of(proefdorp)
    # 3 cases with contact + 3 visits without a signal (the fourth became a signal: its case
    # counts once contact is made); a resident not at home was not reached.
    assert spots["Midden"].reached == 6
    assert spots["Midden"].rate == pytest.approx(1000 * 6 / 218)
    assert spots["Noord"].reached == 1
