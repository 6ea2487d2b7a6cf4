"""The signalling point's audit actions and objects in Dutch, for the audit log
(core.extensions ``audit_actions`` and ``audit_objects``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core.extensions import AuditObject, audit_objects, register_audit_actions

ACTIONS = {
    "signal_received": _("Melding ontvangen"),
    "case_list_viewed": _("Lijst met meldingen bekeken"),
    "case_viewed": _("Traject bekeken"),
    "case_assigned": _("Traject toegewezen"),
    "case_taken": _("Traject opgepakt"),
    "case_attempt_logged": _("Contactpoging vastgelegd"),
    "case_note_added": _("Gesprek vastgelegd"),
    "case_consent_recorded": _("Toestemming vastgelegd"),
    "case_moved": _("Status van traject gewijzigd"),
    "case_closed": _("Traject afgesloten"),
    "case_reopened": _("Traject heropend"),
    "case_assessment_recorded": _("Meting in traject vastgelegd"),
    "case_personal_data_erased": _("Persoonsgegevens van traject gewist"),
    "reporter_contact_erased": _("Contactgegevens van melder gewist"),
    "resident_exported": _("Inzage voor inwoner gemaakt"),
    "resident_erased": _("Inwoner gewist"),
    "overdue_digest_sent": _("Overzicht van te late trajecten verstuurd"),
    "settings_changed": _("Normen of bewaartermijnen gewijzigd"),
    "signalling_texts_changed": _("Teksten van het signaalpunt gewijzigd"),
    "routing_changed": _("Verdeling over teams gewijzigd"),
    "api_key_created": _("API-sleutel gemaakt"),
    "api_key_revoked": _("API-sleutel ingetrokken"),
    "api_token_issued": _("Toegang tot de API gegeven"),
    "partner_link_created": _("Partnerlink gemaakt"),
    "partner_link_revoked": _("Partnerlink ingetrokken"),
    "signalling_opened": _("Signaalpunt opengezet"),
    "signalling_closed": _("Signaalpunt gesloten"),
    "case_needs_recorded": _("Wensen en belemmeringen vastgelegd"),
    "referral_proposed": _("Verwijzing naar een initiatief vastgelegd"),
    "referral_moved": _("Stand van een verwijzing bijgewerkt"),
    "referral_followed_up": _("Verwijzing opgevolgd"),
    "referral_handover_sent": _("Warme overdracht naar initiatief verstuurd"),
}

#: Page views. ``resident_exported`` counts as one: the inzage page records it instead of
#: ``resident_viewed``, and a HEAD request records neither.
READS = ("case_list_viewed", "case_viewed", "resident_exported")


def _visible_cases(user, municipality, ids) -> set[int]:
    from omzien.core.scoping import can
    from omzien.signalling.models import Case

    if not can(user, "view_cases", municipality):
        return set()
    return set(
        Case.objects.visible_to(user, municipality).filter(pk__in=ids).values_list("pk", flat=True)
    )


def register() -> None:
    register_audit_actions(ACTIONS, reads=READS)
    for record in (
        AuditObject(
            "signalling.case",
            _("Traject"),
            "signalling:case_detail",
            _visible_cases,
            filter_key="traject",
            filter_label=_("Trajectnummer"),
            extra_keys=("case", "cases"),
        ),
        AuditObject("signalling.signal", _("Melding")),
        AuditObject("signalling.apikey", _("API-sleutel")),
        AuditObject("signalling.partnerlink", _("Partnerlink")),
        AuditObject("signalling.signallingsettings", _("Instellingen signaalpunt")),
    ):
        audit_objects.register(record)
