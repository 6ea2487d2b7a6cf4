"""The navigation: each role sees only what it may use.

Apps add their entries with ``register`` (in their AppConfig.ready); the entry shows when
the scoping layer allows its action in the current municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from omzien.core.scoping import can, municipalities_of, national_roles


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    action: str
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    current: bool


_ENTRIES: list[NavEntry] = []


def register(label: str, url_name: str, action: str, order: int = 100) -> None:
    entry = NavEntry(str(label), url_name, action, order)
    if entry not in _ENTRIES:
        _ENTRIES.append(entry)
        _ENTRIES.sort(key=lambda e: e.order)


def navigation_for(user, municipality, path: str) -> list[NavItem]:
    items: list[NavItem] = []
    if municipality is not None:
        allowed = [
            (entry, reverse(entry.url_name, kwargs={"municipality_slug": municipality.slug}))
            for entry in _ENTRIES
            if can(user, entry.action, municipality)
        ]
        # The current entry is the one whose URL is the longest prefix of the path (so
        # /meldingen/overzicht/ marks "Overzicht", not also "Meldingen").
        matches = [url for _, url in allowed if path.startswith(url)]
        current_url = max(matches, key=len) if matches else None
        for entry, url in allowed:
            items.append(NavItem(entry.label, url, url == current_url))
    if national_roles(user):
        url = reverse("national_home")
        items.append(NavItem("Landelijk overzicht", url, path.startswith(url)))
    if len(municipalities_of(user)) > 1:
        url = reverse("choose_municipality")
        items.append(NavItem("Andere gemeente", url, path == url))
    return items
