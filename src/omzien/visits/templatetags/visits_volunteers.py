"""Template tags of the volunteers part (issue 11): the round page's assignment counts."""

from django import template

from omzien.visits.volunteers import queries

register = template.Library()


@register.simple_tag
def assignment_counts(round):
    """Addresses still to visit in ``round``: assigned and unassigned (counts only)."""
    return queries.assignment_counts(round)
