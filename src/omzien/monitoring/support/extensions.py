"""What the support part adds to core (issue 12): menu entries, start cards, audit labels,
scope rules, figures. Called from ``monitoring/extensions.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.scoping import scope_rule

ACTIONS = {
    "support_requested": _("Ondersteuning gevraagd aan het programmateam"),
    "support_request_moved": _("Ondersteuningsvraag toegewezen, in behandeling, afgerond of "
                               "afgewezen"),
}  # fmt: skip


def _requests(qs, user, municipality, roles):
    """The municipality's policy staff and coordinators see its requests (they ask them); the
    programme team sees every municipality's (it handles them). No personal data of residents."""
    if roles & {"policy", "coordinator", "programme"}:
        return qs
    return qs.none()


def register() -> None:
    from omzien.monitoring.models import SupportEvent, SupportRequest
    from omzien.monitoring.support import figures

    scope_rule(SupportRequest)(_requests)
    scope_rule(SupportEvent)(_requests)
    extensions.register_audit_actions(ACTIONS)
    extensions.audit_objects.register(
        extensions.AuditObject("monitoring.supportrequest", _("Ondersteuningsvraag"))
    )
    menu(_("Ondersteuning"), "monitoring:request_list", "request_support", 72)
    extensions.start_cards.register(
        extensions.StartCard(
            "support_requests",
            _("Ondersteuning van het programma"),
            _("Vraag een adviseur, een workshop of hulp bij de benchmark of de risicokaart, en "
              "volg wat er met uw vraag gebeurt."),
            "request_support",
            "monitoring:request_list",
            _("Naar ondersteuning"),
            order=72,
        )
    )  # fmt: skip
    extensions.national_links.register(
        extensions.NationalLink(
            "support_requests",
            _("Ondersteuningsvragen"),
            _("Vragen van gemeenten om ondersteuning: toewijzen, volgen en afronden."),
            "monitoring:support_queue",
            order=72,
        )
    )
    figures.register()
    from omzien.monitoring.support.demo import load_support_demo

    extensions.demo_loaders.register(
        extensions.DemoLoader("support_requests", load_support_demo, order=151)
    )
