"""The warm handover (issue 9): an e-mail to the initiative's contact with only what the
resident allowed the caseworker to share.

Without any field ticked nothing is sent at all: no e-mail, so no personal data leaves and
the initiative learns nothing about the resident. The caseworker then tells the resident how
to get in touch themselves (the page says so). The subject never holds personal data.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.signalling.models import Referral, ShareField


def _address(resident) -> str:
    line = resident.address_line
    place = " ".join(part for part in [resident.postcode, resident.place] if part)
    return ", ".join(part for part in [line, place] if part)


def shared_lines(resident, share, note: str) -> list[tuple[str, str]]:
    """(label, value) for each field to share that holds something, in a fixed order."""
    values = {
        ShareField.NAME: resident.name if resident else "",
        ShareField.PHONE: resident.phone if resident else "",
        ShareField.EMAIL: resident.email if resident else "",
        ShareField.ADDRESS: _address(resident) if resident else "",
        ShareField.NOTE: note.strip(),
    }
    return [
        (str(ShareField(field).label), values[field])
        for field in ShareField.values
        if field in set(share) and values[field]
    ]


def message(referral: Referral, lines: list[tuple[str, str]], actor) -> tuple[str, str]:
    """The subject and body of the handover e-mail."""
    initiative = referral.initiative
    subject = _("Verwijzing naar %(name)s") % {"name": initiative.name}
    sender = getattr(actor, "display_name", "") or _("een welzijnswerker")
    body = [
        _("Beste %(name)s,") % {"name": initiative.contact_name or _("contactpersoon")},
        "",
        _(
            "Via de gemeente %(municipality)s verwijst %(sender)s iemand naar "
            "“%(initiative)s”. De persoon heeft toestemming gegeven om deze gegevens met u te "
            "delen:"
        )
        % {
            "municipality": referral.municipality.name,
            "sender": sender,
            "initiative": initiative.name,
        },
        "",
        *[f"{label}: {value}" for label, value in lines],
        "",
        _("Wilt u contact opnemen met de persoon? Bewaar deze gegevens niet langer dan nodig."),
    ]
    if getattr(actor, "email", ""):
        body.append(_("Vragen over deze verwijzing: %(email)s") % {"email": actor.email})
    return subject, "\n".join(body) + "\n"


def send(referral_id: int, share, note: str, actor) -> bool:
    """Send the handover (after the referral's transaction committed); record what went."""
    referral = (
        Referral.objects.select_related("initiative", "municipality", "case__resident")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or not referral.initiative.contact_email:
        return False
    lines = shared_lines(referral.case.resident, share, note)
    if not lines:
        return False  # nothing the resident allowed is known: nothing leaves
    labels = {str(ShareField(f).label): f for f in ShareField.values}
    sent = [labels[label] for label, _value in lines]
    subject, body = message(referral, lines, actor)
    send_mail(subject, body, None, [referral.initiative.contact_email])
    now = timezone.now()
    Referral.objects.filter(pk=referral.pk).update(handover_sent_at=now, shared=sent)
    audit.record(
        "referral_handover_sent",
        actor=actor,
        obj=referral.case,
        referral=referral.pk,
        initiative=referral.initiative_id,
        shared=sent,
    )
    return True
