"""E-mails of the signalling point. They carry a receipt code and a link, never a name,
an address or the worry itself."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.core.models import User
from omzien.signalling.settings import settings_of


def coordinator_addresses(municipality) -> list[str]:
    configured = settings_of(municipality).notify_email
    if configured:
        return [configured]
    return sorted(
        User.objects.filter(
            memberships__municipality=municipality,
            memberships__role="coordinator",
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _absolute(path: str) -> str:
    base = getattr(settings, "OMZIEN_BASE_URL", "").rstrip("/")
    return f"{base}{path}"


def _mail_coordinator(case, subject: str, message: str, **values) -> None:
    """An e-mail to the coordinator about a case: ``message`` is filled with ``values`` and
    the case's link as ``%(link)s``; never a name, an address or the worry."""
    recipients = coordinator_addresses(case.municipality)
    if not recipients:
        return
    link = _absolute(
        reverse(
            "signalling:case_detail",
            kwargs={"municipality_slug": case.municipality.slug, "pk": case.pk},
        )
    )
    send_mail(
        subject=subject,
        message=message % {**values, "link": link},
        from_email=None,
        recipient_list=recipients,
    )


def urgent_signal(signal) -> None:
    """Tell the coordinator at once that an urgent signal came in."""
    code = signal.receipt_code
    _mail_coordinator(
        signal.case,
        _("URGENT: melding %(code)s") % {"code": code},
        _(
            "Er is een urgente melding binnengekomen met code %(code)s.\n"
            "De tekst wijst mogelijk op acuut gevaar of gedachten aan zelfdoding.\n\n"
            "Bekijk het traject (inloggen nodig):\n%(link)s\n"
        ),
        code=code,
    )


def urgent_closed_without_contact(case) -> None:
    """Tell the coordinator that an urgent case closed without anyone speaking to the
    person (issue 8): the reason is on the case page, not in the e-mail."""
    _mail_coordinator(
        case,
        _("Urgent traject %(id)d gesloten zonder contact") % {"id": case.pk},
        _(
            "Traject %(id)d was urgent en is gesloten zonder dat iemand de persoon heeft "
            "gesproken. De toelichting staat bij het traject.\n\n"
            "Bekijk het traject (inloggen nodig):\n%(link)s\n"
        ),
        id=case.pk,
    )
