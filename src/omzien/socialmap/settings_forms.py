"""The social map's section of the municipality's settings page (``/g/<slug>/instellingen/``):
how far away an activity may be, and the weights of matching (docs/matching.md)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.socialmap.matching import DEFAULT_WEIGHTS, MAX_WEIGHT, weights_with_defaults

#: The weights in the order and words of the settings page.
WEIGHT_LABELS = {
    "kind_fit": _("Past bij de soort eenzaamheid"),
    "distance": _("Dichtbij (of bij de inwoner thuis)"),
    "free": _("Gratis, bij weinig geld"),
    "interest": _("Sluit aan bij de interesses"),
    "wish": _("Past bij een wens (per wens; een wens die niet past trekt af)"),
    "places_left": _("Er is nog plaats"),
    "waiting_list": _("Vol, wel een wachtlijst (trekt af)"),
    "wheelchair": _("Rolstoeltoegankelijk, bij een rolstoel"),
    "hearing_loop": _("Ringleiding, bij slecht horen"),
    "transport": _("Vervoer te regelen, zonder eigen vervoer"),
    "target_group": _("Voor mensen met gehoor- of zichtverlies"),
    "language": _("In een andere taal of voor nieuwkomers, bij weinig Nederlands"),
}
_WEIGHT_ERRORS = {
    "required": _("Vul een gewicht in; 0 zet dit onderdeel uit."),
    "invalid": _("Vul een getal in, bijvoorbeeld 1,5."),
    "min_value": _("Een gewicht is 0 of meer."),
    "max_value": _("Een gewicht is hoogstens 10."),
    "max_digits": _(
        "Vul een getal in van hoogstens 10, met hoogstens twee cijfers achter de komma."
    ),
    "max_decimal_places": _("Hoogstens twee cijfers achter de komma."),
    "max_whole_digits": _("Een gewicht is hoogstens 10."),
}


def _weight_field(name: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=WEIGHT_LABELS[name],
        min_value=Decimal(0),
        max_value=Decimal(str(MAX_WEIGHT)),
        max_digits=4,
        decimal_places=2,
        localize=True,
        error_messages=_WEIGHT_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": "5"}),
    )


class MatchSettingsForm(forms.Form):
    """Matching: the farthest distance that still counts as reachable, and a weight per part
    of the score (0 to 10; the defaults are in docs/matching.md)."""

    match_max_km = forms.IntegerField(
        label=_("Aanbod op een adres telt als bereikbaar tot (km)"),
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Vul een afstand in kilometers in."),
            "invalid": _("Vul een heel getal in, bijvoorbeeld 10."),
            "min_value": _("De afstand is minstens 1 km."),
            "max_value": _("De afstand is hoogstens 100 km."),
        },
        widget=forms.NumberInput(attrs={"min": 1, "max": 100}),
    )

    def __init__(self, data=None, *, settings, **kwargs):
        kwargs.setdefault("prefix", "aanbod")
        weights = weights_with_defaults(settings.match_weights)
        initial = {"match_max_km": settings.match_max_km}
        initial.update({name: Decimal(str(value)) for name, value in weights.items()})
        super().__init__(data, initial=initial, **kwargs)
        for name in DEFAULT_WEIGHTS:
            self.fields[f"weight_{name}"] = _weight_field(name)
            self.initial[f"weight_{name}"] = initial[name]

    def clean(self):
        cleaned = super().clean()
        weights = {
            name: float(cleaned[f"weight_{name}"])
            for name in DEFAULT_WEIGHTS
            if cleaned.get(f"weight_{name}") is not None
        }
        cleaned["match_weights"] = weights
        return cleaned


def match_settings_form(municipality, data):
    from omzien.socialmap.settings import settings_of

    return MatchSettingsForm(data, settings=settings_of(municipality))


def save_match_settings(*, actor, municipality, values):
    from omzien.socialmap.settings_services import update_match_settings

    return update_match_settings(
        actor=actor,
        municipality=municipality,
        max_km=values["match_max_km"],
        weights=values["match_weights"],
    )
