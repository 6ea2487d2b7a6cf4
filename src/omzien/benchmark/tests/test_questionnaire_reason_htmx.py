"""Correcting a pre-filled answer on the page with htmx (issue 12): the reason and the value
each post on change. Typing the reason first does not save (and so does not drop it); the
value change then saves both. Value first asks for a reason, the reason then saves both.
After a save the fragment keeps the typed reason."""

from __future__ import annotations

import pytest

from omzien.benchmark.models import Answer, AnswerSource
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.tests.factories_questionnaire import IN_WINDOW, on_day, registered_figures
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member

pytestmark = [pytest.mark.issue(12), pytest.mark.django_db]

CODE = "network.partners"
REASON = "Drie sportclubs doen sinds kort mee."


@pytest.fixture
def filled(client, small_municipality):
    """A policy officer's client and the 2026 response with network.partners pre-filled: 12."""
    town = small_municipality.municipality
    policy = member(Role.POLICY, town)
    with registered_figures({"coalition_partners": ("count", {town.pk: 12})}), on_day(IN_WINDOW):
        services.open_response(
            actor=policy, municipality=town, questionnaire=ensure_questionnaire(2026)
        )
    login_verified(client, policy)
    return client, town


def _post(client, town, value, reason):
    """What htmx posts on a change in the question's fieldset (its value and reason)."""
    data = {"jaar": "2026", "question": CODE, CODE: value, f"{CODE}-reden": reason}
    with on_day(IN_WINDOW):
        return client.post(f"/g/{town.slug}/benchmark/antwoord/", data, HTTP_HX_REQUEST="true")


def _answer() -> Answer:
    return Answer.objects.get(question__code=CODE)


def test_reason_first_then_value_saves_both(filled):
    client, town = filled
    first = _post(client, town, "12", REASON)
    assert first.status_code == 200
    assert f'value="{REASON}"' in first.content.decode()  # the reason is still there
    assert 'data-testid="saved-' not in first.content.decode()
    assert "Wijzig nu het antwoord" in first.content.decode()
    assert _answer().source == AnswerSource.PREFILLED and _answer().value == 12
    second = _post(client, town, "15", REASON)
    assert second.status_code == 200
    assert f'value="{REASON}"' in second.content.decode()
    assert "Opgeslagen" in second.content.decode()
    answer = _answer()
    assert answer.value == 15 and answer.prefilled_value == 12
    assert answer.source == AnswerSource.CORRECTED and answer.correction_reason == REASON


def test_value_first_asks_for_the_reason_then_saves_both(filled):
    client, town = filled
    first = _post(client, town, "15", "")
    assert first.status_code == 422
    assert "waarom u het wijzigt" in first.content.decode()
    assert 'value="15"' in first.content.decode()  # what was typed stays
    assert _answer().value == 12
    second = _post(client, town, "15", REASON)
    assert second.status_code == 200
    assert f'value="{REASON}"' in second.content.decode()
    answer = _answer()
    assert answer.value == 15 and answer.correction_reason == REASON
    assert answer.source == AnswerSource.CORRECTED
