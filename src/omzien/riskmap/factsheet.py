"""The risk map's section of the municipality's factsheet (issue 12, item 7).

A summary of the districts, from the same table as the risk map page (``exports.build_table``),
so the factsheet never says other numbers than the map: the inhabitants, the estimated lonely
and severely lonely adults (summed over the districts, saying how many are measured and how
many modelled), and the three blind spots: the ranked districts where Omzien reached the
fewest residents per 1,000 estimated severely lonely adults over the last 12 months
(``blindspots.py``), with a reached count below 5 shown as "<5" as on the map.
Aggregates only. Registered in ``core.extensions.factsheet_sections`` (riskmap/extensions.py).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omzien.core.extensions import FactsheetPart
from omzien.core.scoping import can
from omzien.riskmap import exports
from omzien.riskmap.blindspots import MIN_COUNT, BlindSpot
from omzien.riskmap.estimate import Shown

#: How many blind spots the factsheet names.
BLIND_SPOTS = 3


def _districts(n: int) -> str:
    return ngettext("%(n)d wijk", "%(n)d wijken", n) % {"n": n}


def _kinds(shown: list[Shown]) -> str:
    """How the estimates were made: "gemeten in alle 3 wijken", "model in ...", or both."""
    measured = sum(1 for s in shown if s.kind == "gemeten")
    modelled = len(shown) - measured
    if not modelled:
        return _("gemeten in %(districts)s") % {"districts": _districts(measured)}
    if not measured:
        return _("geschat met het model in %(districts)s") % {"districts": _districts(modelled)}
    return _("gemeten in %(measured)s, geschat met het model in %(modelled)s") % {
        "measured": _districts(measured),
        "modelled": _districts(modelled),
    }


def _inhabitants_text(name: str, table: exports.Table) -> str:
    known = [r.inhabitants for r in table.indicators.values() if r.inhabitants is not None]
    text = _("%(name)s heeft %(districts)s met samen %(inhabitants)s inwoners (CBS).") % {
        "name": name,
        "districts": _districts(len(table.rows)),
        "inhabitants": exports.whole(sum(known)),
    }
    unknown = len(table.rows) - len(known)
    if unknown:
        text += " " + _("Van %(districts)s is het aantal inwoners onbekend.") % {
            "districts": _districts(unknown)
        }
    return text


def _estimate_text(table: exports.Table) -> str:
    rows = list(table.indicators.values())
    lonely = [r.lonely for r in rows if r.lonely is not None and r.lonely.count is not None]
    severe = [
        r.severely_lonely
        for r in rows
        if r.severely_lonely is not None and r.severely_lonely.count is not None
    ]
    if not lonely and not severe:
        return _("Voor geen enkele wijk is een schatting van het aantal eenzamen.")
    text = _(
        "Naar schatting voelen %(lonely)s volwassenen zich eenzaam (%(lonely_kind)s), "
        "van wie %(severe)s ernstig eenzaam (%(severe_kind)s)."
    ) % {
        "lonely": exports.whole(sum(s.count for s in lonely)),
        "lonely_kind": _kinds(lonely),
        "severe": exports.whole(sum(s.count for s in severe)),
        "severe_kind": _kinds(severe),
    }
    missing = len(rows) - min(len(lonely), len(severe))
    if missing:
        text += " " + _("Van %(districts)s is er geen schatting.") % {
            "districts": _districts(missing)
        }
    return text


def blind_spot_rows(table: exports.Table) -> tuple[tuple[str, ...], ...]:
    """The first ``BLIND_SPOTS`` ranked districts as shown text, least reached first."""
    ranked = sorted(
        (s for s in table.spots.values() if s.rank is not None),
        key=lambda s: (s.rank, s.name),
    )
    return tuple(_spot_row(spot, table) for spot in ranked[:BLIND_SPOTS])


def _spot_row(spot: BlindSpot, table: exports.Table) -> tuple[str, ...]:
    inhabitants = table.indicators[spot.code].inhabitants
    return (
        spot.name,
        str(spot.rank),
        exports.whole(inhabitants) if inhabitants is not None else exports.UNKNOWN,
        exports.whole(spot.estimated) if spot.estimated is not None else exports.UNKNOWN,
        _("meting") if spot.kind == "gemeten" else _("model"),
        spot.reached_display,
        spot.rate_display or exports.UNKNOWN,
    )


def header() -> tuple[str, ...]:
    """The blind spots' columns."""
    return (
        _("Wijk"),
        _("Rang blinde vlek"),
        _("Inwoners"),
        _("Ernstig eenzame volwassenen (schatting)"),
        _("Meting of model"),
        _("Bereikt (12 maanden)"),
        _("Bereikt per 1.000 ernstig eenzamen"),
    )


def riskmap_section(user, municipality) -> FactsheetPart | None:
    """The risk map's summary for the factsheet; None without districts or permission."""
    if not can(user, "view_riskmap", municipality):
        return None
    table = exports.build_table(municipality)
    if not table.rows:
        return None
    rows = blind_spot_rows(table)
    if rows:
        spots = ngettext(
            "De blinde vlek: de wijk waar Omzien de afgelopen 12 maanden de minste inwoners "
            "bereikte per 1.000 ernstig eenzame volwassenen.",
            "De blinde vlekken: de %(n)d wijken waar Omzien de afgelopen 12 maanden de minste "
            "inwoners bereikte per 1.000 ernstig eenzame volwassenen, de minst bereikte eerst.",
            len(rows),
        ) % {"n": len(rows)}
    else:
        spots = _(
            "Blinde vlekken: geen wijk kan worden gerangschikt, de schattingen zijn te onzeker "
            "(zie de risicokaart)."
        )
    few = _("Minder dan %(n)d bereikte inwoners tonen we als '<%(n)d'.") % {"n": MIN_COUNT}
    return FactsheetPart(
        title=_("Risicokaart: eenzaamheid in de wijken"),
        paragraphs=(
            _inhabitants_text(municipality.name, table),
            _estimate_text(table),
            f"{spots} {few}",
        ),
        header=header() if rows else (),
        rows=rows,
    )
