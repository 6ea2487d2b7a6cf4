"""The round form: name, target, period, districts, letter texts, retention."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.core.models import District
from omzien.visits.models import VisitRound


class RoundForm(forms.ModelForm):
    class Meta:
        model = VisitRound
        fields = [
            "name",
            "target",
            "target_age",
            "reference_date",
            "districts",
            "starts_on",
            "ends_on",
            "letter_text",
            "not_home_text",
            "retention_days",
        ]
        widgets = {
            "reference_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "districts": forms.CheckboxSelectMultiple,
            "letter_text": forms.Textarea(attrs={"rows": 5}),
            "not_home_text": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = District.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["target_age"].min_value = 18
        self.fields["target_age"].max_value = 110
        self.fields["retention_days"].max_value = 730

    def clean_target_age(self):
        age = self.cleaned_data["target_age"]
        if not 18 <= age <= 110:
            raise forms.ValidationError(_("Kies een leeftijd tussen 18 en 110 jaar."))
        return age

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De laatste bezoekdag ligt voor de eerste."))
        return data
