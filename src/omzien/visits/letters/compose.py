"""The wording of a letter and of a "niet thuis" card: from records to the plain values that
``pdf`` prints. Dutch, plain language (B1); dates in Dutch whatever the request's language."""

from __future__ import annotations

from functools import lru_cache

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from omzien.visits.letters.pdf import CardSheet, Letter
from omzien.visits.models import VisitAddress, VisitRound, Volunteer


def first_name_of(volunteer: Volunteer | None) -> str:
    return (volunteer.user.first_name.strip() if volunteer else "") or ""


def who_comes(volunteer: Volunteer | None) -> str:
    name = first_name_of(volunteer)
    if not name:
        return _("Een vrijwilliger. Die laat bij de deur een pas zien.")
    return _("%(name)s, vrijwilliger. %(name)s laat bij de deur een pas zien.") % {"name": name}


@lru_cache(maxsize=4096)  # a batch has few distinct times: word each once
def when(at) -> str:
    with translation.override("nl"):
        return formats.date_format(timezone.localtime(at), r"l j F Y \o\m H:i \u\u\r")


def today_text() -> str:
    with translation.override("nl"):
        return formats.date_format(timezone.localdate(), "j F Y")


def recipient(address: VisitAddress) -> tuple[str, ...]:
    """Name, street and number, "1234 AB  PLAATS" (PostNL: two spaces, place in capitals)."""
    postcode = address.postcode.replace(" ", "").upper()
    return (
        address.full_name,
        f"{address.street} {address.house}",
        f"{postcode[:4]} {postcode[4:]}  {address.place.upper()}",
    )


def letter_for(address: VisitAddress, settings, municipality, date_text: str) -> Letter:
    """The letter to ``address`` (which has a proposed time)."""
    return Letter(
        municipality=_("Gemeente %(name)s") % {"name": municipality.name},
        sender=settings.letter_sender,
        recipient=recipient(address),
        salutation=_("Geachte %(name)s,") % {"name": address.full_name},
        place_and_date=f"{municipality.name}, {date_text}",
        text=address.round.letter_text,
        when=when(address.proposed_at),
        who=who_comes(address.volunteer),
        contact=settings.letter_contact,
        window=settings.letter_window,
    )


def card_sheet_for(volunteer: Volunteer, round: VisitRound | None, settings) -> CardSheet:
    text = round.not_home_text if round else VisitRound._meta.get_field("not_home_text").default
    name = first_name_of(volunteer)
    return CardSheet(
        municipality=_("Gemeente %(name)s") % {"name": volunteer.municipality.name},
        sender=settings.letter_sender,
        text=text,
        who=_("%(name)s, vrijwilliger") % {"name": name} if name else _("de vrijwilliger"),
        contact=settings.letter_contact,
    )
