"""The knowledge part of the demo (issue 12): six published approaches of other
municipalities (those that are loaded; fictitious contacts), and of the demo municipality one
draft and one submitted approach awaiting the programme, made through the services by the
policy account. Makes nothing when the demo municipality already has approaches."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from omzien.core.models import Municipality
from omzien.monitoring.knowledge import services
from omzien.monitoring.models import Approach, ApproachState
from omzien.monitoring.models.knowledge import size_class_of
from omzien.socialmap.models import Initiative

#: (CBS code, title, summary, target groups, kinds of loneliness, activity kinds,
#:  cost per year, cost text, effect text)
PUBLISHED = [
    ("GM0310", "Maatjes na verlies van een partner",
     "Vrijwilligers die zelf een partner verloren, bezoeken een jaar lang om de week iemand "
     "die kort geleden weduwe of weduwnaar werd. De welzijnsorganisatie koppelt en begeleidt; "
     "de huisarts en de uitvaartverzorger wijzen mensen erop.",
     ["widowhood", "older"], ["emotional"], ["meaningful_contact"], 18500,
     "0,2 fte coördinator en € 3.000 voor training en onkosten van 25 vrijwilligers.",
     "38 koppels in 2025. Bij 24 deelnemers is de korte De Jong Gierveld-schaal bij de start en "
     "na een half jaar afgenomen: de emotionele eenzaamheid daalde gemiddeld 1,1 punt."),
    ("GM0344", "Buurtkamers met een vaste gastvrouw",
     "Zes buurtkamers in wijkcentra, elke werkdag open, met een vaste gastvrouw of gastheer die "
     "nieuwe bezoekers persoonlijk welkom heet en ze na twee keer wegblijven opbelt.",
     ["older", "moved", "newcomers"], ["social"], ["meeting"], 240000,
     "Huur, zes gastvrouwen (samen 3 fte) en koffie; wijkcentra dragen de huur deels.",
     "Gemiddeld 140 bezoekers per week per buurtkamer; 62% komt minstens eens per week. Een "
     "enquête onder 310 bezoekers: 71% kent nu meer mensen in de buurt."),
    ("GM0363", "Eenzaamheid bespreekbaar bij jongvolwassenen",
     "Op hogescholen en mbo's trainen studenten zelf medestudenten om het gesprek over "
     "eenzaamheid te beginnen, met een vast aanspreekpunt bij de studentendecaan.",
     ["young_adults", "students"], ["social", "existential"], ["social_skills"], 65000,
     "Trainingen door het jongerenwerk, materiaal en een jaarlijkse campagneweek.",
     "1.200 studenten bereikt in 2025; 140 getrainde studenten. Effect op eenzaamheid nog niet "
     "gemeten; de GGD-monitor Jongvolwassenen van 2026 volgt."),
    ("GM0339", "Vrijwilligerswerk als eerste stap",
     "Wie bij een keukentafelgesprek eenzaam blijkt, krijgt een warme overdracht naar de "
     "vrijwilligerscentrale, die een klus of rol zoekt die past, en na zes weken belt.",
     ["retirement", "older"], ["existential", "social"], ["meaningful_role"], 6000,
     "Enkele uren per week van de vrijwilligerscentrale, betaald uit de subsidie.",
     "In een kleine gemeente kleine aantallen: 14 mensen gestart in 2025, 11 zijn er na een "
     "half jaar nog."),
    ("GM0512", "Huisbezoeken 75+ met vervolg",
     "Getrainde vrijwilligers bezoeken alle inwoners die 75 worden. Wie zich eenzaam voelt, krijgt "
     "binnen twee weken een tweede gesprek met een welzijnswerker.",
     ["older"], ["social", "emotional"], ["practical_support", "meaningful_contact"], 32000,
     "0,3 fte coördinatie, training van 30 vrijwilligers en brieven.",
     "Bereik 68% van de 75-jarigen; 1 op de 7 gesprekken leidde tot een vervolg."),
    ("GM0193", "Cursus Vriendschap op latere leeftijd",
     "Een cursus van twaalf bijeenkomsten in groepjes van tien, naar het Amerikaanse "
     "'Friendship Enrichment Program', gegeven door getrainde welzijnswerkers.",
     ["older", "widowhood"], ["social", "emotional"], ["social_skills", "realistic_expectations"],
     None, "Ongeveer € 350 per deelnemer, vier cursussen per jaar.",
     "Deelnemers vullen de De Jong Gierveld-schaal in bij de start en na drie maanden; over "
     "2024-2025 (n = 72) daalde de score gemiddeld 1,4 punt."),
]  # fmt: skip

DRAFT = {
    "title": "Signaalpunt met warme overdracht naar het aanbod",
    "summary": "Meldingen van buren, huisartsen en de supermarkt komen bij één signaalpunt. "
    "Binnen twee werkdagen belt een welzijnswerker en zoekt samen met de inwoner een "
    "activiteit die past; bij de eerste keer gaat iemand mee.",
    "target_groups": ["older", "everyone"],
    "loneliness_kinds": ["social", "emotional"],
    "activity_kinds": ["practical_support"],
    "cost_per_year": 45000,
    "cost_text": "0,6 fte welzijnswerk en het beheer van Omzien.",
    "effect_text": "",
}
SUBMITTED = {
    "title": "Koffie in de supermarkt (kletskassa en koffiehoek)",
    "summary": "Een koffiehoek in twee supermarkten, twee ochtenden per week bemand door "
    "vrijwilligers, en een kassa waar klanten de tijd krijgen voor een praatje.",
    "target_groups": ["older", "everyone"],
    "loneliness_kinds": ["social"],
    "activity_kinds": ["meeting"],
    "cost_per_year": 4000,
    "cost_text": "Koffie en een training voor caissières; de supermarkten geven de ruimte.",
    "effect_text": "Gemiddeld 25 bezoekers per ochtend; de caissières melden zorgen via het "
    "signaalpunt.",
}


def _published(days_ago: int, row) -> Approach | None:
    code, title, summary, groups, kinds, activities, cost, cost_text, effect = row
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        return None
    moment = timezone.now() - dt.timedelta(days=days_ago)
    return Approach.objects.create(
        municipality=municipality, title=title, summary=summary, target_groups=groups,
        loneliness_kinds=kinds, activity_kinds=activities, cost_per_year=cost,
        cost_text=cost_text, effect_text=effect, contact_name="Contactpersoon (demo)",
        contact_email=f"aanpak-{municipality.slug}@demo.omzien.invalid",
        size_class=size_class_of(municipality.key_figures.get("aantal_inwoners")),
        state=ApproachState.PUBLISHED, featured=days_ago == 20,
        submitted_at=moment, published_at=moment,
    )  # fmt: skip


def _busiest_initiative(municipality) -> Initiative | None:
    """The demo municipality's initiative with the most referrals (its what-works row)."""
    return (
        Initiative.objects.filter(municipality=municipality)
        .annotate(n=Count("referrals"))
        .order_by("-n", "name")
        .first()
    )


def load_knowledge_demo(municipality, accounts: dict) -> int:
    if Approach.objects.filter(municipality=municipality).exists():
        return 0
    made = [_published(20 + 15 * i, row) for i, row in enumerate(PUBLISHED)]
    made = [a for a in made if a is not None]
    author = accounts.get("beleid")
    if author is None:
        return len(made)
    draft = services.new_approach(author, municipality)
    services.save_approach(
        actor=author,
        approach=draft,
        values={**DRAFT, "initiative": _busiest_initiative(municipality)},
    )
    submitted = services.new_approach(author, municipality)
    services.save_approach(actor=author, approach=submitted, values=SUBMITTED)
    services.move_approach(actor=author, approach=submitted, action="submit")
    return len(made) + 2
