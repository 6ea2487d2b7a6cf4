"""Modelled need by indirect standardisation (issue 10, item 2). Pure tests: no database."""

from __future__ import annotations

import csv

import pytest

from omzien.riskmap.estimate import (
    Measured,
    PrevalenceError,
    choose,
    estimate,
    latest_prevalence,
    load_prevalence,
)
from omzien.riskmap.estimate.prevalence import COLUMNS, DATA_DIR, available_years
from omzien.riskmap.tests.factories import AGES
from omzien.riskmap.tests.factories import ROWS as FACTORY_ROWS

pytestmark = pytest.mark.issue(10)

# The round national figures and the age composition of the other risk-map tests
# (factories.py), so the arithmetic below can be checked by hand; with 65-74 and 75+ added
# for the split of the oldest group, which only these tests need. The table here is a CSV file
# for ``load_prevalence`` (no database), with a wider spread than the factories' rows.
ROWS = [*FACTORY_ROWS, ("65_75", "pct", 50, 15), ("75plus", "pct", 70, 25)]
DISTRICT = {"aantal_inwoners": 1000, **AGES}


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "prevalence_2099.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for key, unit, lonely, severe in ROWS:
            spread = 0.5 if unit == "ratio" else 5
            writer.writerow([
                key, key, unit,
                lonely, lonely - spread, lonely + spread,
                severe, severe - spread, severe + spread,
                "afgeleid",
            ])  # fmt: skip
    return load_prevalence(2099, tmp_path)


def test_indirect_standardisation_on_a_hand_computed_example(table):
    result = estimate(DISTRICT, table)
    # Adults: 18-24 is 7/10 of the 15-24 band: 0.7 x 10% = 7%; + 30% + 25% + 20% = 82% of
    # 1000 inhabitants = 820 adults.
    assert result.adults == pytest.approx(820)
    # Lonely: 70 x 50% + 300 x 40% + 250 x 30% + 200 x 60% = 35 + 120 + 75 + 120 = 350,
    # which is 350 / 820 = 42.68% of the adults.
    assert result.eenzaam.count == pytest.approx(350)
    assert result.eenzaam.share_pct == pytest.approx(100 * 350 / 820)
    # Severely lonely: 70 x 20% + 300 x 10% + 250 x 10% + 200 x 20% = 14 + 30 + 25 + 40 = 109.
    assert result.ernstig.count == pytest.approx(109)
    assert result.method == "leeftijd"
    assert set(result.inputs_used) >= {"pct_15_25", "pct_25_45", "pct_45_65", "pct_65plus"}
    assert result.household_factors is None
    assert result.inputs_missing == ("huishoudens", "pct_eenpersoonshhd")
    # The band holds the estimate: the prevalence range plus a binomial margin on the count.
    for figure in (result.eenzaam, result.ernstig):
        assert figure.lower_pct < figure.share_pct < figure.upper_pct
        assert figure.lower_count < figure.count < figure.upper_count


def test_known_75plus_share_splits_the_oldest_group(table):
    result = estimate({**DISTRICT, "pct_75plus": 5}, table)
    # 65+ (20%) becomes 65-74 (15%, 150 people at 50%) and 75+ (5%, 50 people at 70%):
    # 35 + 120 + 75 + 75 + 35 = 340 lonely adults instead of 350.
    assert result.eenzaam.count == pytest.approx(340)
    assert "pct_75plus" in result.inputs_used


def test_household_adjustment_on_a_hand_computed_example(table):
    district = {**DISTRICT, "huishoudens": 400, "pct_eenpersoonshhd": 82}
    result = estimate(district, table)
    # 82% of 400 households = 328 people living alone, of 820 adults: a = 0.4.
    # Factor = (1 + 0.4 x (2 - 1)) / (1 + 0.2 x (2 - 1)) = 1.4 / 1.2 = 7/6.
    assert result.household_factors == pytest.approx((7 / 6, 7 / 6))
    assert result.eenzaam.count == pytest.approx(350 * 7 / 6)  # 408.3
    assert result.ernstig.share_pct == pytest.approx(100 * 109 / 820 * 7 / 6)
    assert "pct_eenpersoonshhd" in result.inputs_used
    assert result.inputs_missing == ()
    # Living alone at exactly the national share changes nothing: 41% x 400 = 164 = 0.2 x 820.
    same = estimate({**DISTRICT, "huishoudens": 400, "pct_eenpersoonshhd": 41}, table)
    assert same.eenzaam.count == pytest.approx(350)


def test_missing_age_band_falls_back_to_two_groups_and_is_listed(table):
    district = {**DISTRICT, "pct_25_45": None}
    result = estimate(district, table)
    assert result.method == "leeftijd_65"
    assert "pct_25_45" in result.inputs_missing
    # Under 65: 100 - 15 (0-14) - 20 (65+) - 3 (15-17: 0.3 x 10) = 62%; never 0 for the
    # missing band, so the adults stay 62% + 20% = 82% of 1000.
    assert result.adults == pytest.approx(820)
    # Under-65 rate: bands weighted by their years (7, 20, 20): (7x50 + 20x40 + 20x30) / 47.
    under_65 = (7 * 50 + 20 * 40 + 20 * 30) / 47
    assert result.eenzaam.share_pct == pytest.approx((62 * under_65 + 20 * 60) / 82)


def test_no_composition_uses_the_national_rate_and_says_so(table):
    result = estimate({"aantal_inwoners": 1000}, table)
    assert result.method == "landelijk"
    assert result.adults == pytest.approx(800)  # national 80% adults
    assert result.eenzaam.share_pct == pytest.approx(40)
    assert {"pct_15_25", "pct_65plus"} <= set(result.inputs_missing)


def test_without_inhabitants_there_is_a_share_but_no_count(table):
    result = estimate({**DISTRICT, "aantal_inwoners": None}, table)
    assert result.eenzaam.share_pct == pytest.approx(100 * 350 / 820)
    assert result.eenzaam.count is None
    assert "aantal_inwoners" in result.inputs_missing


def test_measured_figures_take_precedence_with_their_margins(table):
    modelled = estimate(DISTRICT, table)
    measured = Measured(55.0, 50.1, 59.9, "RIVM, Gezondheid per wijk en buurt 2022 (50120NED)")
    shown = choose("eenzaam", modelled, measured)
    assert shown.kind == "gemeten"
    assert (shown.share_pct, shown.lower_pct, shown.upper_pct) == (55.0, 50.1, 59.9)
    assert shown.source.startswith("RIVM")
    assert shown.count == pytest.approx(820 * 0.55)


def test_without_a_measured_figure_the_model_is_shown_and_marked(table):
    modelled = estimate(DISTRICT, table)
    shown = choose("ernstig", modelled, None)
    assert shown.kind == "model"
    assert shown.source.startswith("Model")
    assert shown.count == pytest.approx(109)
    assert "pct_65plus" in shown.inputs_used
    assert choose("ernstig", None, None) is None


def test_shipped_prevalence_tables_load_and_every_figure_has_a_source():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    years = available_years()
    assert {2020, 2022} <= set(years)
    for year in years:
        table = load_prevalence(year)
        for key, row in table.rows.items():
            assert f"**{year}/{key}**" in readme, f"README names no source for {year}/{key}"
            if row.key[0].isdigit():  # an age band: severe loneliness is part of loneliness
                assert row.eenzaam.value > row.ernstig.value
    assert latest_prevalence().year == years[-1]
    assert latest_prevalence(2021).year == 2020


def test_a_bad_prevalence_file_names_line_and_column(tmp_path):
    path = tmp_path / "prevalence_2098.csv"
    lines = (DATA_DIR / "prevalence_2022.csv").read_text(encoding="utf-8").splitlines()
    fields = lines[2].split(",")
    fields[3] = "veel"  # the "eenzaam" column of the second data row
    lines[2] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PrevalenceError, match=r"line 3, column eenzaam: 'veel'"):
        load_prevalence(2098, tmp_path)
