"""Answers changed after submitting (issue 12): within the window the stored scores are
computed again in the same save, so comparison, trend and factsheet use the same answers as
the tips; the page says when answers changed after submitting."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from omzien.benchmark.models import BenchmarkResponse
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.results.scores import trend, weak_items
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day, registered_figures
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

LATER = datetime.datetime(2026, 9, 16, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def town(small_municipality):
    return small_municipality.municipality


def _submitted(town, policy):
    questionnaire = ensure_questionnaire(2026)
    with registered_figures({}), on_day(IN_WINDOW):
        response = services.open_response(
            actor=policy, municipality=town, questionnaire=questionnaire
        )
        question = questionnaire.questions.get(code="commitment.alderman")
        services.save_answer(actor=policy, response=response, question=question, raw="ja")
        response = services.submit_response(actor=policy, response=response)
    return response, question


def test_changing_an_answer_after_submitting_stores_new_scores(client, town):
    policy = member(Role.POLICY, town)
    response, question = _submitted(town, policy)
    before, submitted_at = dict(response.scores), response.submitted_at
    assert "commitment.alderman" not in {tip.code for tip in weak_items(response)}
    with time_machine.travel(LATER, tick=False):
        services.save_answer(actor=policy, response=response, question=question, raw="nee")
        login_verified(client, policy)
        page = client.get(f"/g/{town.slug}/benchmark/?jaar=2026").content.decode()
    stored = BenchmarkResponse.objects.get(pk=response.pk)
    assert stored.submitted_at == submitted_at  # still submitted once, at the same moment
    assert stored.scores == services.compute_scores(stored)
    assert stored.scores["1"] < before["1"]
    # Trend (and so comparison and factsheet) and tips come from the same answers now.
    assert trend(town)[-1].scores[1] == stored.scores["1"]
    assert "commitment.alderman" in {tip.code for tip in weak_items(stored)}
    assert "Ingediend op 15 september 2026" in page
    assert 'data-testid="changed-after-submit"' in page
    assert "Gewijzigd na indienen op 16 september 2026 11:30" in page


def test_before_any_change_the_page_says_only_when_it_was_submitted(client, town):
    policy = member(Role.POLICY, town)
    _submitted(town, policy)
    with on_day(IN_WINDOW):
        login_verified(client, policy)
        page = client.get(f"/g/{town.slug}/benchmark/?jaar=2026").content.decode()
    assert "Ingediend op 15 september 2026" in page
    assert "Gewijzigd na indienen" not in page


def test_a_refresh_after_submitting_also_stores_new_scores(town):
    policy = member(Role.POLICY, town)
    questionnaire = ensure_questionnaire(2026)
    with registered_figures({"coalition_partners": ("count", {town.pk: 0})}), on_day(IN_WINDOW):
        response = services.open_response(
            actor=policy, municipality=town, questionnaire=questionnaire
        )
        response = services.submit_response(actor=policy, response=response)
    before = dict(response.scores)
    more = {"coalition_partners": ("count", {town.pk: 40})}
    with registered_figures(more), time_machine.travel(LATER, tick=False):
        assert services.refresh_prefill(actor=policy, response=response)
    stored = BenchmarkResponse.objects.get(pk=response.pk)
    assert stored.scores == services.compute_scores(stored) != before
