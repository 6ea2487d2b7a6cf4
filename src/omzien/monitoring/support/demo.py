"""The support part of the demo (issue 12): four requests of the demo municipality in
different states (new, assigned, in progress, closed), asked by the policy account and moved
by the programme account through the services, and a few requests of other municipalities
(those that are loaded). Makes nothing when the demo municipality already has requests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from omzien.core.models import Municipality
from omzien.monitoring.models import SupportEvent, SupportRequest
from omzien.monitoring.support import services
from omzien.monitoring.support.workflow import SupportState

#: (kind, question, preferred period, days ago, the moves of the programme)
OWN = [
    ("benchmark", "Wij vullen de benchmark dit jaar voor het eerst met drie collega's in. Kan "
     "iemand uitleggen hoe de vooringevulde antwoorden uit Omzien tot stand komen?",
     "Voor 1 oktober", 3, []),
    ("workshop", "Graag een workshop voor onze coalitiepartners over de soorten eenzaamheid "
     "en wat helpt, voor ongeveer twintig mensen.", "In het voorjaar", 21, ["assign"]),
    ("riskmap", "De risicokaart laat in Zeist-West een blinde vlek zien. Hoe lezen we die, en "
     "welke cijfers kunnen we zelf aanvullen?", "Binnen een maand", 40, ["assign", "start"]),
    ("adviser", "Wij willen de huisbezoeken 75+ uitbreiden naar 70-jarigen. Is er een adviseur "
     "die met ons meedenkt over de opzet?", "", 95, ["assign", "start", "close"]),
]  # fmt: skip
CLOSE_NOTE = (
    "Twee gesprekken met een adviseur van het programma gehad; voorbeeldbrief en "
    "gespreksleidraad van twee andere gemeenten gedeeld."
)
#: Requests of other municipalities: (CBS code, kind, question, days ago, state)
OTHERS = [
    ("GM0310", "benchmark", "Hulp bij de vragen over pijler 2 (netwerk).", 10, SupportState.NEW),
    ("GM0344", "adviser", "Meedenken over een signaalpunt voor de hele stad.", 30,
     SupportState.IN_PROGRESS),
    ("GM0363", "workshop", "Workshop over eenzaamheid onder jongvolwassenen.", 60,
     SupportState.CLOSED),
]  # fmt: skip


def _backdate(request: SupportRequest, days_ago: int) -> None:
    moment = timezone.now() - dt.timedelta(days=days_ago)
    SupportRequest.objects.filter(pk=request.pk).update(created_at=moment)
    request.events.filter(to_state=SupportState.NEW).update(at=moment)


def _own(municipality, asker, team) -> int:
    for kind, question, period, days_ago, moves in OWN:
        request = services.new_request(asker, municipality)
        values = {"kind": kind, "question": question, "preferred_period": period}
        request = services.ask_support(actor=asker, request=request, values=values)
        _backdate(request, days_ago)
        for action in moves:
            services.move(
                actor=team, request=request, action=action, assignee=team,
                note=CLOSE_NOTE if action == "close" else "",
            )  # fmt: skip
    return len(OWN)


#: The moves that bring a new request to a state (the workflow's path).
PATH = {
    SupportState.NEW: [],
    SupportState.ASSIGNED: ["assign"],
    SupportState.IN_PROGRESS: ["assign", "start"],
    SupportState.CLOSED: ["assign", "start", "close"],
}


def _others(team) -> int:
    """Requests of other municipalities (no demo account asks there: made directly), moved by
    the programme account through the services."""
    made = 0
    for code, kind, question, days_ago, state in OTHERS:
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            continue
        request = SupportRequest.objects.create(
            municipality=municipality, kind=kind, question=question,
            contact_name="Contactpersoon (demo)",
            contact_email=f"ondersteuning-{municipality.slug}@demo.omzien.invalid",
        )  # fmt: skip
        SupportEvent.objects.create(
            municipality=municipality, request=request, to_state=SupportState.NEW
        )
        _backdate(request, days_ago)
        for action in PATH[state]:
            services.move(
                actor=team, request=request, action=action, assignee=team,
                note="Workshop gegeven aan twaalf deelnemers." if action == "close" else "",
            )  # fmt: skip
        made += 1
    return made


def load_support_demo(municipality, accounts: dict) -> int:
    if SupportRequest.objects.filter(municipality=municipality).exists():
        return 0
    asker, team = accounts.get("beleid"), accounts.get("programma")
    if asker is None or team is None:
        return 0
    return _own(municipality, asker, team) + _others(team)
