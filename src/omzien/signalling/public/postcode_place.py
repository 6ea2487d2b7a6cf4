"""Where a typed postcode lies, seen from the municipality whose form it was typed in
(issue 8). An unknown postcode asks the reporter to check it; a postcode of another
municipality names that municipality and links to its form when it takes signals. A reporter
who knows better ticks "De postcode klopt" and the signal goes to this municipality, marked so
on the case (``Signal.postcode_check``, set by ``intake/services.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core.geo import lookup_postcode
from omzien.core.models import Municipality
from omzien.signalling.models import PostcodeCheck
from omzien.signalling.settings import is_live


@dataclass(frozen=True)
class PostcodePlace:
    check: str
    other: Municipality | None = None
    other_form_url: str = ""  # only when the other municipality takes signals


def place_of(postcode: str, municipality: Municipality) -> PostcodePlace:
    area = lookup_postcode(postcode)
    if area is None:
        return PostcodePlace(PostcodeCheck.UNKNOWN)
    if area.municipality_id == municipality.pk:
        return PostcodePlace(PostcodeCheck.IN_MUNICIPALITY)
    other = area.municipality
    url = ""
    if is_live(other):
        url = reverse("signalling:signal_form", kwargs={"municipality_slug": other.slug})
    return PostcodePlace(PostcodeCheck.ELSEWHERE, other, url)


def _message(place: PostcodePlace, postcode: str, municipality: Municipality) -> str:
    if place.check == PostcodeCheck.UNKNOWN:
        return _(
            "Wij kennen postcode %(postcode)s niet. Kijk of hij goed is. Klopt hij toch? Zet "
            "dan een vinkje bij ‘De postcode klopt’."
        ) % {"postcode": postcode}
    return _(
        "Postcode %(postcode)s ligt in de gemeente %(other)s, niet in %(here)s. Woont de "
        "persoon toch in %(here)s? Zet dan een vinkje bij ‘De postcode klopt’."
    ) % {"postcode": postcode, "other": place.other.name, "here": municipality.name}


class PostcodePlaceMixin(forms.Form):
    """For a form with ``postcode`` (after AddressMixin) and a ``municipality``: refuses an
    unknown postcode or one of another municipality until ``postcode_confirmed`` is ticked.
    ``postcode_place`` tells the template what was found (to link to the other form)."""

    postcode_confirmed = forms.BooleanField(label=gettext_lazy("De postcode klopt"), required=False)

    def clean(self):
        data = super().clean()
        self.postcode_place = None
        municipality = getattr(self, "municipality", None)
        postcode = data.get("postcode")
        if municipality is None or not postcode or "postcode" in self.errors:
            return data
        place = place_of(postcode, municipality)
        if place.check != PostcodeCheck.IN_MUNICIPALITY:
            self.postcode_place = place
            if not data.get("postcode_confirmed"):
                self.add_error("postcode", _message(place, postcode, municipality))
        return data
