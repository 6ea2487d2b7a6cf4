from django.db.models import QuerySet

from omzien.assessment.models import Assessment


def assessments_of(user, municipality, resident) -> QuerySet[Assessment]:
    """A resident's assessments, oldest first, as far as the user may see them."""
    return (
        Assessment.objects.visible_to(user, municipality)
        .filter(resident=resident)
        .order_by("taken_on", "id")
    )


def counted(assessments):
    """Only the assessments that count in trends and figures (not withdrawn)."""
    return [a for a in assessments if a.withdrawn_at is None]


def get_assessment(user, municipality, resident, pk: int) -> Assessment:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Assessment.objects.visible_to(user, municipality).filter(resident=resident), pk=pk
    )
