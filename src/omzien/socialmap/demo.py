"""The social map's part of the demo (issue 9): a believable local offer of Zeist (the table
is ``demo_offer.py``), every initiative with meetings in the coming weeks (weekly, every other
week or monthly), and a programme in the next Week tegen Eenzaamheid (its dates from
``CampaignWeek``; none without a row for it).

Everything goes through the real services (``services.py``: save, add an event, publish or
submit), so the catalogue has its versions, its PC4 points and its audit trail, as a month of
use would leave it. The partner account submits its organisation's two initiatives.
Registered as a ``core.extensions.DemoLoader``; makes nothing when the demo already has
initiatives."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from omzien.core.models import Organisation
from omzien.socialmap import agenda, services
from omzien.socialmap.demo_offer import ACCESS, KINDS, OFFER, WEEK_PROGRAMME, Offer
from omzien.socialmap.models import CampaignWeek, Initiative

#: Organisations of the offer that are not welfare organisations.
ORGANISATION_KINDS = {
    "Bibliotheek Zeist": Organisation.Kind.PUBLIC,
    "Vrijwilligerscentrale Zeist": Organisation.Kind.VOLUNTEER,
    "Muziekvereniging Zeist": Organisation.Kind.OTHER,
    "Sportvereniging Zeist": Organisation.Kind.OTHER,
    "Kunstuitleen Zeist": Organisation.Kind.OTHER,
    "Roze Heuvelrug": Organisation.Kind.VOLUNTEER,
}
#: How many weeks ahead a repeating meeting is in the agenda.
SERIES_WEEKS = 16
SCHEDULE = {"weekly": "Elke {day} om {hour}:00 uur", "biweekly": "Om de week op {day} om "
            "{hour}:00 uur", "monthly": "Eén keer per maand op {day} om {hour}:00 uur"}  # fmt: skip
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def next_weekday(weekday: int, hour: int, today: dt.date) -> dt.datetime:
    """The first such weekday after today, at the hour, Dutch local time."""
    days = (weekday - today.weekday()) % 7 or 7
    return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour), tzinfo=agenda.TZ)


def rule(repeat: str, start: dt.datetime) -> str:
    """A weekly, fortnightly or monthly rule for the coming months (monthly: the same
    weekday of the month, e.g. the second Tuesday)."""
    until = (start + dt.timedelta(weeks=SERIES_WEEKS)).date()
    if repeat == "monthly":
        nth = (start.day - 1) // 7 + 1
        nth = nth if nth < 5 else -1  # the fifth Tuesday is rare: the last one instead
        day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][start.weekday()]
        return services.rule_for("weekly", until).replace(
            "FREQ=WEEKLY", f"FREQ=MONTHLY;BYDAY={nth}{day}"
        )
    return services.rule_for(repeat, until)


def _organisation(municipality, name: str) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(
        municipality=municipality,
        name=name,
        defaults={"kind": ORGANISATION_KINDS.get(name, Organisation.Kind.WELFARE)},
    )
    return organisation


def _values(offer: Offer, organisation: Organisation) -> dict:
    street, _comma, postcode = offer.address.rpartition(", ")
    capacity, places_left = offer.places
    schedule = SCHEDULE[offer.repeat].format(day=DAYS[offer.weekday], hour=offer.hour)
    return {
        "organisation": organisation, "name": offer.name, "description": offer.text,
        "kinds": [KINDS[kind] for kind in offer.kinds.split()],
        "target_groups": list(offer.groups), "age_min": offer.ages[0], "age_max": offer.ages[1],
        "languages": list(offer.languages), "where": offer.where, "street": street,
        "postcode": postcode, "place": offer.place, "schedule": schedule,
        "free": not offer.cost, "cost": offer.cost,
        **{field: letter in offer.access for letter, field in ACCESS.items()},
        "capacity": capacity, "places_left": places_left, "waiting_list": offer.waiting_list,
        "contact_name": "", "contact_email": f"info@{_slug(organisation.name)}.example",
        "contact_phone": f"030-69{sum(map(ord, offer.name)) % 100000:05d}",
    }  # fmt: skip


def _slug(name: str) -> str:
    return "".join(c for c in name.lower().replace(" ", "-") if c.isalnum() or c == "-")


def _actor(offer: Offer, organisation: Organisation, accounts: dict):
    """The partner account submits its own organisation's initiatives; the coordinator
    makes and publishes the rest."""
    partner = accounts.get("partner")
    if (
        offer.submitted
        and partner is not None
        and services.may_edit(
            partner, Initiative(municipality=organisation.municipality, organisation=organisation)
        )
    ):
        return partner
    return accounts["kartrekker"]


def _make(offer: Offer, municipality, accounts: dict, today: dt.date) -> Initiative:
    organisation = _organisation(municipality, offer.organisation)
    actor = _actor(offer, organisation, accounts)
    initiative = services.save_initiative(
        actor=actor, municipality=municipality, values=_values(offer, organisation)
    )
    start = next_weekday(offer.weekday, offer.hour, today)
    services.add_event(actor=actor, initiative=initiative, starts_at=start,
                       minutes=offer.minutes, rrule=rule(offer.repeat, start))  # fmt: skip
    action = "submit" if offer.submitted else "publish"
    return services.move_initiative(actor=actor, initiative=initiative, action=action)


def campaign_week(today: dt.date) -> CampaignWeek | None:
    """The coming Week tegen Eenzaamheid: this year's unless it is over, else next year's;
    None when the operators have not entered it."""
    weeks = CampaignWeek.objects.filter(
        name="Week tegen Eenzaamheid", year__in=[today.year, today.year + 1], ends_on__gte=today
    )
    return weeks.order_by("starts_on").first()


def _week_programme(municipality, coordinator, today: dt.date) -> int:
    """One-off events in the coming Week tegen Eenzaamheid, each its own initiative."""
    week = campaign_week(today)
    if week is None:
        return 0
    made = 0
    for title, org_name, kinds, offset, hour, minutes, text in WEEK_PROGRAMME:
        day = min(week.starts_on + dt.timedelta(days=offset), week.ends_on)
        if day <= today:
            continue
        values = _values(Offer(title, org_name, kinds, text, access="wh"),
                         _organisation(municipality, org_name))  # fmt: skip
        values["schedule"] = f"{day:%d-%m-%Y} om {hour}:00 uur, in de {week.name}"
        initiative = services.save_initiative(actor=coordinator, municipality=municipality,
                                              values=values)  # fmt: skip
        start = dt.datetime.combine(day, dt.time(hour), tzinfo=agenda.TZ)
        services.add_event(actor=coordinator, initiative=initiative, starts_at=start,
                           minutes=minutes, title=title)  # fmt: skip
        services.move_initiative(actor=coordinator, initiative=initiative, action="publish")
        made += 1
    return made


def load_socialmap_demo(municipality, accounts: dict) -> int:
    """The demo's local offer (see the module docstring); the number of initiatives made."""
    if Initiative.objects.filter(municipality=municipality).exists():
        return 0
    today = timezone.localdate()
    for offer in OFFER:
        _make(offer, municipality, accounts, today)
    return len(OFFER) + _week_programme(municipality, accounts["kartrekker"], today)
