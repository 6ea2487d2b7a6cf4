"""Indicators per district (issue 10, item 3): the model by indirect standardisation on a
hand-computed example, measured figures first (the municipality's own survey before RIVM),
unknown key figures stay unknown, and the counts from Omzien's own records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omzien.core import extensions
from omzien.core.models import District
from omzien.riskmap.indicators import district_indicators, last_twelve_months
from omzien.riskmap.models import AreaFigure, ImportRun, Source
from omzien.riskmap.tests.factories import give_ages, use_round_prevalence
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal, go_live, zeist

pytestmark = [pytest.mark.issue(10), pytest.mark.django_db]


@pytest.fixture
def round_table(db):
    table = use_round_prevalence()
    return table


@pytest.fixture
def proefdorp(small_municipality, round_table):
    """Proefdorp with the same age composition in every district (Noord 1,000, Midden 2,000
    and Zuid 3,000 inhabitants)."""
    give_ages(small_municipality.districts)
    return small_municipality


def measured(source, code, indicator, value, lower, upper, *, year=2022, municipality=None):
    run = ImportRun.objects.create(
        source=source, year=year, file_name="test.csv", municipality=municipality
    )
    AreaFigure.objects.create(
        import_run=run, source=source, year=year, municipality=municipality, area_code=code,
        level="wijk", indicator=indicator, age_group="20300" if source == Source.RIVM else "",
        value=value, lower=lower, upper=upper,
    )  # fmt: skip


def by_code(rows):
    return {row.code: row for row in rows}


def test_the_model_is_the_hand_computed_indirect_standardisation(proefdorp):
    noord = by_code(district_indicators(proefdorp.municipality, 2024))["WK990101"]
    # Adults: 1,000 x (0.7 x 10 + 30 + 25 + 20)% = 820.
    # Lonely: (7 x 50 + 30 x 40 + 25 x 30 + 20 x 60) / 82 = 3,500 / 82 = 42.68%, 350 adults.
    # Severely: (7 x 20 + 30 x 10 + 25 x 10 + 20 x 20) / 82 = 1,090 / 82 = 13.29%, 109 adults.
    assert noord.lonely.kind == "model"
    assert noord.lonely.share_pct == pytest.approx(3500 / 82)
    assert noord.lonely.count == pytest.approx(350)
    assert noord.severely_lonely.share_pct == pytest.approx(1090 / 82)
    assert noord.severely_lonely.count == pytest.approx(109)
    # The band: every group 1 point lower (12.29%, 100.8 adults) minus the binomial margin.
    assert noord.severely_lonely.lower_count == pytest.approx(
        100.8 - 1.96 * (820 * 0.12293 * 0.87707) ** 0.5, abs=0.05
    )
    assert "Model" in noord.lonely.source
    assert "pct_eenpersoonshhd" in noord.lonely.inputs_missing


def test_measured_figures_take_precedence_with_their_margins(proefdorp):
    measured(Source.RIVM, "WK990102", "eenzaam", 55.0, 50.1, 59.9)
    measured(Source.RIVM, "WK990102", "ernstig_eenzaam", 20.0, 15.5, 24.5)
    measured(Source.RIVM, "WK990103", "ernstig_eenzaam", 21.0, 16.0, 26.0)
    measured(Source.OWN_SURVEY, "WK990103", "ernstig_eenzaam", 17.0, 12.0, 22.0,
             year=2023, municipality=proefdorp.municipality)  # fmt: skip
    rows = by_code(district_indicators(proefdorp.municipality, 2024))
    noord, midden, zuid = rows["WK990101"], rows["WK990102"], rows["WK990103"]
    assert noord.severely_lonely.kind == "model"
    assert midden.lonely.kind == midden.severely_lonely.kind == "gemeten"
    assert (midden.lonely.share_pct, midden.lonely.lower_pct, midden.lonely.upper_pct) == (
        55.0, 50.1, 59.9,
    )  # fmt: skip
    assert midden.lonely.source == "RIVM Gezondheid per wijk en buurt 2022"
    # The count of a measured share uses the district's adults (2,000 x 82% = 1,640).
    assert midden.severely_lonely.count == pytest.approx(1640 * 0.20)
    assert midden.severely_lonely.lower_count == pytest.approx(1640 * 0.155)
    # The municipality's own survey comes before RIVM; lonely there is still the model.
    assert zuid.severely_lonely.share_pct == 17.0
    assert zuid.severely_lonely.source == "Eigen onderzoek van de gemeente 2023"
    assert zuid.lonely.kind == "model"


def test_another_municipalitys_survey_and_later_years_are_not_used(proefdorp):
    measured(Source.OWN_SURVEY, "WK990101", "eenzaam", 70.0, 60.0, 80.0,
             municipality=zeist())  # fmt: skip
    measured(Source.RIVM, "WK990101", "eenzaam", 60.0, 55.0, 65.0, year=2025)
    noord = by_code(district_indicators(proefdorp.municipality, 2024))["WK990101"]
    assert noord.lonely.kind == "model"


def test_unknown_key_figures_stay_unknown_never_zero(proefdorp):
    run = ImportRun.objects.create(source=Source.CBS_KWB, year=2023, file_name="kwb.csv")
    for code, indicator, value in (
        ("WK990101", "pct_eenpersoonshuishoudens", 40.0),
        ("WK990102", "pct_eenpersoonshuishoudens", None),
        ("WK990101", "pct_laag_inkomen", 12.0),
    ):
        AreaFigure.objects.create(
            import_run=run, source=Source.CBS_KWB, year=2023, area_code=code, level="wijk",
            indicator=indicator, value=value, suppressed=value is None,
        )  # fmt: skip
    rows = by_code(district_indicators(proefdorp.municipality, 2023))
    noord, midden = rows["WK990101"], rows["WK990102"]
    assert (noord.pct_single, noord.pct_low_income, noord.figures_year) == (40.0, 12.0, 2023)
    assert midden.pct_single is None and midden.pct_low_income is None
    assert midden.pct_75plus is None and midden.pct_65plus == 20
    # Where single-person households are known, the household factor is applied.
    assert "pct_eenpersoonshhd" in noord.lonely.inputs_used
    assert "pct_eenpersoonshhd" in midden.lonely.inputs_missing
    # The shipped 2024 figures are used for 2024.
    assert by_code(district_indicators(proefdorp.municipality, 2024))["WK990101"].pct_single is None


def test_own_records_of_the_last_twelve_months_per_district(proefdorp):
    go_live(proefdorp.municipality)
    noord, midden, _zuid = proefdorp.districts
    for number in ("1", "2", "3"):
        file_signal(proefdorp.municipality, postcode=proefdorp.postcode_in(noord),
                    house_number=number)  # fmt: skip
    file_signal(proefdorp.municipality, postcode=proefdorp.postcode_in(midden))
    now = timezone.now()
    noord_cases = Case.objects.filter(district=noord).order_by("pk")
    Case.objects.filter(pk__in=[c.pk for c in noord_cases[:2]]).update(first_contact_at=now)
    # A contact and a signal from more than a year ago do not count.
    Case.objects.filter(district=midden).update(first_contact_at=now - dt.timedelta(days=400))
    Case.objects.get(district=midden).signals.update(created_at=now - dt.timedelta(days=400))
    rows = by_code(district_indicators(proefdorp.municipality, 2024))
    assert rows["WK990101"].records == {
        "signals": 3,
        "reached": 2,
        "visits": 0,
        "reached_by_visit": 0,
    }
    assert rows["WK990102"].records == {
        "signals": 0,
        "reached": 0,
        "visits": 0,
        "reached_by_visit": 0,
    }
    # The visits app registers visits done (visits/figures.py): none here, so 0.
    assert rows["WK990101"].visits == 0


def test_one_query_per_figure_for_the_whole_municipality(proefdorp, django_assert_num_queries):
    for index in range(20):
        District.objects.create(municipality=proefdorp.municipality, code=f"WK9901{index + 10}",
                                name=f"Extra {index}", inhabitants=100)  # fmt: skip
    # The districts, the measured figures, the national prevalence table, and one aggregate
    # per registered figure.
    with django_assert_num_queries(3 + len(extensions.district_figures)):
        rows = district_indicators(proefdorp.municipality, 2024)
    assert len(rows) == 23


def test_zeist_with_the_shipped_table_matches_the_documented_example():
    rows = {row.name: row for row in district_indicators(zeist(), 2024)}
    noord = rows["Zeist-Noord"]
    assert noord.inhabitants == 17345
    assert noord.severely_lonely.kind == "model"
    assert round(noord.severely_lonely.count) == 1983
    assert all(row.lonely is not None for row in rows.values())


def test_the_period_is_the_last_twelve_months():
    period = last_twelve_months(dt.datetime(2028, 2, 29, 12, tzinfo=dt.UTC))
    assert period.since == dt.datetime(2027, 2, 28, 12, tzinfo=dt.UTC)
