"""``{% letters_block round %}``: the letters part of the round page (visits/letters/)."""

from django import template

from omzien.visits.letters import queries

register = template.Library()


@register.inclusion_tag("visits/letters/_block.html", takes_context=True)
def letters_block(context, round):
    return {
        "csrf_token": context.get("csrf_token"),
        "municipality": context["municipality"],
        "round": round,
        "counts": queries.letter_counts(round),
        "parts": queries.parts_of(round),
        "volunteers": queries.volunteers_of(round),
        "per_pdf": queries.LETTERS_PER_PDF,
    }
