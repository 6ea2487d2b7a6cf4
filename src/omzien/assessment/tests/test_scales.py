"""Scoring rules of the loneliness scales (DOMAIN.md section 3). Plain pytest, no Django."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omzien.assessment import scales
from omzien.assessment.scales import (
    CBS_QUESTION_ORDER_6,
    DJG6,
    DJG11,
    DJG_ITEMS,
    DJG_NUMERIC_CODING,
    DJG_STEM,
    DJG_TEXT_CODING,
    INSTRUMENTS,
    SUBSCALE_LONELY_THRESHOLD_11,
    UnknownAnswerError,
    kind_of_loneliness,
    numeric_coding,
    score_direct,
    score_djg6,
    score_djg11,
    score_ucla3,
)

pytestmark = pytest.mark.issue(3)

EMOTIONAL_11 = (2, 3, 5, 6, 9, 10)
SOCIAL_11 = (1, 4, 7, 8, 11)
POSITIVE = {1, 4, 7, 8, 11}


def lonely(item: int) -> str:
    """The strong unfavourable answer: "nee" on positively worded items, "ja" otherwise."""
    return "nee" if item in POSITIVE else "ja"


def favourable(item: int) -> str:
    return "ja" if item in POSITIVE else "nee"


def answers(items: tuple[int, ...], lonely_items: set[int], missing: set[int] = frozenset()):
    return {
        n: None if n in missing else (lonely(n) if n in lonely_items else favourable(n))
        for n in items
    }


ALL_11 = tuple(range(1, 12))
ALL_6 = (3, 4, 7, 8, 9, 10)


# --- texts and structure -----------------------------------------------------------------


def test_stem_and_items_are_the_dutch_texts_of_domain_md():
    assert DJG_STEM == (
        "Wilt u van elk van de volgende uitspraken aangeven in hoeverre die op u, zoals u de "
        "laatste tijd bent, van toepassing is?"
    )
    texts = {item.number: item.text for item in DJG_ITEMS}
    assert texts[1] == (
        "Er is altijd wel iemand in mijn omgeving bij wie ik met mijn dagelijkse "
        "probleempjes terecht kan."
    )
    assert texts[3] == "Ik ervaar een leegte om me heen."
    assert texts[10] == "Vaak voel ik me in de steek gelaten."
    assert texts[11] == (
        "Wanneer ik daar behoefte aan heb, kan ik altijd bij mijn vrienden terecht."
    )
    assert [item.number for item in DJG_ITEMS] == list(ALL_11)


def test_subscales_and_wording_direction():
    assert DJG11.subscale_items(scales.Subscale.EMOTIONAL) == EMOTIONAL_11
    assert DJG11.subscale_items(scales.Subscale.SOCIAL) == SOCIAL_11
    assert {item.number for item in DJG_ITEMS if item.positive} == POSITIVE
    assert DJG6.subscale_items(scales.Subscale.EMOTIONAL) == (3, 9, 10)
    assert DJG6.subscale_items(scales.Subscale.SOCIAL) == (4, 7, 8)
    keywords = [next(i.keyword for i in DJG_ITEMS if i.number == n) for n in CBS_QUESTION_ORDER_6]
    assert keywords == [
        "leegte",
        "narigheid",
        "vertrouwen",
        "mis mensen",
        "verbonden",
        "in de steek gelaten",
    ]


def test_subscale_threshold_is_the_current_rivm_definition():
    assert SUBSCALE_LONELY_THRESHOLD_11 == 3


# --- 11 items: category boundaries --------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "category", "is_lonely", "is_severe"),
    [
        (0, "niet eenzaam", False, False),
        (2, "niet eenzaam", False, False),
        (3, "matig eenzaam", True, False),
        (8, "matig eenzaam", True, False),
        (9, "ernstig eenzaam", True, True),
        (10, "ernstig eenzaam", True, True),
        (11, "zeer ernstig eenzaam", True, True),
    ],
)
def test_djg11_total_categories(total, category, is_lonely, is_severe):
    result = score_djg11(answers(ALL_11, set(ALL_11[:total])))
    assert result.total == total
    assert result.category == category
    assert result.is_lonely is is_lonely
    assert result.is_severely_lonely is is_severe


@pytest.mark.parametrize(("emotional_lonely", "expected"), [(2, False), (3, True), (6, True)])
def test_djg11_emotional_boundary(emotional_lonely, expected):
    result = score_djg11(answers(ALL_11, set(EMOTIONAL_11[:emotional_lonely])))
    assert result.emotional == emotional_lonely
    assert result.social == 0
    assert result.is_emotionally_lonely is expected
    assert result.emotional_category == ("eenzaam" if expected else "niet eenzaam")
    assert result.is_socially_lonely is False
    assert result.emotional_category_cbs is None  # CBS labels belong to the 6-item scale


@pytest.mark.parametrize(("social_lonely", "expected"), [(2, False), (3, True), (5, True)])
def test_djg11_social_boundary(social_lonely, expected):
    result = score_djg11(answers(ALL_11, set(SOCIAL_11[:social_lonely])))
    assert result.social == social_lonely
    assert result.is_socially_lonely is expected
    assert result.social_category == ("eenzaam" if expected else "niet eenzaam")


# --- 11 items: missing answers -------------------------------------------------------------


def test_djg11_total_known_with_two_missing_counting_zero():
    result = score_djg11(answers(ALL_11, set(ALL_11), missing={1, 2}))
    assert result.total == 9
    assert result.total_valid
    assert result.category == "ernstig eenzaam"
    assert result.missing_items == (1, 2)


def test_djg11_total_unknown_with_three_missing():
    # item 1 is social (1 of 5 missing), items 2 and 3 emotional (2 of 6 missing)
    result = score_djg11(answers(ALL_11, set(ALL_11), missing={1, 2, 3}))
    assert result.total is None
    assert not result.total_valid
    assert result.category is None
    assert result.is_lonely is None
    assert result.is_severely_lonely is None
    assert result.social == 4  # one social item missing: still known, missing counts 0
    assert result.emotional is None


def test_djg11_subscale_known_with_one_missing_unknown_with_two():
    one = score_djg11(answers(ALL_11, set(EMOTIONAL_11), missing={2}))
    assert one.emotional == 5
    assert one.is_emotionally_lonely is True
    two = score_djg11(answers(ALL_11, set(EMOTIONAL_11), missing={2, 3}))
    assert two.emotional is None
    assert two.emotional_category is None
    assert two.is_emotionally_lonely is None
    assert two.total == 4  # the total allows 2 missing
    social_two = score_djg11(answers(ALL_11, set(), missing={1, 4}))
    assert social_two.social is None
    assert social_two.is_socially_lonely is None


def test_unknown_is_none_never_zero():
    result = score_djg11({})
    assert result.total is None
    assert result.emotional is None
    assert result.social is None
    assert result.missing_items == ALL_11


# --- 6 items ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "category", "is_lonely", "is_strong"),
    [
        (0, "niet eenzaam", False, False),
        (1, "niet eenzaam", False, False),
        (2, "matig eenzaam", True, False),
        (4, "matig eenzaam", True, False),
        (5, "sterk eenzaam", True, True),
        (6, "sterk eenzaam", True, True),
    ],
)
def test_djg6_total_categories(total, category, is_lonely, is_strong):
    result = score_djg6(answers(ALL_6, set(ALL_6[:total])))
    assert result.instrument == "djg6"
    assert result.total == total
    assert result.category == category
    assert result.is_lonely is is_lonely
    assert result.is_severely_lonely is is_strong


@pytest.mark.parametrize(
    ("lonely_items", "score", "lonely", "cbs"),
    [
        ((), 0, False, "niet eenzaam"),
        ((3,), 1, True, "enigszins eenzaam"),
        ((3, 9), 2, True, "enigszins eenzaam"),
        ((3, 9, 10), 3, True, "sterk eenzaam"),
    ],
)
def test_djg6_emotional_subscale_boundaries(lonely_items, score, lonely, cbs):
    result = score_djg6(answers(ALL_6, set(lonely_items)))
    assert result.emotional == score
    assert result.is_emotionally_lonely is lonely
    assert result.emotional_category == ("eenzaam" if lonely else "niet eenzaam")
    assert result.emotional_category_cbs == cbs


@pytest.mark.parametrize(
    ("lonely_items", "score", "cbs"),
    [((), 0, "niet eenzaam"), ((4,), 1, "enigszins eenzaam"), ((4, 7, 8), 3, "sterk eenzaam")],
)
def test_djg6_social_subscale_boundaries(lonely_items, score, cbs):
    result = score_djg6(answers(ALL_6, set(lonely_items)))
    assert result.social == score
    assert result.is_socially_lonely is (score >= 1)
    assert result.social_category_cbs == cbs


def test_djg6_missing_rules():
    one = score_djg6(answers(ALL_6, set(ALL_6), missing={3}))
    assert one.total == 5  # one missing: known, counting 0
    assert one.emotional is None  # any missing item makes its subscale unknown
    assert one.emotional_category_cbs is None
    assert one.social == 3
    two = score_djg6(answers(ALL_6, set(ALL_6), missing={3, 4}))
    assert two.total is None
    assert two.social is None


def test_djg6_sequence_is_in_item_number_order_not_cbs_order():
    # Only item 4 (narigheid, positively worded) lonely: "nee" in the second position.
    result = score_djg6(["nee", "nee", "ja", "ja", "nee", "nee"])
    assert result.social == 1
    assert result.answers[4] == "nee"
    assert result.emotional == 0


def test_djg6_refuses_items_outside_the_short_scale():
    with pytest.raises(ValueError, match="item 1 is not part"):
        score_djg6({1: "ja", 3: "ja"})


# --- answer formats ---------------------------------------------------------------------------


def test_five_answer_format():
    five = {1: "nee!", 2: "ja!", 3: "min of meer", 4: "ja!", 5: "nee!"}
    three = {1: "nee", 2: "ja", 3: "min of meer", 4: "ja", 5: "nee"}
    rest = answers(tuple(range(6, 12)), set())
    assert score_djg11(five | rest) == score_djg11(three | rest)
    assert score_djg11(five | rest).total == 3  # item 1 nee!, item 2 ja!, item 3 min of meer


def test_min_of_meer_counts_on_both_item_types():
    result = score_djg11(["min of meer"] * 11)
    assert result.total == 11
    assert result.emotional == 6
    assert result.social == 5


def test_case_and_whitespace_insensitive():
    messy = ["  NEE ", "Ja", "MIN  of\tMeer", "ja!", " Nee!", "nee", "JA", "ja", "nee", "nee", "ja"]
    clean = ["nee", "ja", "min of meer", "ja", "nee", "nee", "ja", "ja", "nee", "nee", "ja"]
    assert score_djg11(messy) == score_djg11(clean)


def test_blank_and_nan_are_missing():
    result = score_djg11({1: "", 2: "   ", 3: float("nan")} | answers(tuple(range(4, 12)), set()))
    assert result.missing_items == (1, 2, 3)
    assert result.total is None


def test_numeric_coding_default_is_1_nee_2_min_of_meer_3_ja():
    assert score_djg11([1] * 11) == score_djg11(["nee"] * 11)
    assert score_djg11([2] * 11).total == 11
    assert score_djg11(["3"] * 11) == score_djg11(["ja"] * 11)
    assert score_djg11([3.0] * 11) == score_djg11(["ja"] * 11)
    assert score_djg11(["3.00"] * 11) == score_djg11(["ja"] * 11)  # SPSS exports
    with pytest.raises(ValueError):
        score_djg11(["2.5"] * 11)


def test_custom_numeric_codings():
    reversed_coding = numeric_coding({1: "ja", 2: "min of meer", 3: "nee"})
    assert score_djg11([1] * 11, coding=reversed_coding) == score_djg11(["ja"] * 11)
    five_point = numeric_coding({1: "nee!", 2: "nee", 3: "min of meer", 4: "ja", 5: "ja!"})
    assert score_djg11([5] * 11, coding=five_point) == score_djg11(["ja"] * 11)
    with pytest.raises(ValueError):
        score_djg11(["ja"] * 11, coding=DJG_NUMERIC_CODING)


def test_unknown_answer_names_item_and_value():
    with pytest.raises(UnknownAnswerError) as caught:
        score_djg11({4: "jaa"})
    assert isinstance(caught.value, ValueError)
    assert caught.value.item == 4
    assert "item 4" in str(caught.value)
    assert "'jaa'" in str(caught.value)
    with pytest.raises(ValueError, match="item 7: unknown answer 4"):
        score_djg11({7: 4})


def test_answers_shape_errors():
    with pytest.raises(ValueError, match="expected 11 answers"):
        score_djg11(["ja"] * 10)
    with pytest.raises(TypeError):
        score_djg11("ja ja ja")
    with pytest.raises(ValueError, match="not part"):
        score_djg11({12: "ja"})


def test_result_is_frozen():
    result = score_djg11(["ja"] * 11)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 0  # type: ignore[misc]


# --- kind of loneliness ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lonely_items", "missing", "kind"),
    [
        (set(EMOTIONAL_11[:3]), set(), "emotional"),
        (set(SOCIAL_11[:3]), set(), "social"),
        (set(EMOTIONAL_11[:3]) | set(SOCIAL_11[:3]), set(), "both"),
        ({2, 3, 1, 4}, set(), "none"),
        (set(EMOTIONAL_11), {1, 4}, "unknown"),
    ],
)
def test_kind_of_loneliness(lonely_items, missing, kind):
    assert kind_of_loneliness(score_djg11(answers(ALL_11, lonely_items, missing))) == kind


def test_kind_of_loneliness_of_scales_without_subscales_is_unknown():
    assert kind_of_loneliness(score_ucla3(["often"] * 3)) == "unknown"
    assert kind_of_loneliness(score_direct("never")) == "unknown"


# --- UCLA and the direct question -----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers_", "total", "lonely"),
    [
        (["hardly ever"] * 3, 3, False),
        (["often", "hardly ever", "hardly ever"], 5, False),
        (["often", "some of the time", "hardly ever"], 6, True),
        (["vaak", "Vaak", "VAAK"], 9, True),
        ([1, 2, 3], 6, True),
    ],
)
def test_ucla3(answers_, total, lonely):
    result = score_ucla3(answers_)
    assert result.total == total
    assert result.is_lonely is lonely
    assert result.category == ("eenzaam" if lonely else "niet eenzaam")


def test_ucla3_missing_answer_is_unknown():
    assert score_ucla3({1: "often", 2: "often"}).total is None


@pytest.mark.parametrize(
    ("answer", "value", "label", "lonely"),
    [
        ("Often/always", "often_always", "vaak of altijd", True),
        ("some of the time", "some_of_the_time", "een deel van de tijd", False),
        ("af en toe", "occasionally", "af en toe", False),
        ("hardly_ever", "hardly_ever", "zelden", False),
        ("NOOIT", "never", "nooit", False),
    ],
)
def test_direct_question(answer, value, label, lonely):
    result = score_direct(answer)
    assert result.answer == value
    assert result.category == label
    assert result.is_lonely is lonely
    assert score_direct({1: answer}) == result == score_direct([answer])


def test_direct_question_missing_and_unknown():
    assert score_direct(None).answer is None
    assert score_direct(None).missing_items == (1,)
    with pytest.raises(ValueError, match="direct item 1"):
        score_direct(3)


# --- registry -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["djg11", "djg6", "ucla3", "direct"])
def test_every_instrument_can_be_rendered_and_scored_generically(key):
    instrument = INSTRUMENTS[key]
    assert instrument.key == key
    assert instrument.name
    assert instrument.items
    assert instrument.options
    for option in instrument.options:
        answered = {item.number: option.value for item in instrument.items}
        result = instrument.score(answered)
        assert result.instrument == key
        assert result.total is not None
        assert result.category
        assert result.is_lonely in (True, False)
        assert result.missing_items == ()


def test_registry_names():
    assert set(INSTRUMENTS) == {"djg11", "djg6", "ucla3", "direct"}
    assert [item.number for item in INSTRUMENTS["djg6"].items] == list(ALL_6)
    assert INSTRUMENTS["djg11"].stem == DJG_STEM


# --- properties --------------------------------------------------------------------------------

# Answers from favourable to lonely for each wording; "ja!"/"nee!" are the strong ones.
NEGATIVE_ORDER = ["nee!", "nee", "min of meer", "ja", "ja!"]
POSITIVE_ORDER = list(reversed(NEGATIVE_ORDER))


def spelled(answer: str) -> st.SearchStrategy[str]:
    return st.sampled_from([answer, answer.upper(), f"  {answer} ", answer.capitalize()])


def answer_sets(items: tuple[int, ...]) -> st.SearchStrategy[dict[int, str | None]]:
    return st.fixed_dictionaries(
        {n: st.one_of(st.none(), st.sampled_from(NEGATIVE_ORDER).flatmap(spelled)) for n in items}
    )


CATEGORY_RANK = {
    "niet eenzaam": 0,
    "matig eenzaam": 1,
    "ernstig eenzaam": 2,
    "sterk eenzaam": 2,
    "zeer ernstig eenzaam": 3,
}


@given(answer_sets(ALL_11))
def test_djg11_scores_in_range(given_answers):
    result = score_djg11(given_answers)
    assert result.total is None or 0 <= result.total <= 11
    assert result.emotional is None or 0 <= result.emotional <= 6
    assert result.social is None or 0 <= result.social <= 5
    assert (result.total is None) == (len(result.missing_items) > 2)


@given(answer_sets(ALL_6))
def test_djg6_scores_in_range(given_answers):
    result = score_djg6(given_answers)
    assert result.total is None or 0 <= result.total <= 6
    assert result.emotional is None or 0 <= result.emotional <= 3
    assert result.social is None or 0 <= result.social <= 3


@given(
    st.lists(st.sampled_from(["hardly ever", "some of the time", "often"]), min_size=3, max_size=3)
)
def test_ucla3_in_range(given_answers):
    assert 3 <= score_ucla3(given_answers).total <= 9


@given(
    st.sampled_from(["djg11", "djg6"]).flatmap(
        lambda key: st.tuples(
            st.just(key), answer_sets(ALL_11 if key == "djg11" else ALL_6), st.data()
        )
    )
)
def test_an_answer_towards_lonely_never_lowers_a_score(case):
    key, given_answers, data = case
    answered = [n for n, a in given_answers.items() if a is not None]
    if not answered:
        return
    item = data.draw(st.sampled_from(answered))
    order = POSITIVE_ORDER if item in POSITIVE else NEGATIVE_ORDER
    position = order.index(" ".join(given_answers[item].split()).lower())
    lonelier = data.draw(st.sampled_from(order[position:]))
    score = INSTRUMENTS[key].score
    before = score(given_answers)
    after = score(given_answers | {item: lonelier})
    for field in ("total", "emotional", "social"):
        old, new = getattr(before, field), getattr(after, field)
        assert (old is None) == (new is None)
        assert old is None or new >= old
    for flag in ("is_lonely", "is_severely_lonely", "is_emotionally_lonely", "is_socially_lonely"):
        assert not (getattr(before, flag) and getattr(after, flag) is False)
    if before.category is not None:
        assert CATEGORY_RANK[after.category] >= CATEGORY_RANK[before.category]


NUMBER_OF = {"nee": 1, "min of meer": 2, "ja": 3}


@given(
    st.fixed_dictionaries(
        {n: st.one_of(st.none(), st.sampled_from(["ja", "min of meer", "nee"])) for n in ALL_11}
    ),
    st.sampled_from(["int", "str", "float"]),
)
def test_text_and_numeric_codings_agree(given_answers, number_type):
    convert = {"int": int, "str": str, "float": float}[number_type]
    numeric = {n: None if a is None else convert(NUMBER_OF[a]) for n, a in given_answers.items()}
    text = score_djg11(given_answers, coding=DJG_TEXT_CODING)
    assert score_djg11(numeric, coding=DJG_NUMERIC_CODING) == text
    assert score_djg11(numeric) == text  # the default coding accepts both
    six = {n: given_answers[n] for n in ALL_6}
    assert score_djg6({n: numeric[n] for n in ALL_6}) == score_djg6(six)
