"""What the coalition part adds to core (issue 12): menu entry, start card, the programme's
national link, audit labels, scope rules, figures and the demo. Called from
``benchmark/extensions.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.roles import roles_allowed
from omzien.core.scoping import scope_rule

AUDIT_LABELS = {
    "coalition_member_added": _("Coalitiepartner toegevoegd"),
    "coalition_member_changed": _("Coalitiepartner gewijzigd"),
    "coalition_member_ended": _("Coalitiepartner gestopt"),
    "coalition_kartrekker_saved": _("Kartrekker opgeslagen"),
    "coalition_activity_added": _("Gezamenlijke activiteit toegevoegd"),
    "coalition_activity_changed": _("Gezamenlijke activiteit gewijzigd"),
    "coalition_participation_added": _("Lokale samenwerking toegevoegd"),
    "coalition_participation_changed": _("Lokale samenwerking gewijzigd"),
    "national_partnership_added": _("Landelijk partnerschap toegevoegd"),
    "national_partnership_changed": _("Landelijk partnerschap gewijzigd"),
}


def coalition_readers(qs, user, municipality, roles):
    """Everyone who may see the coalition page sees all of it (no personal data of residents;
    the kartrekker is a professional contact)."""
    return qs if roles & roles_allowed("view_coalition") else qs.none()


def register() -> None:
    from omzien.benchmark.coalition import figures
    from omzien.benchmark.coalition.demo import load_coalition_demo
    from omzien.benchmark.models import (
        CoalitionMember,
        JointActivity,
        Kartrekker,
        LocalParticipation,
    )

    for model in (CoalitionMember, Kartrekker, JointActivity, LocalParticipation):
        scope_rule(model)(coalition_readers)
    extensions.register_audit_actions(AUDIT_LABELS)
    menu(_("Coalitie"), "benchmark:coalition", "view_coalition", 62)
    extensions.start_cards.register(
        extensions.StartCard(
            "coalition",
            _("De lokale coalitie"),
            _("Wie er meedoet per sector, de kartrekker, gezamenlijke activiteiten en landelijke "
              "partnerschappen."),
            "view_coalition",
            "benchmark:coalition",
            _("Naar de coalitie"),
            order=62,
        )
    )  # fmt: skip
    extensions.national_links.register(
        extensions.NationalLink(
            "partnerships",
            _("Landelijke partnerschappen"),
            _("De lijst van landelijke partners en in hoeveel gemeenten zij lokaal actief zijn."),
            "benchmark:partnership_list",
            order=62,
        )
    )
    figures.register()
    extensions.demo_loaders.register(
        extensions.DemoLoader("coalition", load_coalition_demo, order=135)
    )
