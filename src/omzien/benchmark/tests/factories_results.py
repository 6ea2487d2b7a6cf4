"""Factories for the benchmark results' tests (issue 12): a small questionnaire of our own (the
definition of the questionnaire part is not needed), municipalities with a province and a
number of inhabitants, and submitted responses with given scores or answers."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from omzien.benchmark.models import Answer, BenchmarkResponse, Question, Questionnaire
from omzien.core.models import Province
from omzien.core.tests.factories import MunicipalityFactory


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province

    code = factory.Sequence(lambda n: f"X{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Testprovincie {n}")


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire
        django_get_or_create = ("year",)

    year = 2025
    opens_on = factory.LazyAttribute(lambda o: dt.date(o.year, 9, 1))
    closes_on = factory.LazyAttribute(lambda o: dt.date(o.year, 10, 7))
    results_on = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    pillar = 1
    code = factory.Sequence(lambda n: f"vraag_{n}")
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Testvraag {n}?")
    answer_type = "yes_no"
    tip = ""


def make_questionnaire(year: int = 2025, *, results_on: dt.date | None = None) -> Questionnaire:
    """A questionnaire with per pillar a yes/no question (tip "Tip <pillar>"), and in pillar 1
    also a number, a choice and a multi question (all with tips)."""
    questionnaire = QuestionnaireFactory(year=year)
    if results_on is not None:
        questionnaire.results_on = results_on
        questionnaire.save(update_fields=["results_on"])
    for pillar in range(1, 6):
        QuestionFactory(
            questionnaire=questionnaire,
            pillar=pillar,
            code=f"p{pillar}_janee",
            text=f"Vraag ja of nee van pijler {pillar}?",
            tip=f"Tip {pillar}: begin klein.",
        )
    options = [
        {"value": "geen", "label": "Geen", "points": 0},
        {"value": "deels", "label": "Deels", "points": 0.5},
        {"value": "helemaal", "label": "Helemaal", "points": 1},
    ]
    QuestionFactory(
        questionnaire=questionnaire,
        code="p1_getal",
        text="Budget per inwoner?",
        answer_type="number",
        scoring={"zero": 0, "full": 2},
        tip="Tip getal: maak structureel budget vrij.",
    )
    QuestionFactory(
        questionnaire=questionnaire,
        code="p1_keuze",
        text="Beleid vastgesteld?",
        answer_type="choice",
        options=options,
        tip="Tip keuze: leg het beleid vast.",
    )
    QuestionFactory(
        questionnaire=questionnaire,
        code="p1_meer",
        text="Welke domeinen doen mee?",
        answer_type="multi",
        options=options,
        tip="Tip meer: betrek meer domeinen.",
    )
    return questionnaire


def municipality_in(province=None, inhabitants: int | None = 30_000, **kwargs):
    figures = {} if inhabitants is None else {"aantal_inwoners": inhabitants}
    return MunicipalityFactory(province=province, key_figures=figures, **kwargs)


def submit(municipality, questionnaire, scores=None, answers=None, submitted=True):
    """A response; ``scores`` ({pillar: score}) stored as is; ``answers`` ({code: value})
    stored as answers (without scores, unless given)."""
    response = BenchmarkResponse.objects.create(
        municipality=municipality,
        questionnaire=questionnaire,
        submitted_at=timezone.now() if submitted else None,
        scores={str(p): float(s) for p, s in (scores or {}).items()},
    )
    for code, value in (answers or {}).items():
        Answer.objects.create(
            response=response, question=questionnaire.questions.get(code=code), value=value
        )
    return response


def uniform(score: float) -> dict[int, float]:
    """The same score on every pillar."""
    return {p: score for p in range(1, 6)}
