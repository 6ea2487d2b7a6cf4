"""Opening and closing a municipality's signalling point (issue 8).

A municipality takes signals (public form, self-referral, partner links, partner API) only
while its signalling point is open (``SignallingSettings.live_since``). The coordinator opens
it when the checklist is complete: someone gets the e-mail about urgent signals, the texts for
reporters are filled in, and every district has a team, or the coordinator accepts that
signals from districts without a team come to the coordinator's own queue.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omzien.core import audit
from omzien.core.models import District, Municipality, User
from omzien.core.scoping import require
from omzien.signalling.models import SignallingSettings
from omzien.signalling.notifications import coordinator_addresses
from omzien.signalling.settings import TEXT_FIELDS, settings_of
from omzien.signalling.setup.services import SetupError


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: what is needed, whether it is there, and what to do."""

    key: str
    label: str
    done: bool
    detail: str = ""


def districts_without_team(municipality: Municipality) -> list[District]:
    """Districts no team serves: their signals go to the coordinator's queue."""
    return list(
        District.objects.filter(municipality=municipality, teams__isnull=True).order_by("name")
    )


def checklist(municipality: Municipality) -> list[CheckItem]:
    settings = settings_of(municipality)
    without_team = districts_without_team(municipality)
    return [
        CheckItem(
            "mail",
            _("Iemand krijgt een e-mail bij een urgente melding"),
            bool(coordinator_addresses(municipality)),
            _("Vul bij de teksten een e-mailadres in, of geef een kartrekker een e-mailadres."),
        ),
        CheckItem(
            "texts",
            _("De teksten voor melders zijn ingevuld"),
            all(getattr(settings, name).strip() for name in TEXT_FIELDS if name != "notify_email"),
            _("Vul de drie teksten voor melders in."),
        ),
        CheckItem(
            "teams",
            _("Elke wijk heeft een team"),
            not without_team,
            ngettext(
                "%(n)d wijk heeft geen team. Meldingen uit die wijk komen bij de kartrekker.",
                "%(n)d wijken hebben geen team. Meldingen uit die wijken komen bij de kartrekker.",
                len(without_team),
            )
            % {"n": len(without_team)},
        ),
    ]


@transaction.atomic
def open_signalling_point(
    *, actor: User, municipality: Municipality, accept_fallback: bool = False
) -> SignallingSettings:
    """Open the signalling point: from now on the municipality takes signals. Refused (with
    a Dutch message) while the checklist is not complete; districts without a team are
    allowed when the coordinator accepts that their signals come to the coordinator."""
    require(actor, "manage_routing", municipality)
    missing = [
        item
        for item in checklist(municipality)
        if not item.done and not (item.key == "teams" and accept_fallback)
    ]
    if missing:
        raise SetupError(" ".join(item.detail for item in missing))
    settings = settings_of(municipality)
    if settings.live_since is None:
        settings.live_since = timezone.now()
        settings.save()
        audit.record(
            "signalling_opened",
            actor=actor,
            municipality=municipality,
            districts_without_team=len(districts_without_team(municipality)),
        )
    return settings


@transaction.atomic
def close_signalling_point(*, actor: User, municipality: Municipality) -> SignallingSettings:
    """Close it again: no new signals. Open cases, status pages and the partner queue's
    signals already accepted carry on."""
    require(actor, "manage_routing", municipality)
    settings = settings_of(municipality)
    if settings.live_since is not None:
        settings.live_since = None
        settings.save()
        audit.record("signalling_closed", actor=actor, municipality=municipality)
    return settings
