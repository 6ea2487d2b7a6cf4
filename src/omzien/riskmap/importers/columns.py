"""Columns resolved by meaning, never by position.

An OData key such as ``Eenzaam_27`` and a StatLine export title such as
``Psychosociale gezondheid/Eenzaam (%)`` both come down to the same normal form
(``eenzaam``): lower case, letters and digits only, the numeric suffix and the unit dropped.
A column means an indicator when its normal form ends with the indicator's; the longest match
wins, so ``ErnstigZeerErnstigEenzaam_28`` is severe loneliness, not loneliness.
"""

from __future__ import annotations

import re

# Normal form -> indicator, for the RIVM adults' tables (50090NED, 50120NED, 50150NED).
# The numeric suffixes differ per table (50120NED Eenzaam_27, 50150NED Eenzaam_25), and
# 50150NED names the severe group SterkEenzaam_26: stored as it is named, sterk_eenzaam
# (whether it equals ernstig_eenzaam is not verified; docs/riskmap-import.md).
RIVM_INDICATORS = {
    "eenzaam": "eenzaam",
    "ernstigzeerernstigeenzaam": "ernstig_eenzaam",
    "sterkeenzaam": "sterk_eenzaam",
    "emotioneeleenzaam": "emotioneel_eenzaam",
    "sociaaleenzaam": "sociaal_eenzaam",
}

# The GGD young adults monitor (50140NED).
GGD_YOUNG_INDICATORS = {
    "enigszinstotsterkeenzaam": "eenzaam",
    "sterkeenzaam": "sterk_eenzaam",
    "enigszinstotsterksociaaleenzaam": "sociaal_eenzaam",
    "sterksociaaleenzaam": "sterk_sociaal_eenzaam",
    "enigszinstotsterkemotioneeleenzaam": "emotioneel_eenzaam",
    "sterkemotioneeleenzaam": "sterk_emotioneel_eenzaam",
}

# CBS Kerncijfers wijken en buurten: normal form -> key figure name (the names of
# core.reference, e.g. District.key_figures). ``{unit}`` is ``pct`` for (%) and ``aantal``.
KWB_FIGURES = {
    "aantalinwoners": "aantal_inwoners",
    "mannen": "mannen",
    "vrouwen": "vrouwen",
    "0tot15jaar": "{unit}_0_15",
    "15tot25jaar": "{unit}_15_25",
    "25tot45jaar": "{unit}_25_45",
    "45tot65jaar": "{unit}_45_65",
    "65jaarofouder": "{unit}_65plus",
    "75jaarofouder": "{unit}_75plus",
    "huishoudenstotaal": "huishoudens",
    "particulierehuishoudens": "huishoudens",
    "eenpersoonshuishoudens": "{unit}_eenpersoonshuishoudens",
    "gemiddeldehuishoudensgrootte": "gem_huishouden_grootte",
    "bevolkingsdichtheid": "bevolkingsdichtheid",
    "huishoudensmeteenlaaginkomen": "pct_laag_inkomen",
    "personenautostotaal": "personenautos",
}

# Dimensions: normal form of the column -> role.
DIMENSIONS = {
    "id": "id",
    "wijkenenbuurten": "area",
    "regios": "area",
    "codering": "code",
    "perioden": "period",
    "leeftijd": "age",
    "persoonskenmerken": "age",
    "marges": "margin",
}

# Margins by code (OData) and by title (StatLine export). CBS's titles are "Waarde",
# "Ondergrens 95%-interval" and "Bovengrens 95%-interval"; the longer
# "...95%-betrouwbaarheidsinterval" was never seen in published metadata but is harmless.
# Anything else is refused, never guessed.
MARGINS = {
    "mw00000": "value",
    "mog0095": "lower",
    "mbg0095": "upper",
    "waarde": "value",
    "ondergrens95interval": "lower",
    "bovengrens95interval": "upper",
    "ondergrens95betrouwbaarheidsinterval": "lower",
    "bovengrens95betrouwbaarheidsinterval": "upper",
}

# Age groups by code, and the StatLine export's titles back to the code.
AGE_GROUPS = {
    "20300": "18 jaar of ouder",
    "53115": "18 tot 65 jaar",
    "80200": "65 jaar of ouder",
    "T009002": "Jongvolwassenen (totaal)",
}
AGE_CODES_BY_TITLE = {re.sub(r"[^a-z0-9]", "", t.lower()): c for c, t in AGE_GROUPS.items()}
AGE_CODES_BY_TITLE["totaal"] = "T009002"

# CBS symbols for an unknown or secret figure. "-" is "nihil" (zero) in CBS's legend.
SUPPRESSED = {"", ".", "x", "?"}


def normal(name: str) -> str:
    """``Eenzaam_27`` -> ``eenzaam``; ``Bevolking/Aantal inwoners (aantal)`` ->
    ``bevolkingaantalinwoners``."""
    name = re.sub(r"_\d+$", "", name.strip().strip('"\ufeff'))
    name = re.sub(r"\([^)]*\)\s*$", "", name)
    return re.sub(r"[^a-z0-9]", "", name.lower())


def unit_of(title: str) -> str:
    """``pct`` when the title ends in ``(%)``, else ``aantal``."""
    return "pct" if re.search(r"\(\s*%\s*\)\s*$", title) else "aantal"


def meaning(title: str, table: dict[str, str]) -> str | None:
    """The table's meaning of a column title, by the longest normal form it ends with."""
    form = normal(title)
    if form in table:
        return table[form]
    matches = [key for key in table if form.endswith(key) and len(key) > 3]
    if not matches:
        return None
    return table[max(matches, key=len)].replace("{unit}", unit_of(title))


def dimension(title: str) -> str | None:
    form = normal(title)
    if form in DIMENSIONS:
        return DIMENSIONS[form]
    return "code" if form.endswith("codering") else None


def area_code(raw: object) -> str:
    """``'WK036300  '`` -> ``'WK036300'``."""
    return str(raw or "").strip()


def year_of(raw: object) -> int | None:
    """``2022JJ00``, ``2022`` and ``2022*`` -> 2022."""
    match = re.match(r"^\s*(\d{4})", str(raw or ""))
    return int(match.group(1)) if match else None


def margin_of(raw: object) -> str | None:
    return MARGINS.get(re.sub(r"[^a-z0-9]", "", str(raw or "").lower()))


def age_code(raw: object) -> str:
    """The code of an age group: a code stays itself, a StatLine title becomes its code."""
    text = str(raw or "").strip()
    return AGE_CODES_BY_TITLE.get(re.sub(r"[^a-z0-9]", "", text.lower()), text)


def number(raw: object) -> tuple[float | None, bool]:
    """(value, ok): None for a suppressed cell, ok False when the cell is not a number."""
    if raw is None:
        return None, True
    if isinstance(raw, bool):
        return None, False
    if isinstance(raw, int | float):
        return float(raw), True
    text = str(raw).strip()
    if text in SUPPRESSED:
        return None, True
    if text == "-":
        return 0.0, True
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text), True
    except ValueError:
        return None, False
