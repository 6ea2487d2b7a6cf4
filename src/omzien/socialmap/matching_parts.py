"""The parts of a match's score (issue 9, docs/matching.md): each part is a number of points
and the Dutch words that explain it. ``matching.py`` turns them into ``Reason``s; a part of
zero points is no reason and is not shown.

A part reads an initiative through its attributes only (``kinds``, ``where``, ``free``, ...),
so it scores a model instance and a row of ``values_list`` alike.
"""

from __future__ import annotations

from omzien.socialmap.choices import ActivityKind, TargetGroup, Where

K = ActivityKind

#: How well each kind of activity fits each kind of loneliness, from -1 to 1 (DOMAIN.md
#: section 2; our working mapping, not a published table). Emotional loneliness: a close bond
#: helps, group activities can make it worse. Social: a wider circle. Practical support
#: removes barriers for any kind: a first step. "both" is the mean of the two.
_EMOTIONAL = {
    K.MEANINGFUL_CONTACT: 1.0, K.REALISTIC_EXPECTATIONS: 0.8, K.SOCIAL_SKILLS: 0.7,
    K.PRACTICAL_SUPPORT: 0.4, K.MEANINGFUL_ACTIVITY: 0.2, K.MEANINGFUL_ROLE: 0.2,
    K.MEETING: -0.5,
}  # fmt: skip
_SOCIAL = {
    K.MEETING: 1.0, K.MEANINGFUL_ACTIVITY: 0.9, K.SOCIAL_SKILLS: 0.8, K.MEANINGFUL_ROLE: 0.8,
    K.PRACTICAL_SUPPORT: 0.4, K.MEANINGFUL_CONTACT: 0.3, K.REALISTIC_EXPECTATIONS: 0.2,
}  # fmt: skip
FIT: dict[str, dict[str, float]] = {
    "emotional": {str(k): v for k, v in _EMOTIONAL.items()},
    "social": {str(k): v for k, v in _SOCIAL.items()},
    "both": {str(k): (_EMOTIONAL[k] + _SOCIAL[k]) / 2 for k in K},
    "none": {str(K.PRACTICAL_SUPPORT): 0.4},
    "unknown": {str(K.PRACTICAL_SUPPORT): 0.4},
}
_LONELINESS = {
    "emotional": "emotionele eenzaamheid",
    "social": "sociale eenzaamheid",
    "both": "sociale en emotionele eenzaamheid",
}
_PHRASE = {
    K.MEANINGFUL_CONTACT: "een-op-een contact",
    K.MEETING: "ontmoeting in een groep",
    K.MEANINGFUL_ACTIVITY: "zinvol bezig zijn",
    K.PRACTICAL_SUPPORT: "praktische hulp als eerste stap",
    K.SOCIAL_SKILLS: "sociale vaardigheden oefenen",
    K.MEANINGFUL_ROLE: "een betekenisvolle rol",
    K.REALISTIC_EXPECTATIONS: "realistische verwachtingen",
}
_ORDER = {str(k): i for i, k in enumerate(K)}
_DUTCH = {"nl", "nederlands", "dutch", "nld"}
#: Daytime (the wish "alleen overdag"): every meeting starts at or after 8:00 and ends by 18:00.
DAY_STARTS, DAY_ENDS = 8 * 60, 18 * 60


VENUE, AT_HOME = str(Where.VENUE), str(Where.AT_HOME)
HEARING_SIGHT, NEWCOMERS = str(TargetGroup.HEARING_SIGHT), str(TargetGroup.NEWCOMERS)
_SENSES = frozenset({"hearing", "sight"})


def one_to_one(row) -> bool:
    """One person with one person: a buddy or visits (meaningful contact), or at home."""
    return "meaningful_contact" in row.kinds or row.where == AT_HOME


def group(row) -> bool:
    """A group: a meeting, or anything at an address that is not one-to-one."""
    return "meeting" in row.kinds or (row.where == VENUE and not one_to_one(row))


def _km(distance: float) -> str:
    # Both points are the centres of PC4 areas: "0,0 km" would claim a precision we lack.
    if distance < 0.05:
        return "in hetzelfde postcodegebied"
    return f"{distance:.1f}".replace(".", ",") + " km"


def _kind_fit(row, need, weights, words) -> tuple | None:
    table = FIT.get(need.kind)
    if not table:
        return None
    best, fit = None, 0.0
    for kind in (k for k in row.kinds if k in _ORDER):
        value = table.get(kind, 0.0)
        if best is None or value > fit or (value == fit and _ORDER[kind] < _ORDER[best]):
            best, fit = kind, value
    if best is None:
        return None
    if not words:
        return ("kind_fit", weights["kind_fit"] * fit, None)
    phrase = _PHRASE[best]
    if need.kind not in _LONELINESS:
        text = phrase
    elif fit < 0:
        text = f"minder passend bij {_LONELINESS[need.kind]}: {phrase}"
    else:
        text = f"past bij {_LONELINESS[need.kind]}: {phrase}"
    return ("kind_fit", weights["kind_fit"] * fit, text)


def _distance(row, distance, weights, max_km, words) -> tuple | None:
    if row.where == AT_HOME:
        return ("distance", weights["distance"], "bij u thuis, geen reis")
    if distance is None:
        return None
    points = weights["distance"] * max(0.0, 1 - distance / max_km)
    return ("distance", points, _km(distance) if words else None)


def _barrier_parts(row, need, weights, words) -> list[tuple]:
    barriers, found = need.barriers, []
    if "money" in barriers and row.free:
        found.append(("free", weights["free"], "gratis"))
    if "mobility" in barriers and row.where == VENUE and row.wheelchair:
        found.append(("wheelchair", weights["wheelchair"], "rolstoeltoegankelijk"))
    if "hearing" in barriers and row.hearing_loop:
        found.append(("hearing_loop", weights["hearing_loop"], "ringleiding"))
    if "transport" in barriers and row.where == VENUE and row.transport:
        found.append(("transport", weights["transport"], "vervoer te regelen"))
    if barriers & _SENSES and HEARING_SIGHT in row.target_groups:
        text = "voor mensen met gehoor- of zichtverlies"
        found.append(("target_group", weights["target_group"], text))
    if "language" in barriers:
        other = [lang for lang in row.languages if lang.strip().lower() not in _DUTCH]
        if other:
            text = "ook in het " + ", ".join(other) if words else None
            found.append(("language", weights["language"], text))
        elif NEWCOMERS in row.target_groups:
            found.append(("language", weights["language"], "voor nieuwkomers"))
    return found


def _interest(row, need, weights, words) -> tuple | None:
    shared = [k for k in row.kinds if k in need.interests and k in _ORDER]
    if not shared:
        return None
    if not words:
        return ("interest", weights["interest"], None)
    labels = ", ".join(str(K(k).label).lower() for k in sorted(shared, key=_ORDER.get))
    return ("interest", weights["interest"], f"sluit aan bij de interesse: {labels}")


def _wish_parts(row, need, weights, daytime) -> list[tuple]:
    wishes, w, found = need.wishes, weights["wish"], []
    if "one_to_one" in wishes:
        if one_to_one(row):
            found.append(("wish", w, "wens: een-op-een"))
        elif group(row):
            found.append(("wish", -w, "wens was een-op-een, dit is in een groep"))
    if "group" in wishes:
        if group(row):
            found.append(("wish", w, "wens: in een groep"))
        elif one_to_one(row):
            found.append(("wish", -w, "wens was een groep, dit is een-op-een"))
    if "at_home" in wishes and row.where == AT_HOME:
        found.append(("wish", w, "wens: bij u thuis"))
    if "daytime" in wishes and daytime is not None:
        if daytime:
            found.append(("wish", w, "wens: overdag (tussen 8 en 18 uur)"))
        else:
            found.append(("wish", -w, "wens was overdag, dit is ook 's avonds of vroeg"))
    return found


def _places(row, weights, words) -> tuple | None:
    if row.places_left:
        word = "plaats" if row.places_left == 1 else "plaatsen"
        text = f"nog {row.places_left} {word}" if words else None
        return ("places_left", weights["places_left"], text)
    if row.places_left == 0 and row.waiting_list:
        return ("waiting_list", -weights["waiting_list"], "vol, wel een wachtlijst")
    return None


def parts(row, need, *, distance, weights, max_km, daytime, words=True) -> list[tuple]:
    """The score's parts of an admitted initiative, in a fixed order, as (code, points,
    Dutch text), the points rounded to four decimals; parts of zero points are left out.
    ``words=False`` leaves the texts None (to rank many quickly; the points are the same)."""
    found = [
        _kind_fit(row, need, weights, words),
        _distance(row, distance, weights, max_km, words),
        *_barrier_parts(row, need, weights, words),
        _interest(row, need, weights, words),
        *_wish_parts(row, need, weights, daytime),
        _places(row, weights, words),
    ]
    return [
        (code, points, text)
        for code, points, text in ((c, round(p, 4), t) for c, p, t in filter(None, found))
        if points != 0
    ]


def bound(row, need, *, distance, weights, max_km, memo: dict) -> float:
    """Kind fit and distance exactly (unrounded): with ``rest_bound`` an upper bound of the
    score, to skip rows that cannot be among the best. ``memo``: kind fit by kinds (the
    same few tuples recur), one dict per query."""
    kinds = row.kinds
    fit = memo.get(kinds) if isinstance(kinds, tuple) else None
    if fit is None:
        found = _kind_fit(row, need, weights, False)
        fit = found[1] if found else 0.0
        if isinstance(kinds, tuple):
            memo[kinds] = fit
    near = _distance(row, distance, weights, max_km, False)
    return fit + (near[1] if near else 0.0)


def rest_bound(need, weights) -> float:
    """The most the parts other than kind fit and distance can add for ``need``."""
    barriers = need.barriers
    most = weights["places_left"] + weights["wish"] * len(need.wishes)
    most += weights["interest"] if need.interests else 0.0
    for barrier, name in (("money", "free"), ("mobility", "wheelchair"),
                          ("hearing", "hearing_loop"), ("transport", "transport"),
                          ("language", "language")):  # fmt: skip
        most += weights[name] if barrier in barriers else 0.0
    return most + (weights["target_group"] if barriers & _SENSES else 0.0)
