"""The letter settings of a municipality (a section of the settings page)."""

from __future__ import annotations

from django import forms

from omzien.visits.letters.planning import parse_slot_times
from omzien.visits.letters.services import LETTER_SETTINGS
from omzien.visits.models import VisitSettings


class LetterSettingsForm(forms.ModelForm):
    class Meta:
        model = VisitSettings
        fields = list(LETTER_SETTINGS)

    def clean_visit_slot_times(self):
        text = self.cleaned_data["visit_slot_times"]
        try:
            times = parse_slot_times(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return ", ".join(t.strftime("%H:%M") for t in times)


def letter_settings_form(municipality, data):
    from omzien.visits.settings import settings_of

    return LetterSettingsForm(data, instance=settings_of(municipality), prefix="brieven")


def save_letter_settings(*, actor, municipality, values):
    from omzien.visits.letters.services import save_letter_settings as save

    return save(actor=actor, municipality=municipality, values=values)
