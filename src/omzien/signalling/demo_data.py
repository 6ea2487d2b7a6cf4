"""What the demo's signals say and how far each case got (``demo.py`` makes them).

``steps`` run a day apart; ``age`` moves the whole case that many days further back, so the
demo has late cases, cases to follow up and signals spread over the last two months."""

from __future__ import annotations

from dataclasses import dataclass

from omzien.signalling.models import Channel


@dataclass(frozen=True)
class DemoSignal:
    channel: str
    concern: str
    signs: tuple[str, ...] = ()
    relation: str = "neighbour"
    reporter: str = ""  # a demo username, for channels with a logged-in reporter
    steps: tuple[str, ...] = ()  # assign, take, attempt, attempt_missed, consent, note, ...
    age: int = 0  # days further back than the steps take


CONTACTED = ("assign", "attempt", "note", "consent")
UNREACHABLE = ("assign", "attempt_missed", "attempt_missed", "attempt_missed")
CRISIS = "Hij zei gisteren dat hij er een eind aan wil maken. Ik maak me grote zorgen."

DEMO_SIGNALS = [
    # New and waiting: one fresh, one urgent, one late for first contact.
    DemoSignal(Channel.PUBLIC_FORM, "Ik zie mijn buurvrouw al weken niet meer buiten.",
               ("not_seen_outside", "curtains_closed")),
    DemoSignal(Channel.PARTNER_LINK, "Meneer vertelde bij de apotheek dat hij niemand spreekt.",
               relation="professional"),
    DemoSignal(Channel.PUBLIC_FORM, CRISIS, relation="friend"),
    DemoSignal(Channel.REPORTER, "De brievenbus puilt uit en het licht brandt overdag.",
               ("letterbox_full", "lights_on_daytime"), reporter="signaleerder", age=3),
    # Assigned, some late.
    DemoSignal(Channel.PHONE, "Dochter belt: moeder is sinds de dood van vader erg alleen.",
               ("life_event",), "family", reporter="kartrekker", steps=("assign",)),
    DemoSignal(Channel.PUBLIC_FORM, "Mevrouw komt niet meer naar de koffieochtend.",
               ("stopped_activities",), "friend", steps=("assign",), age=4),
    DemoSignal(Channel.PARTNER_API, "Bezorger: meneer doet al dagen niet open.",
               ("not_seen_outside",), "professional", steps=("take",), age=1),
    # Looking for contact.
    DemoSignal(Channel.PUBLIC_FORM, "Ik maak me zorgen, ze neemt de telefoon nooit op.",
               steps=("assign", "attempt_missed")),
    DemoSignal(Channel.PUBLIC_FORM, "Buurman zit de hele dag alleen op het balkon.",
               steps=("assign", "attempt_missed", "attempt_missed"), age=2),
    # In progress, referred; one to follow up (nothing done for weeks).
    DemoSignal(Channel.SELF_REFERRAL, "Ik zou graag wat vaker onder de mensen komen.",
               relation="self", steps=(*CONTACTED, "start")),
    DemoSignal(Channel.PUBLIC_FORM, "De tuin raakt verwaarloosd, dat was vroeger nooit zo.",
               ("neglected_home",), steps=(*CONTACTED, "start", "refer"), age=5),
    DemoSignal(Channel.REPORTER, "Sinds de verhuizing naar de flat kent ze niemand meer.",
               ("life_event",), "professional", "signaleerder",
               steps=(*CONTACTED, "start"), age=20),
    DemoSignal(Channel.PHONE, "Huisarts belt: patiënt zegt dat hij zich erg eenzaam voelt.",
               relation="professional", reporter="kartrekker",
               steps=(*CONTACTED, "start", "refer"), age=16),
    # Closed in every way, and one reopened.
    DemoSignal(Channel.REPORTER, "Meneer zegt dat hij zich erg eenzaam voelt sinds de verhuizing.",
               reporter="signaleerder",
               steps=(*CONTACTED, "start", "close_supported"), age=30),
    DemoSignal(Channel.PUBLIC_FORM, "Ik maak me zorgen, ze neemt de telefoon nooit op.",
               steps=(*UNREACHABLE, "close_unreachable"), age=12),
    DemoSignal(Channel.PUBLIC_FORM, "Het licht brandt al dagen, ook 's nachts.",
               ("lights_on_daytime",), steps=("assign", "attempt", "close_no_concern"), age=40),
    DemoSignal(Channel.PARTNER_LINK, "Mevrouw wil eigenlijk niemand zien, zegt ze.",
               relation="professional", steps=("assign", "attempt", "close_declined"), age=25),
    DemoSignal(Channel.PUBLIC_FORM, "Weer dicht: gordijnen al een week niet open.",
               ("curtains_closed",), steps=(*UNREACHABLE, "close_unreachable", "reopen"),
               age=8),
    DemoSignal(Channel.SELF_REFERRAL, "Ik ben net met pensioen en mis mijn collega's.",
               relation="self", steps=(*CONTACTED, "start", "close_supported"), age=45),
]  # fmt: skip

#: Assessments over a year for the residents of the cases in progress or closed supported:
#: DJG 11 answers per measurement, months before today; loneliness goes down.
ASSESSMENT_TREND = [
    (12, {1: "nee", 2: "ja", 3: "ja", 4: "nee", 5: "ja", 6: "ja", 7: "nee", 8: "ja",
          9: "ja", 10: "ja", 11: "nee"}),
    (8, {1: "nee", 2: "ja", 3: "ja", 4: "min of meer", 5: "ja", 6: "nee", 7: "nee",
         8: "ja", 9: "min of meer", 10: "ja", 11: "ja"}),
    (4, {1: "ja", 2: "ja", 3: "nee", 4: "ja", 5: "min of meer", 6: "nee", 7: "ja",
         8: "ja", 9: "nee", 10: "ja", 11: "ja"}),
    (0, {1: "ja", 2: "nee", 3: "nee", 4: "ja", 5: "nee", 6: "nee", 7: "ja", 8: "ja",
         9: "nee", 10: "min of meer", 11: "ja"}),
]  # fmt: skip
