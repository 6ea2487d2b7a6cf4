"""The demo's local offer of Zeist (``demo.py`` makes it): about forty fictitious initiatives
of local organisations, all seven kinds of activity, several target groups, some online, some
at home, some paid, with varied accessibility, two full with a waiting list and two
submitted by a partner and waiting for the coordinator; and the programme of the Week tegen
Eenzaamheid."""

from __future__ import annotations

from dataclasses import dataclass

#: The kinds of activity (choices.ActivityKind) by a short name, to keep the table readable.
KINDS = {"act": "meaningful_activity", "meet": "meeting", "prac": "practical_support",
         "contact": "meaningful_contact", "skills": "social_skills", "role": "meaningful_role",
         "expect": "realistic_expectations"}  # fmt: skip
#: Accessibility by letter: wheelchair, hearing loop, transport, quiet room.
ACCESS = {"w": "wheelchair", "h": "hearing_loop", "t": "transport", "q": "quiet_room"}
#: The demo partner's organisation (core/demo.py); its account submitted two initiatives.
PARTNER = "Zorggroep Heuvelrand (demo)"
WELFARE = "Stichting Samen Omzien (demo)"


@dataclass(frozen=True)
class Offer:
    name: str
    organisation: str
    kinds: str  # short names of KINDS
    text: str
    address: str = "Slotlaan 1, 3701 GB"  # street, postcode; empty: online or at home
    where: str = "venue"
    repeat: str = "weekly"  # weekly, biweekly or monthly (socialmap/services.py REPEAT_RULES)
    weekday: int = 1  # 0 = Monday
    hour: int = 10
    minutes: int = 120
    cost: str = ""  # empty: free
    access: str = "w"  # letters of ACCESS
    groups: tuple[str, ...] = ()  # choices.TargetGroup
    ages: tuple[int | None, int | None] = (18, None)
    places: tuple[int | None, int | None] = (None, None)  # capacity, places left
    waiting_list: bool = False
    languages: tuple[str, ...] = ("Nederlands",)
    submitted: bool = False  # waiting for the coordinator

    @property
    def place(self) -> str:
        return {"3734": "Den Dolder", "3711": "Austerlitz", "3712": "Huis ter Heide"}.get(
            self.address.rpartition(", ")[2][:4], "Zeist"
        )


HART = "Buurthuis Het Hart"
WEST = "Wijkcentrum West"
WZ = "Welzijn Zeist"
BIEB = "Bibliotheek Zeist"
VC = "Vrijwilligerscentrale Zeist"

OFFER = [
    Offer("Koffieochtend Het Hart", HART, "meet",
          "Elke dinsdag staat de koffie klaar. Gewoon binnenlopen, een praatje maken.",
          "Het Rond 4, 3701 HS", access="wh"),
    Offer("Wandelgroep Zeist-West", WEST, "meet act",
          "Samen een uur wandelen in het bos, in een rustig tempo. Daarna koffie.",
          "Laan van Vollenhove 2, 3706 AA", weekday=3, access=""),
    Offer("Maatje voor ouderen", WZ, "contact",
          "Een vaste vrijwilliger komt elke week bij u thuis. Samen praten, wandelen of iets "
          "drinken.", "", "at_home", weekday=2, hour=14, ages=(65, None),
          groups=("widowhood",), places=(20, 0), waiting_list=True),
    Offer("Digicafé: hulp met je telefoon", BIEB, "prac",
          "Vragen over je telefoon, tablet of DigiD? Vrijwilligers helpen je rustig op weg.",
          "Steynlaan 19, 3701 EB", weekday=4, access="wq"),
    Offer("Boodschappenvervoer", VC, "prac",
          "Wij halen u op voor de boodschappen en brengen u weer thuis.", "", "at_home",
          weekday=0, hour=9, cost="€ 2,50 per rit", access="wt", ages=(60, None)),
    Offer("Samen koken en eten", HART, "meet act",
          "We koken samen een eenvoudige maaltijd en eten aan één lange tafel.",
          "Het Rond 4, 3701 HS", repeat="biweekly", weekday=2, hour=17,
          cost="€ 4 per maaltijd", access="wh", places=(16, 3)),
    Offer("Cursus Vriendschap maken", WZ, "skills",
          "Acht avonden over vriendschap: hoe leer je mensen kennen, hoe houd je contact.",
          "Utrechtseweg 40, 3704 HB", weekday=1, hour=19, cost="€ 25 voor de hele cursus",
          access="wq", places=(12, 5)),
    Offer("Vrijwilligerswerk in de natuurtuin", "Natuurtuin Zeist", "role act",
          "Helpen in de tuin: zaaien, snoeien, oogsten. Iedereen doet wat hij kan.",
          "Kerckebosch 7, 3707 AB", weekday=5, access=""),
    Offer("Leesclub", BIEB, "act meet",
          "Eén keer per maand praten we over een boek dat we allemaal lazen.",
          "Steynlaan 19, 3701 EB", repeat="monthly", weekday=0, hour=14, access="wh"),
    Offer("Praatgroep na verlies", WZ, "contact expect",
          "Voor wie een partner verloor. Ervaringen delen met mensen die het kennen.",
          "Utrechtseweg 40, 3704 HB", repeat="biweekly", weekday=3, hour=14,
          groups=("widowhood",), access="wq"),
    Offer("Repair café", WEST, "role meet",
          "Breng kapotte spullen mee en repareer ze samen met handige vrijwilligers.",
          "Laan van Vollenhove 2, 3706 AA", repeat="monthly", weekday=5, hour=13, access="w"),
    Offer("Taalcafé", BIEB, "skills meet",
          "Oefen Nederlands in een kleine groep, met koffie en een taalvrijwilliger.",
          "Steynlaan 19, 3701 EB", weekday=2, groups=("newcomers",), access="w",
          languages=("Nederlands", "Engels", "Arabisch", "Tigrinya")),
    Offer("Zingen in het koor", "Muziekvereniging Zeist", "act meet",
          "Een gemengd koor voor iedereen die graag zingt. Noten lezen hoeft niet.",
          "Oranje Nassaulaan 16, 3708 GC", weekday=1, hour=20,
          cost="€ 10 per maand", access="wh"),
    Offer("Bezoekdienst aan huis", VC, "contact",
          "Een vrijwilliger komt elke week of om de week op bezoek voor een praatje.", "",
          "at_home", weekday=4, hour=15, ages=(70, None), access=""),
    Offer("Training Anders denken over alleen-zijn", WZ, "expect",
          "Zes bijeenkomsten over verwachtingen en gedachten bij eenzaamheid.",
          "Utrechtseweg 40, 3704 HB", weekday=0, cost="€ 15 voor de hele training",
          access="wq"),
    Offer("Voorleesmaatje op school", VC, "role",
          "Lees elke week voor aan kinderen op een basisschool in de wijk.",
          "Griffensteijnselaan 30, 3703 AH", weekday=3, hour=9, ages=(50, None), access=""),
    Offer("Biljartmiddag in Het Baken", PARTNER, "meet",
          "Een keer biljarten en bijpraten. Beginners leren het spel van de leden.",
          "Hoog Kanje 120, 3708 DM", weekday=4, hour=14, cost="€ 1 per keer",
          access="", submitted=True),
    Offer("Schilderen in Het Baken", PARTNER, "act",
          "Schilderen met waterverf, met een docent. Materiaal is aanwezig.",
          "Hoog Kanje 120, 3708 DM", weekday=2, cost="€ 3 per keer", access="wht",
          submitted=True),
    Offer("Mantelzorgcafé", WZ, "meet expect",
          "Voor mantelzorgers: even op adem komen en ervaringen delen.",
          "Utrechtseweg 40, 3704 HB", repeat="monthly", weekday=3, hour=19,
          groups=("carers",), access="wq"),
    Offer("Nieuw in Zeist: welkomstwandeling", WZ, "meet prac",
          "Net verhuisd? Maak kennis met de buurt en met andere nieuwe inwoners.",
          "Het Rond 4, 3701 HS", repeat="monthly", weekday=5, hour=11,
          groups=("moved", "newcomers"), access="w"),
    Offer("Koffie met pensioen", HART, "meet role",
          "Net gestopt met werken? Praat met anderen over wat je nu wilt doen.",
          "Het Rond 4, 3701 HS", repeat="biweekly", weekday=3, hour=10,
          groups=("retirement",), ages=(60, None), access="wh"),
    Offer("Roze ontmoeting Zeist", "Roze Heuvelrug", "meet",
          "Een gezellige middag voor LHBTIQ+ ouderen en hun vrienden.",
          "Oranje Nassaulaan 16, 3708 GC", repeat="monthly", weekday=6, hour=15,
          groups=("lgbtiq",), ages=(55, None), access="wh"),
    Offer("Online koffiepraat", WZ, "meet",
          "Elke woensdag een half uur koffie drinken via de computer of tablet.", "",
          "online", weekday=2, hour=11, minutes=45, access="", groups=("hearing_sight",)),
    Offer("Belcirkel", VC, "contact prac",
          "Elke ochtend belt iemand uit de kring u even op: hoe gaat het?", "", "online",
          weekday=0, hour=9, minutes=30, access="", ages=(65, None)),
    Offer("Jongerenavond De Schuur", "Jongerenwerk Zeist", "meet skills",
          "Voor jongeren van 18 tot 27: spelletjes, eten en praten over wat je bezighoudt.",
          "Montaubanstraat 1, 3701 HR", weekday=4, hour=19, ages=(18, 27),
          groups=("young_adults", "students"), access="w"),
    Offer("Studentenmaatje", "Jongerenwerk Zeist", "contact",
          "Een student en een oudere inwoner spreken af, om de week, wat ze maar willen.", "",
          "at_home", repeat="biweekly", weekday=1, hour=15, groups=("students",),
          access=""),
    Offer("Schaakclub Den Dolder", "Dorpshuis Den Dolder", "act meet",
          "Een partijtje schaak en koffie. Er is altijd wel iemand om tegen te spelen.",
          "Dolderseweg 77, 3734 BE", weekday=1, hour=19, cost="€ 2 per keer", access="w"),
    Offer("Dorpsmaaltijd Den Dolder", "Dorpshuis Den Dolder", "meet",
          "Eén keer per maand eten we samen in het dorpshuis. Vervoer kan geregeld worden.",
          "Dolderseweg 77, 3734 BE", repeat="monthly", weekday=4, hour=17,
          cost="€ 6 per maaltijd", access="wt", places=(40, 0), waiting_list=True),
    Offer("Soos Austerlitz", "Dorpshuis Austerlitz", "meet act",
          "Kaarten, sjoelen en bijpraten in het dorpshuis van Austerlitz.",
          "Amersfoortseweg 4, 3711 AA", weekday=2, hour=14, access="wt"),
    Offer("Hulp bij formulieren", BIEB, "prac",
          "Hulp bij brieven, formulieren en de belastingaangifte. Neem uw papieren mee.",
          "Steynlaan 19, 3701 EB", weekday=1, hour=13, access="wq"),
    Offer("Klussendienst", VC, "prac role",
          "Kleine klusjes in huis, zoals een lamp ophangen. Of help zelf mee als klusser.",
          "", "at_home", weekday=3, hour=10, cost="€ 5 per klus", access=""),
    Offer("Buurtmoestuin Kerckebosch", "Natuurtuin Zeist", "role meet",
          "Samen groente kweken in een gedeelde moestuin. De oogst delen we.",
          "Kerckebosch 7, 3707 AB", weekday=5, hour=10, access=""),
    Offer("Gastheer of gastvrouw in het buurthuis", HART, "role",
          "Schenk koffie en heet mensen welkom. U bent iets voor een ander.",
          "Het Rond 4, 3701 HS", weekday=0, hour=10, access="wh"),
    Offer("Cursus Gesprekken beginnen", WZ, "skills expect",
          "Vier ochtenden oefenen met praatjes beginnen en volhouden, in een kleine groep.",
          "Utrechtseweg 40, 3704 HB", weekday=4, hour=10, access="wq",
          places=(10, 4)),
    Offer("Luisterwandeling met een vrijwilliger", WZ, "contact",
          "Een wandeling met één vrijwilliger die luistert. Samen, in uw tempo.", "",
          "at_home", weekday=1, hour=11, access="", groups=("widowhood",)),
    Offer("Beweegmiddag 55+", "Sportvereniging Zeist", "act meet",
          "Rustig bewegen op muziek, daarna thee. Ook op een stoel mee te doen.",
          "Tiendweg 10, 3709 JM", weekday=3, hour=14, cost="€ 3 per keer", access="wht",
          ages=(55, None)),
    Offer("Handwerkclub", HART, "act meet",
          "Breien, haken en borduren aan één tafel. Materiaal kunt u lenen.",
          "Het Rond 4, 3701 HS", weekday=4, hour=14, access="wh"),
    Offer("Doven- en slechthorendencafé", "Stichting Hoorzaam Zeist", "meet",
          "Een ontmoeting met ringleiding, schrijftolk en rustige tafels.",
          "Steynlaan 19, 3701 EB", repeat="monthly", weekday=5, hour=14, access="whq",
          groups=("hearing_sight",)),
    Offer("Telefoonmaatje in je eigen taal", VC, "contact",
          "Een vaste vrijwilliger belt u elke week, in het Turks, Arabisch of Engels.", "",
          "online", weekday=2, hour=16, minutes=60, access="", groups=("newcomers",),
          languages=("Turks", "Arabisch", "Engels")),
    Offer("Fotografieclub", "Kunstuitleen Zeist", "act",
          "Samen op pad met de camera of telefoon, daarna de foto's bespreken.",
          "Slotlaan 1, 3701 GB", repeat="biweekly", weekday=6, hour=10,
          cost="€ 20 per jaar", access="w"),
]  # fmt: skip

#: The Week tegen Eenzaamheid programme: (title, organisation, kinds, day of the week
#: counted from its first day, hour, minutes, text).
WEEK_PROGRAMME = [
    ("Open dag in Het Hart", HART, "meet", 0, 10, 240,
     "Het buurthuis zet de deuren open: koffie, muziek en kennismaken met alle clubs."),
    ("Eenzaamheid bespreekbaar: avond voor buren", WELFARE, "skills expect", 2, 19, 120,
     "Hoe merk je dat een buur zich alleen voelt, en wat kun je dan doen?"),
    ("Zeist eet samen", WEST, "meet", 5, 17, 180,
     "Een grote maaltijd voor iedereen in het wijkcentrum. Aanmelden is niet nodig."),
    ("Wandeling langs de vrijwilligersmarkt", VC, "role meet", 7, 13, 150,
     "Maak kennis met vrijwilligerswerk in Zeist, met een korte wandeling langs de kraampjes."),
]  # fmt: skip
