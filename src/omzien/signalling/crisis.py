"""Does a signal's text point to acute danger or suicide? Then it is urgent at once.

The list errs towards flagging: a false alarm costs a welfare worker a phone call; a missed
one can cost a life. Matching is on normalised text (lower case, accents removed, spacing
collapsed) so that "Zelfmoord", "zelf-moord" and "zelf moord" all match.
"""

from __future__ import annotations

import re
import unicodedata

#: Patterns (regular expressions on normalised text) that flag a signal as urgent.
CRISIS_PATTERNS: tuple[str, ...] = (
    r"zelf ?moord",
    r"su[iï]cid",
    r"\bsuicide",
    r"zelfdoding",
    r"een eind(e)? (aan )?(zijn|haar|mijn|het|z'n|m'n) leven",
    r"(zijn|haar|mijn) leven (wil )?(be)?eindigen",
    r"leven (te )?be[eë]indigen",
    r"niet meer (verder )?(willen |wil |wilt )?leven",
    r"wil(t)? niet meer leven",
    r"wil(t)? dood",
    r"dood (willen|wil|wilt) (gaan|zijn)",
    r"er niet meer (willen |wil |wilt )?zijn",
    r"er een eind(e)? aan (maken|te maken|maakt)",
    r"van (de|het) (brug|flat|dak) (springen|af)",
    r"voor (de|een) trein",
    r"ophangen",
    r"pillen (ge)?(slikt|slikken|verzameld|sparen|opgespaard)",
    r"overdosis",
    r"polsen (door)?snijden",
    r"zichzelf (iets )?aan(doen|gedaan|te doen)",
    r"zichzelf (wat )?(iets )?(te )?(lijf|pijn) (doen|gedaan)",
    r"zich(zelf)? (iets )?aan (te )?doen",
    r"(zelf)?beschadig",
    r"afscheidsbrief",
    r"acuut gevaar",
    r"levensgevaar",
    r"\bgevaar\b",
    r"\b112\b",
    r"\b113\b",
    r"(ligt|lag) (op de grond|bewusteloos|al dagen)",
    r"bewusteloos",
    r"reageert (niet|nergens) meer",
    r"gevallen en kan niet",
    r"kan niet meer opstaan",
    r"\bbloed",
    r"\bwapen",
    r"\bmes\b",
    r"bedreig",
    r"mishandel",
    r"geweld",
    r"\bgas ?lucht",
    r"ruik(t|en)? gas",
    r"\bbrand\b",
    r"\brook\b",
    r"niet meer (ge)?eten|eet (al dagen )?niet meer",
    r"drinkt (al dagen )?niets",
    r"verward",
    r"stervend|doodgaan|gaat dood",
)
_COMPILED = tuple(re.compile(p) for p in CRISIS_PATTERNS)

#: What the reporter sees at once when the text flags.
CRISIS_MESSAGE = (
    "Is er direct gevaar? Bel 112. Denkt iemand aan zelfdoding? Bel 113 (0800-0113, gratis, "
    "dag en nacht) of chat via 113.nl."
)


def normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[-_/]+", "", plain)
    return re.sub(r"\s+", " ", plain).strip()


def crisis_matches(*texts: str) -> list[str]:
    """The crisis patterns found in the texts (empty when none)."""
    text = normalise(" ".join(t for t in texts if t))
    return [pattern.pattern for pattern in _COMPILED if pattern.search(text)]


def is_crisis(*texts: str) -> bool:
    return bool(crisis_matches(*texts))
