from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.assessment.scales import INSTRUMENTS


class AssessmentForm(forms.Form):
    """One question per row, the exact Dutch items, the answers as large radio buttons.

    Every question may be left open: the scale's own missing-answer rules then decide whether
    a score can be given (an unknown score is shown as such, never as 0).
    """

    taken_on = forms.DateField(
        label=_("Datum van de meting"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, instrument: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = INSTRUMENTS[instrument]
        self.fields["taken_on"].initial = timezone.localdate()
        choices = [(option.value, option.label) for option in self.instrument.options]
        for item in self.instrument.items:
            self.fields[f"item_{item.number}"] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )

    @property
    def item_fields(self):
        return [self[f"item_{item.number}"] for item in self.instrument.items]

    def clean_taken_on(self):
        value = self.cleaned_data["taken_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        return value

    def answers(self) -> dict[int, str | None]:
        return {
            item.number: self.cleaned_data.get(f"item_{item.number}") or None
            for item in self.instrument.items
        }
