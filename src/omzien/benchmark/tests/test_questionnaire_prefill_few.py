"""Small numbers in the benchmark's pre-fill (issue 12, item 1; DESIGN.md: counts below 5
are not shown to policy staff): a count below 5, or a share or rate on fewer than 5 records,
is not filled in; the question says "Te weinig gegevens in Omzien om dit in te vullen". A
yes/no from a count says only "at least one" and is still filled in."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from omzien.benchmark.models import AnswerSource
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day
from omzien.core.extensions import MunicipalityFigure, municipality_figures
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

NOTE = "Te weinig gegevens in Omzien om dit in te vullen"


@contextmanager
def figures(town, found: dict[str, tuple[str, float, int | None]]):
    """Register ``{key: (kind, value, base or None)}`` for ``town`` for the duration."""
    saved = list(municipality_figures._items)

    def const(value):
        return lambda ids, since, until: {town.pk: value}

    try:
        municipality_figures._items[:] = [f for f in saved if f.key not in found]
        for key, (kind, value, base) in found.items():
            municipality_figures.register(
                MunicipalityFigure(
                    key, key, const(value), kind, base=None if base is None else const(base)
                )
            )
        yield
    finally:
        municipality_figures._items[:] = saved


def small(base: int) -> dict:
    return {
        "contact_within_norm": ("share", 66.7, base),  # of `base` cases contacted
        "home_visit_reach": ("share", 40.0, base),  # of `base` addresses
        "signals_per_1000": ("rate", 0.3, base),  # from `base` signals
        "coalition_partners": ("count", base, None),
        "home_visits_done": ("count", 2, None),  # a yes/no question: "at least one"
    }


def answers(town, user, base):
    with figures(town, small(base)), on_day(IN_WINDOW):
        response = services.open_response(
            actor=user, municipality=town, questionnaire=ensure_questionnaire(2026)
        )
    return response, {a.question.code: a for a in response.answers.select_related("question")}


@pytest.fixture
def town(small_municipality):
    return small_municipality.municipality


def test_figures_on_3_records_are_not_filled_in(town):
    _response, found = answers(town, member(Role.POLICY, town), 3)
    for code in ("people.contact_within_norm", "people.home_visit_reach",
                 "people.signals_per_1000", "network.partners"):  # fmt: skip
        assert code not in found
    assert found["people.home_visits"].value is True  # 2 visits: yes, at least one


def test_figures_on_5_records_are_filled_in(town):
    _response, found = answers(town, member(Role.POLICY, town), 5)
    assert found["people.contact_within_norm"].value == 66.7
    assert found["people.home_visit_reach"].value == 40
    assert found["people.signals_per_1000"].value == 0.3
    assert found["network.partners"].value == 5


def test_the_page_says_there_are_too_few_records(client, town):
    policy = member(Role.POLICY, town)
    ensure_questionnaire(2026)
    with figures(town, small(3)), on_day(IN_WINDOW):
        login_verified(client, policy)
        page = client.get(f"/g/{town.slug}/benchmark/").content.decode()
    part = page.split('data-testid="question-people.contact_within_norm"', 1)[1]
    part = part.split("</fieldset>", 1)[0]
    assert NOTE in part and "66,7" not in part and "Ingevuld uit Omzien" not in part
    visits = page.split('data-testid="question-people.home_visits"', 1)[1]
    assert NOTE not in visits.split("</fieldset>", 1)[0]


def test_a_refresh_removes_a_filled_in_figure_that_became_too_few(town):
    policy = member(Role.POLICY, town)
    response, found = answers(town, policy, 5)
    assert "people.home_visit_reach" in found
    with figures(town, small(3)), on_day(IN_WINDOW):
        own = found["network.partners"]
        services.save_answer(
            actor=policy, response=response, question=own.question, raw="7",
            reason="Eigen telling",
        )  # fmt: skip
        services.refresh_prefill(actor=policy, response=response)
    left = {a.question.code: a for a in response.answers.select_related("question")}
    assert "people.home_visit_reach" not in left and "people.contact_within_norm" not in left
    assert left["network.partners"].source == AnswerSource.CORRECTED  # what a person typed stays
    assert left["network.partners"].value == 7
