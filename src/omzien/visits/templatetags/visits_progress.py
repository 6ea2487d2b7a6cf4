"""``{% progress_headline round %}``: the progress block on the round page (issue 11,
item 6): the headline figures of the round and the links to progress and district report,
suppressed for policy staff as on the progress page."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from omzien.visits.progress import queries

register = template.Library()


@register.inclusion_tag("visits/progress/_headline.html", takes_context=True)
def progress_headline(context, round):
    request = context["request"]
    result = queries.progress_for(request.user, round)
    total = result.total
    return {
        "municipality": context["municipality"],
        "round": round,
        "progress": result,
        "figures": [
            (label, total.cell(key, result.exact))
            for key, label in (
                ("addresses", _("Adressen")),
                ("letters_sent", _("Brieven verstuurd")),
                ("visited", _("Bezocht")),
                ("rate_letters", _("Bezocht van brieven")),
            )
        ],
    }
