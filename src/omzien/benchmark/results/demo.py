"""The benchmark results' part of the demo (issue 12): three benchmark years (the current year
and the two before, counted from today as the questionnaire's demo does: ``demo_years``) with
submitted answers of the demo municipality, improving over the years, and of about 40 other
municipalities of the reference data (first those of the demo municipality's province, then of
its size class, then others), so that the comparison groups have 5 or more on the first start.

Deterministic (a seeded random generator), plausible answers per answer type, scores stored.
Works with any question set; a municipality that already has a year's response is left alone,
so the second run makes nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from omzien.benchmark.models import Answer, AnswerSource, BenchmarkResponse, Question
from omzien.benchmark.questionnaire.demo import demo_years
from omzien.benchmark.results.comparison import size_class
from omzien.benchmark.scoring import pillar_scores, scored
from omzien.core.models import Municipality

OTHERS = 40
SEED = 12
#: The demo municipality's level (0-1) in each of the demo years, oldest first: it improves.
DEMO_LEVELS = (0.42, 0.58, 0.72)


def _questionnaire(year: int):
    """The year's questionnaire: made by the questionnaire definition where it exists, else
    the one already in the database (None: that year is skipped)."""
    from omzien.benchmark.models import Questionnaire

    try:
        from omzien.benchmark.questionnaire.definition import ensure_questionnaire
    except ImportError:
        return Questionnaire.objects.filter(year=year).first()
    made = ensure_questionnaire(year)
    if isinstance(made, Questionnaire):
        return made
    return Questionnaire.objects.filter(year=year).first()


def other_municipalities(municipality, count: int = OTHERS) -> list[Municipality]:
    """Others of the reference data: the same province first, then the same size class, then
    the rest in a seeded order."""
    others = list(
        Municipality.objects.exclude(pk=municipality.pk)
        .order_by("code")
        .only("pk", "code", "province_id", "key_figures")
    )
    size = size_class((municipality.key_figures or {}).get("aantal_inwoners"))
    same_province = [
        m for m in others if m.province_id and m.province_id == municipality.province_id
    ]
    rest = [m for m in others if m not in same_province]
    same_size = [
        m for m in rest if size_class((m.key_figures or {}).get("aantal_inwoners")) == size
    ]
    rest = [m for m in rest if m not in same_size]
    random.Random(SEED).shuffle(rest)
    return (same_province[:20] + same_size[:10] + rest)[:count]


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def _number(question: Question, level: float):
    zero, full = question.scoring.get("zero"), question.scoring.get("full")
    if not isinstance(zero, int | float) or not isinstance(full, int | float):
        return round(10 * level)
    value = zero + (full - zero) * level
    whole = isinstance(zero, int) and isinstance(full, int)
    return round(value) if whole else round(value, 1)


def answer_value(question: Question, level: float, rng: random.Random):
    """A plausible answer for a municipality at ``level`` (0-1, noise added)."""
    level = _clip(level + rng.uniform(-0.2, 0.2))
    options = list(question.options or [])
    if question.answer_type == "yes_no":
        return rng.random() < level
    if question.answer_type == "number":
        return _number(question, level)
    if question.answer_type == "choice" and options:
        best = min(options, key=lambda o: abs(float(o.get("points", 0)) - level))
        return best["value"]
    if question.answer_type == "multi" and options:
        return [o["value"] for o in options if rng.random() < level]
    return None


#: What the demo municipality answers itself that its own demo records show (a coalition with
#: a kartrekker, a signalling point with reach monitored): its answers agree with its pages.
DEMO_OWN_ANSWERS = {
    "network.local_coalition": True,
    "network.kartrekker": True,
    "monitoring.reach_monitored": True,
}


def _from_records(municipality, questionnaire, questions) -> dict:
    """The answers Omzien's own records give (the pre-fill), for the demo municipality's
    latest year, so that its benchmark agrees with its coalition, signals and visits."""
    from omzien.benchmark.questionnaire.prefill import Figures

    figures = Figures(municipality.pk, questionnaire)
    found = {q.code: figures.answer(q)[0] for q in questions if q.prefill_key}
    return {**DEMO_OWN_ANSWERS, **{code: v for code, v in found.items() if v is not None}}


@transaction.atomic
def _respond(municipality, questionnaire, questions, level, rng, submitter, known=None) -> int:
    """A submitted response with answers and stored scores; 0 when there was one already.
    ``known``: answers to take instead of made-up ones."""
    if BenchmarkResponse.objects.filter(
        municipality=municipality, questionnaire=questionnaire
    ).exists():
        return 0
    values = {q.code: answer_value(q, level, rng) for q in questions}
    values.update(known or {})
    # Answers from the records are marked as pre-filled; for the other municipalities (no
    # records in the demo) a question Omzien could answer counts as pre-filled too.
    prefilled = {q.code for q in questions if q.prefill_key} if known is None else set(known)
    prefilled -= set(DEMO_OWN_ANSWERS)
    day = questionnaire.closes_on - dt.timedelta(days=rng.randint(1, 20))
    submitted_at = timezone.make_aware(dt.datetime.combine(day, dt.time(11, rng.randint(0, 59))))
    scores = pillar_scores([scored(q) for q in questions], values)
    response = BenchmarkResponse.objects.create(
        municipality=municipality,
        questionnaire=questionnaire,
        submitted_at=submitted_at,
        submitted_by=submitter,
        scores={str(p): s for p, s in scores.items()},
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=q,
            value=values[q.code],
            source=AnswerSource.PREFILLED if q.code in prefilled else AnswerSource.OWN,
            prefilled_value=values[q.code] if q.code in prefilled else None,
            changed_by=submitter,
        )
        for q in questions
    )
    return 1 + len(questions)


def load_results_demo(municipality, accounts) -> int:
    """Make the demo's benchmark answers; returns how many records it made (0 the second
    time)."""
    rng = random.Random(SEED)
    others = other_municipalities(municipality)
    base = {m.pk: rng.uniform(0.25, 0.8) for m in others}
    submitter = accounts.get("beleid") if accounts else None
    made = 0
    for index, year in enumerate(demo_years()):
        questionnaire = _questionnaire(year)
        if questionnaire is None:
            continue
        questions = list(questionnaire.questions.order_by("pillar", "position", "pk"))
        if not questions:
            continue
        latest = index == len(DEMO_LEVELS) - 1
        known = _from_records(municipality, questionnaire, questions) if latest else None
        level = DEMO_LEVELS[index]
        made += _respond(municipality, questionnaire, questions, level, rng, submitter, known)
        for other in others:
            level = base[other.pk] + 0.04 * index
            made += _respond(other, questionnaire, questions, level, rng, None)
    return made
