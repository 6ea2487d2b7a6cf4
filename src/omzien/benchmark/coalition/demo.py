"""The coalition's part of the demo (issue 12): the programme's list of national partnerships
(generic descriptions, no real company names), and for the demo municipality a coalition of a
dozen members over several sectors, a kartrekker with hours, three joint activities (one in
this year's Week tegen Eenzaamheid) and participation in three national partnerships; plus
participations for a few other municipalities so that the national counts are not trivial.

The demo municipality's records go through the forms and services (as the kartrekker and the
programme team would type them); the other municipalities' participations are stored directly
(nobody of theirs is in the demo). Makes nothing when the demo municipality has a coalition."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from omzien.benchmark.coalition import forms, services
from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
    Sector,
)
from omzien.core.models import Municipality, Organisation

#: (name, sector, description)
PARTNERSHIPS = (
    ("Landelijke postbezorger", Sector.BUSINESS,
     "Bezorgers letten op ouderen op hun route en geven zorgen door."),
    ("Supermarktketen", Sector.RETAIL,
     "Kassamedewerkers maken een praatje en wijzen op activiteiten in de buurt."),
    ("Apothekers", Sector.CARE,
     "Apotheekmedewerkers signaleren eenzaamheid bij het ophalen van medicijnen."),
    ("Woningcorporaties", Sector.HOUSING,
     "Huismeesters en wijkconsulenten letten op huurders die weinig contact hebben."),
    ("Bibliotheken", Sector.SPORT_CULTURE,
     "Leesclubs, taalcafés en een open ontmoetingsplek in de bibliotheek."),
    ("Huisartsen", Sector.CARE,
     "De praktijkondersteuner vraagt naar eenzaamheid en verwijst naar welzijn."),
    ("Kerken en moskeeën", Sector.RELIGIOUS,
     "Bezoekwerk en ontmoeting vanuit levensbeschouwelijke gemeenschappen."),
    ("Sportbonden", Sector.SPORT_CULTURE,
     "Verenigingen stellen hun kantine open en bieden laagdrempelig bewegen."),
)  # fmt: skip

#: (name, sector, what it commits to, months ago it joined, core organisation's name or "")
MEMBERS = (
    ("Stichting Samen Omzien (demo)", Sector.WELFARE,
     "Kartrekker, ouderenadviseurs en het maatjesproject.", 30, "Stichting Samen Omzien (demo)"),
    ("Zorggroep Heuvelrand (demo)", Sector.CARE,
     "Wijkverpleging signaleert en verwijst door.", 28, "Zorggroep Heuvelrand (demo)"),
    ("Supermarkt De Brink (demo)", Sector.RETAIL,
     "Koffiehoek en een praatkassa op dinsdag.", 20, "Supermarkt De Brink (demo)"),
    ("Gemeente, team sociaal domein (demo)", Sector.MUNICIPALITY,
     "Beleid, subsidie en de gemeentelijke huisbezoeken 75+.", 30, ""),
    ("Huisartsenpraktijk Het Slot (demo)", Sector.CARE,
     "Praktijkondersteuner vraagt naar eenzaamheid.", 18, ""),
    ("Woonstichting Heuvelrug (demo)", Sector.HOUSING,
     "Huismeesters letten op huurders die zich terugtrekken.", 24, ""),
    ("Bibliotheek Zeist (demo)", Sector.SPORT_CULTURE,
     "Taalcafé en leesclub voor ouderen.", 16, ""),
    ("Vrijwilligerscentrale (demo)", Sector.VOLUNTEERS,
     "Werft en traint vrijwilligers voor bezoekwerk.", 26, ""),
    ("Protestantse gemeente (demo)", Sector.RELIGIOUS,
     "Bezoekwerk en een open tafel.", 14, ""),
    ("Voetbalvereniging (demo)", Sector.SPORT_CULTURE,
     "Walking football en een open kantine.", 10, ""),
    ("Basisschool De Linde (demo)", Sector.EDUCATION,
     "Kinderen schrijven kaarten naar ouderen in de wijk.", 8, ""),
    ("Ervaringsdeskundigenpanel (demo)", Sector.LIVED_EXPERIENCE,
     "Denkt mee over activiteiten en folders.", 12, ""),
)  # fmt: skip

LOCAL_PARTNERSHIPS = (
    ("Supermarktketen", "Praatkassa en koffiehoek in twee filialen."),
    ("Landelijke postbezorger", "Bezorgers geven zorgen door aan het signaalpunt."),
    ("Woningcorporaties", "Huismeesters melden bij het signaalpunt."),
)
OTHER_MUNICIPALITIES = 12


def _months_ago(today: dt.date, months: int) -> dt.date:
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return dt.date(year, month + 1, 1)


def _save(form, service, actor):
    if not form.is_valid():
        raise ValueError(f"demo form invalid: {form.errors.as_json()}")
    return service(actor=actor, form=form)


def _partnerships(programme) -> dict[str, NationalPartnership]:
    for name, sector, description in PARTNERSHIPS:
        if not NationalPartnership.objects.filter(name=name).exists():
            data = {"name": name, "sector": sector, "description": description, "active": "on"}
            _save(forms.PartnershipForm(data), services.save_partnership, programme)
    return {p.name: p for p in NationalPartnership.objects.all()}


def _members(municipality, actor, today) -> list[CoalitionMember]:
    organisations = {o.name: o.pk for o in Organisation.objects.filter(municipality=municipality)}
    for name, sector, commitments, months, organisation in MEMBERS:
        data = {
            "name": name,
            "sector": sector,
            "commitments": commitments,
            "joined_on": _months_ago(today, months).isoformat(),
            "organisation": organisations.get(organisation, ""),
        }
        form = forms.MemberForm(
            data, instance=CoalitionMember(municipality=municipality), municipality=municipality
        )
        _save(form, services.save_member, actor)
    return list(CoalitionMember.objects.filter(municipality=municipality).order_by("pk"))


def _week_day(today: dt.date) -> dt.date:
    from omzien.socialmap.models import CampaignWeek

    week = CampaignWeek.objects.filter(name="Week tegen Eenzaamheid", year=today.year).first()
    return week.starts_on + dt.timedelta(days=1) if week else dt.date(today.year, 10, 1)


def _activities(municipality, actor, members, today) -> None:
    activities = (
        ("Open tafel in de bibliotheek", _week_day(today), True, members[0:3] + members[6:7],
         "Een gezamenlijke maaltijd met een gesprek over wat mensen zelf willen."),
        ("Training signaleren voor winkelpersoneel", _months_ago(today, 5), False,
         members[0:1] + members[2:3], "Een avond over herkennen en doorverwijzen."),
        ("Kaartenactie van de basisschool", _months_ago(today, 1), False,
         members[10:11] + members[7:8], "Kinderen schreven kaarten voor ouderen in de wijk."),
    )  # fmt: skip
    for title, held_on, in_week, involved, description in activities:
        data = {
            "title": title,
            "held_on": held_on.isoformat(),
            "members": [m.pk for m in involved],
            "description": description,
        }
        if in_week:
            data["in_week_against_loneliness"] = "on"
        form = forms.ActivityForm(
            data,
            instance=JointActivity(municipality=municipality),
            members=CoalitionMember.objects.filter(municipality=municipality),
        )
        _save(form, services.save_activity, actor)


def _demo_municipality(municipality, actor, partnerships, today) -> None:
    members = _members(municipality, actor, today)
    kartrekker = Kartrekker(municipality=municipality)
    data = {"name": "Karin Kartrekker (demo)", "organisation_name": members[0].name,
            "hours_per_week": "16"}  # fmt: skip
    _save(forms.KartrekkerForm(data, instance=kartrekker), services.save_kartrekker, actor)
    _activities(municipality, actor, members, today)
    for months, (name, collaboration) in enumerate(LOCAL_PARTNERSHIPS, start=6):
        data = {"partnership": partnerships[name].pk, "collaboration": collaboration,
                "since": _months_ago(today, months).isoformat()}  # fmt: skip
        participation = LocalParticipation(municipality=municipality)
        form = forms.ParticipationForm(data, instance=participation)
        _save(form, services.save_participation, actor)


def _others(municipality, partnerships, today) -> int:
    """Participations of other municipalities: each takes part in one to three partnerships."""
    others = Municipality.objects.exclude(pk=municipality.pk).order_by("code")
    names = sorted(partnerships)
    made = 0
    for index, other in enumerate(others[:OTHER_MUNICIPALITIES]):
        if LocalParticipation.objects.filter(municipality=other).exists():
            continue
        for step in range(1 + index % 3):
            partnership = partnerships[names[(index + step * 3) % len(names)]]
            LocalParticipation.objects.create(
                municipality=other,
                partnership=partnership,
                since=_months_ago(today, 3 + index + step),
                collaboration="Lokale afspraken met de vestigingen in de gemeente.",
            )
            made += 1
    return made


def load_coalition_demo(municipality, accounts) -> int:
    if CoalitionMember.objects.filter(municipality=municipality).exists():
        return 0
    today = timezone.localdate()
    partnerships = _partnerships(accounts["programma"])
    _demo_municipality(municipality, accounts["kartrekker"], partnerships, today)
    made = _others(municipality, partnerships, today)
    return len(MEMBERS) + 1 + 3 + len(LOCAL_PARTNERSHIPS) + made
