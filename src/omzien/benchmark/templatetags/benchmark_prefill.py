"""Template tags of the benchmark questionnaire (issue 12): whether Omzien cannot fill in a
question for the municipality (too few records), for the note under the question."""

from __future__ import annotations

from django import template

from omzien.benchmark.questionnaire.prefill import Figures, not_filled

register = template.Library()


@register.simple_tag(takes_context=True)
def too_few_to_fill(context, row) -> bool:
    """True when the question has a registered figure that Omzien does not fill in for this
    municipality (too few records, or none) and nobody took an answer from Omzien. The figures
    are asked once per page (kept on the questionnaire of the context)."""
    question = row.question
    municipality, questionnaire = context.get("municipality"), context.get("questionnaire")
    if not question.prefill_key or row.from_omzien or municipality is None or not questionnaire:
        return False
    cache = questionnaire.__dict__.setdefault("_omzien_prefill_figures", {})
    if municipality.pk not in cache:
        cache[municipality.pk] = Figures(municipality.pk, questionnaire)
    return not_filled(municipality.pk, questionnaire, question, cache[municipality.pk])
