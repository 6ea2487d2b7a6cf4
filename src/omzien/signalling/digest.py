"""The coordinator's daily digest of overdue cases (first contact past its deadline).

Like every e-mail of the signalling point it carries case numbers, receipt codes and links,
never a name, an address or the worry itself. It goes to the addresses of
``notifications.coordinator_addresses``: the municipality's notify_email, or else its
coordinators.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import Municipality
from omzien.signalling import notifications
from omzien.signalling.cases.queries import overdue_cases, overdue_q
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.models import Case, Signal

#: At most this many cases are listed one by one; the count always covers all of them.
MAX_LISTED = 100


@dataclass
class DigestResult:
    cases: int
    recipients: int


def _case_line(case: Case, codes: list[str], now: dt.datetime) -> str:
    late = now - case.contact_deadline
    hours = int(late.total_seconds() // 3600)
    if hours >= 48:
        overdue = _("%(days)s dagen") % {"days": hours // 24}
    else:
        overdue = _("%(hours)s uur") % {"hours": hours}
    link = notifications._absolute(
        reverse(
            "signalling:case_detail",
            kwargs={"municipality_slug": case.municipality.slug, "pk": case.pk},
        )
    )
    parts = [_("Traject #%(number)s") % {"number": case.pk}]
    if codes:
        parts.append(_("meldcode %(codes)s") % {"codes": ", ".join(codes)})
    if case.urgent:
        parts.append(_("URGENT"))
    parts.append(_("termijn %(overdue)s verstreken") % {"overdue": overdue})
    return f"- {', '.join(parts)}\n  {link}"


def digest_text(municipality: Municipality, cases: list[Case], now: dt.datetime) -> str:
    codes: dict[int, list[str]] = {}
    for case_id, code in (
        Signal.objects.filter(case__in=[c.pk for c in cases[:MAX_LISTED]])
        .order_by("created_at", "pk")
        .values_list("case_id", "receipt_code")
    ):
        codes.setdefault(case_id, []).append(code)
    urgent = sum(1 for case in cases if case.urgent)
    lines = [
        _("Goedemorgen,"),
        "",
        _(
            "In %(municipality)s hebben %(count)s trajecten nog geen eerste contact, "
            "terwijl de termijn voorbij is (%(urgent)s daarvan urgent)."
        )
        % {"municipality": municipality.name, "count": len(cases), "urgent": urgent},
        "",
        *(_case_line(case, codes.get(case.pk, []), now) for case in cases[:MAX_LISTED]),
    ]
    if len(cases) > MAX_LISTED:
        lines.append(_("- en nog %(count)s trajecten") % {"count": len(cases) - MAX_LISTED})
    lines += ["", _("Inloggen is nodig om de trajecten te openen."), ""]
    return "\n".join(lines)


def send_overdue_digest(municipality: Municipality, *, now: dt.datetime | None = None):
    """E-mail the digest if the municipality has overdue cases. Returns what was sent."""
    now = now or timezone.now()
    cases = list(
        overdue_cases(municipality, now)
        .select_related("municipality")
        .order_by("-urgent", "contact_deadline", "pk")
    )
    recipients = notifications.coordinator_addresses(municipality) if cases else []
    if not cases or not recipients:
        return DigestResult(cases=len(cases), recipients=0)
    send_mail(
        subject=_("Dagoverzicht %(municipality)s: %(count)s trajecten over de termijn")
        % {"municipality": municipality.name, "count": len(cases)},
        message=digest_text(municipality, cases, now),
        from_email=None,
        recipient_list=recipients,
    )
    audit.record(
        "overdue_digest_sent",
        municipality=municipality,
        cases=len(cases),
        recipients=len(recipients),
    )
    return DigestResult(cases=len(cases), recipients=len(recipients))


def send_overdue_digests(
    *, now: dt.datetime | None = None, code: str | None = None
) -> dict[str, DigestResult]:
    """The digest for every municipality with overdue cases (or the one with ``code``)."""
    now = now or timezone.now()
    with_overdue = Municipality.objects.filter(
        pk__in=Case.objects.filter(state__in=OPEN_STATES)
        .filter(overdue_q(now))
        .values("municipality_id")
    ).order_by("code")
    if code:
        with_overdue = with_overdue.filter(code=code)
    return {m.code: send_overdue_digest(m, now=now) for m in with_overdue}
