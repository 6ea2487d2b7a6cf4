"""Platform operators correct a question's text or tip of a year in the Django admin
(issue 12, item 1: versioned per year; docs/benchmark-questionnaire.md)."""

from __future__ import annotations

import pytest

from omzien.benchmark.models import Question
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.core.tests.factories import UserFactory, login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]


def test_an_operator_sees_a_years_questions_and_no_answers(client):
    questionnaire = ensure_questionnaire(2026)
    login_verified(client, UserFactory(is_superuser=True, is_staff=True))
    page = client.get(f"/systeembeheer/benchmark/questionnaire/{questionnaire.pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    first = questionnaire.questions.order_by("pillar", "position").first()
    assert first.text in content
    # Answers of municipalities are not in the admin at all.
    from django.contrib.admin.sites import site

    from omzien.benchmark.models import Answer, BenchmarkResponse

    assert Answer not in site._registry and BenchmarkResponse not in site._registry
    # A later year is its own copy: correcting 2026 leaves 2027 as it was.
    later = ensure_questionnaire(2027)
    Question.objects.filter(questionnaire=questionnaire, code=first.code).update(tip="Nieuw.")
    assert later.questions.get(code=first.code).tip != "Nieuw."
