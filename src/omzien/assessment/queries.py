from django.db.models import QuerySet

from omzien.assessment.models import Assessment


def assessments_of(user, municipality, resident) -> QuerySet[Assessment]:
    """A resident's assessments, oldest first, as far as the user may see them."""
    return (
        Assessment.objects.visible_to(user, municipality)
        .filter(resident=resident)
        .order_by("taken_on", "id")
    )
