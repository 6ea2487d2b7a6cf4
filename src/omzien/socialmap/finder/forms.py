"""What a resident types into the finder (a GET form: no session, no CSRF cookie)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.core import geo
from omzien.socialmap.choices import ActivityKind, TargetGroup
from omzien.socialmap.finder.search import Criteria

DISTANCES = [("1", _("1 km")), ("2", _("2 km")), ("5", _("5 km")), ("10", _("10 km")),
             ("25", _("25 km"))]  # fmt: skip
DEFAULT_KM = "5"
DAYS = [("1", _("maandag")), ("2", _("dinsdag")), ("3", _("woensdag")), ("4", _("donderdag")),
        ("5", _("vrijdag")), ("6", _("zaterdag")), ("7", _("zondag"))]  # fmt: skip
DAY_PARTS = [("ochtend", _("ochtend")), ("middag", _("middag")), ("avond", _("avond"))]
COSTS = [("", _("maakt niet uit")), ("gratis", _("gratis")), ("betaald", _("betaald"))]
ACCESS = [
    ("rolstoel", _("rolstoeltoegankelijk")),
    ("ringleiding", _("met ringleiding")),
    ("vervoer", _("vervoer te regelen")),
    ("rustig", _("met een rustige ruimte")),
]


def _checkboxes(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class FinderForm(forms.Form):
    q = forms.CharField(
        label=_("Wat zoek je?"), required=False, max_length=100,
        help_text=_("Bijvoorbeeld: wandelen, koffie, computer"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )  # fmt: skip
    postcode = forms.CharField(
        label=_("Jouw postcode"), required=False, max_length=7,
        help_text=_("Dan zie je wat dichtbij is. Bijvoorbeeld: 3701"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "text"}),
    )  # fmt: skip
    afstand = forms.ChoiceField(label=_("Hoe ver weg?"), choices=DISTANCES, required=False)
    soort = _checkboxes(_("Soort activiteit"), ActivityKind.choices)
    dag = _checkboxes(_("Op welke dag?"), DAYS)
    dagdeel = _checkboxes(_("Welk deel van de dag?"), DAY_PARTS)
    kosten = forms.ChoiceField(
        label=_("Kosten"), choices=COSTS, required=False, widget=forms.RadioSelect
    )
    toegankelijk = _checkboxes(_("Wat heb je nodig?"), ACCESS)
    voor = _checkboxes(_("Voor wie?"), TargetGroup.choices)

    def __init__(self, data=None, **kwargs):
        if data is not None and not data.get("afstand"):
            data = data.copy()
            data["afstand"] = DEFAULT_KM
        super().__init__(data, initial={"afstand": DEFAULT_KM}, **kwargs)
        self.area = None

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        try:
            value = geo.normalise_postcode(value)
        except geo.InvalidPostcode:
            raise forms.ValidationError(
                _("Vul een postcode in met 4 cijfers, bijvoorbeeld 3701.")
            ) from None
        self.area = geo.lookup_postcode(value)
        if self.area is None:
            raise forms.ValidationError(_("Deze postcode kennen we niet. Kijk of hij klopt."))
        return value

    def criteria(self) -> Criteria:
        data = self.cleaned_data
        point = (self.area.latitude, self.area.longitude) if self.area else None
        return Criteria(
            words=data.get("q", ""),
            point=point,
            km=float(data.get("afstand") or DEFAULT_KM),
            kinds=tuple(data.get("soort", ())),
            days=tuple(int(d) for d in data.get("dag", ())),
            day_parts=tuple(data.get("dagdeel", ())),
            cost=data.get("kosten", ""),
            access=tuple(data.get("toegankelijk", ())),
            groups=tuple(data.get("voor", ())),
        )

    def filters_used(self) -> int:
        """How many of the extra filters are set (to open the filter panel when any is)."""
        data = self.data if self.is_bound else {}
        keys = ("soort", "dag", "dagdeel", "kosten", "toegankelijk", "voor")
        return sum(1 for key in keys if data.get(key))
