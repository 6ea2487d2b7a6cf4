"""Crisis flagging: texts that point to acute danger or suicide must flag, everyday worries
must not (issue 4). The list errs towards flagging: a false alarm costs a phone call."""

from __future__ import annotations

import pytest

from omzien.signalling.intake.crisis import CRISIS_MESSAGE, crisis_matches, is_crisis, normalise

pytestmark = pytest.mark.issue(4)

MUST_FLAG = [
    "hij praat over zelfmoord",
    "ze wil er niet meer zijn",
    "heeft pillen gespaard",
    "zegt dat hij een eind aan zijn leven wil maken",
    "ik denk aan zelfdoding",
    "ZE HEEFT HET OVER ZELFMOORD",
    "Zelfmoordgedachten sinds zijn vrouw overleed",
    "hij dreigt met zelf-moord",
    "ze praat over zelfmoort",  # misspelling
    "selfmoord",  # misspelling
    "hij had het over zelmoord",  # misspelling
    "mijn buurman is suïcidaal",
    "Suicidaal volgens zijn dochter",
    "ze is suisidaal",  # misspelling
    "ze wil dood",
    "hij wil niet meer leven",
    "ze zegt dat het leven geen zin meer heeft",
    "hij wil er een eind aan maken",
    "hij zegt dat hij er een eind aan wil maken",
    "hij zei: ik maak er een einde aan",
    "ze wil zichzelf iets aandoen",
    "hij heeft een afscheidsbrief geschreven",
    "hij staat op het balkon en dreigt te springen",
    "ze wil voor de trein springen",
    "hij heeft een touw gekocht om zich op te hangen",
    "ze heeft een overdosis genomen",
    "hij snijdt zichzelf in zijn armen",
    "ze zegt dat ze beter dood kan zijn",
    "hij wil zijn leven beëindigen",
    "Ze ziet het niet meer zitten",
    "hij wil uit het leven stappen",
    "er is acuut gevaar",
    "hij ligt op de grond en reageert niet meer",
    "hij heeft alle medicijnen in een keer ingenomen",
    "ze spaart slaappillen op",
    "hij is klaar met leven",
    "hij heeft een mes en dreigt ermee",
    "ik ruik gas bij de buren",
    "hij wil niet meer wakker worden",
    "hij loopt met een mes rond",
    "er hangt rook in het trappenhuis",
    "ze zegt: ik hoef er niet meer te zijn",
    "ze beschadigt zichzelf",
    "ik ben bang dat mijn buurman doodgaat",
    "de buurvrouw ligt al dagen in bed en eet niets",
    "hij wil zich ophangen",
]

MUST_NOT_FLAG = [
    "de gordijnen zijn al dagen dicht",
    "ze komt niet meer naar de koffieochtend",
    "zijn vrouw is vorig jaar overleden",
    "de brievenbus puilt uit",
    "hij is erg stil de laatste tijd",
    "de tuin is helemaal verwilderd",
    "ik zie haar bijna nooit meer buiten",
    "het licht brandt de hele dag",
    "de planten voor het raam zijn dood",
    "de plant in de vensterbank gaat dood",
    "al haar planten gaan dood",
    "hij drinkt meer dan vroeger",
    "sinds zijn pensioen komt hij de deur niet meer uit",
    "ze is verhuisd naar een kleiner huis en kent niemand",
    "ze kan de was niet meer ophangen",
    "zijn hond is doodgegaan en nu is hij alleen",
    "ze heeft een hoge bloeddruk en loopt slecht",
    "de krant ligt al dagen op de mat",
    "het rook vies in de gang",
    "eten met mes en vork lukt niet meer goed",
    "ze kan haar vork en mes niet meer goed vasthouden",
    "de schutting is beschadigd en niemand maakt hem",
    "mevrouw is 87 en woont sinds de dood van haar man alleen",
    "hij was vroeger brandweerman en mist zijn collega's",
    "sinds de winkels in de wijk weg zijn, komt ze nergens meer",
    "hij is wat vergeetachtig",
    "de kinderen wonen ver weg en komen bijna nooit",
    "hij zit de hele dag voor de tv",
    "de vuilnisbak staat al twee weken aan de straat",
    "ik maak me zorgen omdat ik haar twee weken niet heb gezien",
]


@pytest.mark.parametrize("text", MUST_FLAG)
def test_crisis_text_flags(text):
    assert is_crisis(text), f"should flag: {text!r}"


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_everyday_text_does_not_flag(text):
    assert crisis_matches(text) == [], f"should not flag: {text!r} ({crisis_matches(text)})"


def test_the_lists_are_long_enough():
    assert len(MUST_FLAG) >= 25
    assert len(MUST_NOT_FLAG) >= 20


def test_crisis_words_in_the_name_field_also_flag():
    assert is_crisis("", "zelfmoord")


def test_normalise_removes_accents_case_and_hyphens():
    assert normalise("  Suïcidaal  ZELF-moord ") == "suicidaal zelfmoord"


def test_the_message_names_112_and_113():
    assert "112" in CRISIS_MESSAGE
    assert "113" in CRISIS_MESSAGE
    assert "0800-0113" in CRISIS_MESSAGE
