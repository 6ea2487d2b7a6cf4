"""The last imports of a round for its page (visits/imports/, issue 11), without the bytes of
an upload still in progress."""

from django import template

register = template.Library()


@register.simple_tag
def recent_imports(round, count: int = 5):
    from omzien.visits.models import AddressImport

    return (
        AddressImport.objects.filter(round=round)
        .defer("upload")
        .order_by("-created_at", "-pk")[:count]
    )
