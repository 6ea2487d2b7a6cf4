"""What the knowledge part adds to core (issue 12): menu entries, start cards, audit labels,
scope rules, figures. Called from ``monitoring/extensions.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.scoping import scope_rule

ACTIONS = {
    "approach_saved": _("Aanpak opgeslagen"),
    "approach_moved": _("Stand van een aanpak gewijzigd (ingediend, gepubliceerd, ...)"),
    "approach_featured": _("Aanpak uitgelicht of niet meer uitgelicht"),
}


def _approaches(qs, user, municipality, roles):
    """The municipality's staff see its approaches in every state; the programme, in a
    municipality's pages, only what is published (it curates on its national pages)."""
    from omzien.monitoring.models import ApproachState

    if roles & {"policy", "coordinator", "caseworker"}:
        return qs
    if "programme" in roles:
        return qs.filter(state=ApproachState.PUBLISHED)
    return qs.none()


def register() -> None:
    from omzien.monitoring.models import Approach

    scope_rule(Approach)(_approaches)
    extensions.register_audit_actions(ACTIONS)
    extensions.audit_objects.register(extensions.AuditObject("monitoring.approach", _("Aanpak")))
    menu(_("Aanpakken"), "monitoring:approach_list", "view_approaches", 70)
    extensions.start_cards.register(
        extensions.StartCard(
            "approaches",
            _("Aanpakken van andere gemeenten"),
            _("Vind wat elders werkt tegen eenzaamheid, naar soort eenzaamheid, doelgroep en "
              "grootte van de gemeente, en deel uw eigen aanpak."),
            "share_approach",
            "monitoring:approach_list",
            _("Naar de aanpakken"),
            order=70,
        )
    )  # fmt: skip
    extensions.national_links.register(
        extensions.NationalLink(
            "approaches",
            _("Aanpakken beoordelen"),
            _("Aanpakken die gemeenten hebben ingediend: publiceren, terugsturen of uitlichten."),
            "monitoring:curation_queue",
            order=70,
        )
    )
    from omzien.monitoring.knowledge.demo import load_knowledge_demo

    extensions.demo_loaders.register(
        extensions.DemoLoader("approaches", load_knowledge_demo, order=150)
    )
