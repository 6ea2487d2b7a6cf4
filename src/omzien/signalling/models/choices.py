"""Choices of the signalling point: channels, signs, whether the person knows, relation;
and receipt codes."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Receipt codes avoid letters and digits that look alike (0/O, 1/I/L).
RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class Channel(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Meldformulier")
    PARTNER_LINK = "partner_link", _("Partnerlink")
    REPORTER = "reporter", _("Ingelogde signaleerder")
    PARTNER_API = "partner_api", _("Partner-API")
    PHONE = "phone", _("Telefoon (door medewerker)")
    SELF_REFERRAL = "self_referral", _("Zelfmelding")
    HOME_VISIT = "home_visit", _("Huisbezoek")


class Sign(models.TextChoices):
    """Signs reporters are asked about (DOMAIN.md section 5)."""

    CURTAINS_CLOSED = "curtains_closed", _("De gordijnen zijn al dagen dicht")
    NEGLECTED_HOME = "neglected_home", _("Tuin of huis raakt verwaarloosd")
    LETTERBOX_FULL = "letterbox_full", _("De brievenbus puilt uit")
    STOPPED_ACTIVITIES = "stopped_activities", _("Komt niet meer naar activiteiten")
    NOT_SEEN_OUTSIDE = "not_seen_outside", _("Wordt niet meer buiten gezien")
    LIGHTS_ON_DAYTIME = "lights_on_daytime", _("Overdag brandt het licht")
    DEAD_PLANTS = "dead_plants", _("Planten zijn dood")
    SELF_CARE_DECLINE = "self_care_decline", _("Verzorgt zichzelf minder goed")
    ALCOHOL_MEDICATION = "alcohol_medication", _("Drinkt meer of gebruikt medicijnen anders")
    LIFE_EVENT = (
        "life_event",
        _("Heeft iets ingrijpends meegemaakt (partner overleden, verhuisd, met pensioen, ziek)"),
    )
    OTHER = "other", _("Iets anders")


class PersonAware(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nee")
    UNKNOWN = "unknown", _("Weet ik niet")


class Relation(models.TextChoices):
    NEIGHBOUR = "neighbour", _("Buur")
    FAMILY = "family", _("Familie")
    FRIEND = "friend", _("Vriend of kennis")
    PROFESSIONAL = "professional", _("Via mijn werk")
    SELF = "self", _("Het gaat over mijzelf")
    OTHER = "other", _("Anders")


class PostcodeCheck(models.TextChoices):
    """Where a signal's postcode lies, seen from the municipality it was sent to (issue 8)."""

    IN_MUNICIPALITY = "", _("In de gemeente")
    UNKNOWN = "unknown", _("Postcode onbekend")
    ELSEWHERE = "elsewhere", _("Postcode in een andere gemeente")
