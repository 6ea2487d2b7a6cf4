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
    # Suicide, by name and common misspellings (zelfmoord, zelfmoort, selfmoord, zelmoord)
    r"[zs]e?lf? ?mo+r[dt]",
    r"su[iï]?[cs]id",
    r"zelf ?dod",
    r"doodswens|doodsgedachte",
    # Wanting to die or to end one's life
    r"een eind(e)? (aan )?(zijn|haar|mijn|het|z'n|m'n|je) leven",
    r"(zijn|haar|mijn|het|je) leven (wil |willen |te )?(be)?eindigen",
    r"leven (te )?be[eë]indigen",
    r"niet meer (verder )?(willen |wil |wilt )?leven",
    r"wil(t|len)? niet meer (verder )?leven",
    r"wil(t|len)? (niet meer )?dood",
    r"dood (willen|wil|wilt) (gaan|zijn)",
    r"(wil|wilt|willen|wou|wilde) doodgaan",
    r"(beter|liever) dood",
    r"(wil|wilt|willen|wou|wilde) er niet meer (te )?zijn",
    r"er niet meer (wil|wilt|willen|wou|wilde) zijn",
    r"(hoef|hoeft|hoeven) er niet meer (te )?zijn|er niet meer (hoeven|hoeft|hoef) te zijn",
    r"(wil|wilt|willen) niet meer bestaan",
    r"er een eind(e)? aan (wil |wilt |willen |wou |gaat |gaan |zal )?(te )?ma(ak|ken|akt)",
    r"ma(ak|akt|ken) er een eind(e)? aan",
    r"er een punt achter (te )?zet",
    r"uit het leven (te )?(stappen|stapt|gestapt)",
    r"(leven|het) (heeft|had) geen zin( meer)?",
    r"leven (heeft |had |is )?(geen zin|zinloos)",
    r"geen zin meer in (het|zijn|haar|mijn) leven",
    r"klaar met (het |zijn |haar |mijn )?leven",
    r"voltooid leven",
    r"niet meer wakker (willen |wil |wilt )?(te )?worden",
    r"zie(t|n)? het (allemaal )?niet meer zitten",
    r"afscheidsbrief|afscheid (genomen|nemen|neemt) van (iedereen|het leven)",
    # Ways and means
    r"van (de|het|een) (brug|flat|dak|balkon) (te )?(springen|af)",
    r"(wil|wilt|gaat|dreigt|dreigde) (te )?springen",
    r"voor (de|een) trein",
    r"zich(zelf)? (wil |gaat )?(op te hangen|ophangen|opgehangen)",
    r"(touw|strop)\b.{0,40}(hangen|ophangen)",
    r"(pillen|medicijnen|tabletten)\b.{0,30}"
    r"(gespaard|spaart|sparen|opgespaard|verzameld|verzamelt|geslikt|slikt|slikken)",
    r"(spaart|spaarde|verzamelt|verzamelde|slikt|slikte) .{0,20}(pillen|medicijnen|tabletten)",
    r"alle (pillen|medicijnen|tabletten)",
    r"(doos|strip|potje|handvol|hand vol) (met |vol )?(pillen|medicijnen|tabletten)",
    r"overdosis",
    r"pols(en)? (door)?(te )?(ge)?snij?d",
    r"snij(dt|den) (zich|zichzelf)|(zich|zichzelf) (te )?snijden",
    r"zichzelf (iets |wat )?aan(doen|gedaan|te doen)",
    r"zichzelf (wat |iets )?(te )?(lijf|pijn) (doen|gedaan)",
    r"zich(zelf)? (iets |wat )?aan (te )?doen",
    r"zelfbeschadig|(zich|zichzelf) (te )?beschadig|beschadig(t|en|de) (zich|zichzelf)",
    # Acute danger
    r"acuut gevaar",
    r"levensgevaar",
    r"\bgevaar\b",
    r"\b112\b",
    r"\b113\b",
    r"(ligt|lag) (hulpeloos |stil )?(op de grond|op de vloer|bewusteloos)",
    r"(hij|ze|zij|meneer|mevrouw) (ligt|lag) al (dagen|uren)",
    r"(ligt|lag) al (dagen|uren) (in bed|op (de )?(grond|vloer))",
    r"bewusteloos",
    r"reageert (niet|nergens) meer",
    r"gevallen en kan niet",
    r"kan niet meer opstaan",
    r"\bbloed(t|en|ing|ingen|end|ig|de)?\b",
    r"\bwapen",
    # A knife, unless it is cutlery ("eten met mes en vork").
    r"(?<!vork en )\bmes(sen)?\b(?! en vork)",
    r"bedreig",
    r"mishandel",
    r"geweld",
    r"\bgas ?lucht",
    r"ruik(t|en)? (naar )?gas\b",
    r"\bbrand\b",
    # Smoke, unless "rook" is the past tense of "ruiken" ("het rook vies").
    r"rookmelder|\brook\b(?! (vies|lekker|raar|naar|muf|sterk|er|een beetje|erg|heel|zuur))",
    r"niet meer (ge)?eten|eet (al dagen )?niet meer",
    r"drinkt (al dagen )?niets",
    r"verward",
    r"stervend|(ik|hij|ze|zij|je) (ga|gaat) dood",
    # Someone dying, unless the text is about plants (a sign on the checklist).
    r"^(?!.*\bplant).*(\b(ga|gaat) dood\b|\bdoodga(at|an)\b)",
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
