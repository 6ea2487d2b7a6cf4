"""The programme team's entry of figures only people know (issue 12, item 4)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.monitoring.models import ProgrammeFigure

#: Suggested labels (the form takes any): the datalist of the label field.
SUGGESTED = ("Campagnebereik", "Aantal deelnemers aan de campagne", "Mediabereik")
FIRST_YEAR = 2019


class ProgrammeFigureForm(forms.ModelForm):
    class Meta:
        model = ProgrammeFigure
        fields = ["year", "label", "value", "source", "note"]
        help_texts = {
            "label": _("Bijvoorbeeld campagnebereik, aantal deelnemers aan de campagne of "
                       "mediabereik. Hetzelfde cijfer voor hetzelfde jaar opnieuw invullen, "
                       "vervangt het oude."),
            "value": _("Een heel getal, zonder punten."),
            "source": _("Waar het cijfer vandaan komt, bijvoorbeeld het campagnebureau."),
        }  # fmt: skip
        error_messages = {
            "value": {
                "invalid": _("Vul een heel getal in, zonder punten of komma's."),
                "min_value": _("Vul 0 of meer in."),
                "required": _("Vul de waarde in."),
            },
            "year": {"required": _("Vul het jaar in."), "invalid": _("Vul een jaartal in.")},
            "label": {"required": _("Vul in welk cijfer het is.")},
            "source": {"required": _("Vul de bron in.")},
        }
        widgets = {"label": forms.TextInput(attrs={"list": "suggested-labels"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        last = timezone.localdate().year + 1
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Kies een jaar van %(first)s tot en met %(last)s."),
                params={"first": FIRST_YEAR, "last": last},
            )
        return year

    def clean_label(self) -> str:
        return " ".join(self.cleaned_data["label"].split())

    def clean(self):
        """The same label for the same year replaces the earlier figure."""
        data = super().clean()
        if data.get("year") and data.get("label"):
            earlier = ProgrammeFigure.objects.filter(year=data["year"], label=data["label"]).first()
            if earlier is not None:
                self.instance = earlier
        return data
