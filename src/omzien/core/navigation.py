"""The navigation: each role sees only what it may use.

Apps add their entries with ``register`` (in their AppConfig.ready); the entry shows when
the scoping layer allows its action in the current municipality.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from omzien.core.extensions import Registry
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


#: The menu's entries (an extension point; see core/extensions.py).
menu_entries: Registry[NavEntry] = Registry("menu_entries")


def register(label: str, url_name: str, action: str, order: int = 100) -> None:
    menu_entries.register(NavEntry(str(label), url_name, action, order))


def navigation_for(user, municipality, path: str) -> list[NavItem]:
    items: list[NavItem] = []
    if municipality is not None:
        allowed = [
            (entry, reverse(entry.url_name, kwargs={"municipality_slug": municipality.slug}))
            for entry in menu_entries
            if can(user, entry.action, municipality)
        ]
        # The current entry is the one whose URL is the longest prefix of the path (so
        # /meldingen/overzicht/ marks "Overzicht", not also "Meldingen").
        matches = [url for _, url in allowed if path.startswith(url)]
        current_url = max(matches, key=len) if matches else None
        for entry, url in allowed:
            items.append(NavItem(entry.label, url, url == current_url))
    if national_roles(user) or user.is_superuser:
        url = reverse("core:national_home")
        items.append(NavItem(_("Landelijk overzicht"), url, path == url))
        url = reverse("core:onboarding_list")
        items.append(NavItem(_("Gemeenten aanmelden"), url, path.startswith(url)))
    if len(municipalities_of(user)) > 1:
        url = reverse("core:choose_municipality")
        items.append(NavItem(_("Andere gemeente"), url, path == url))
    return items
