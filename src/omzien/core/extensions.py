"""Extension points where higher apps add to core screens without core importing them.

``resident_sections``: callables ``(request, municipality, resident) -> (template, context)``
rendered on the resident page, in registration order.
"""

from __future__ import annotations

from collections.abc import Callable

ResidentSection = Callable[..., tuple[str, dict]]
_RESIDENT_SECTIONS: list[ResidentSection] = []


def register_resident_section(section: ResidentSection) -> None:
    if section not in _RESIDENT_SECTIONS:
        _RESIDENT_SECTIONS.append(section)


def resident_sections(request, municipality, resident) -> list[tuple[str, dict]]:
    return [section(request, municipality, resident) for section in _RESIDENT_SECTIONS]
