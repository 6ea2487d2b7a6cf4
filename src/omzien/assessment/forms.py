from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.assessment.scales import INSTRUMENTS


class AssessmentForm(forms.Form):
    """One question per row, the exact Dutch items, the answers as large radio buttons.

    Every question may be left open: the scale's own missing-answer rules then decide whether
    a score can be given (an unknown score is shown as such, never as 0). But an empty form is
    refused, and a partial one is saved only after the user saw which questions are open and
    which scores can still be computed (``preview``) and ticked ``confirm_partial`` (issue 8).
    """

    confirm_partial = forms.BooleanField(
        label=_("Ik heb het gecontroleerd: sla de meting op met de open vragen"), required=False
    )

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

    def clean(self):
        data = super().clean()
        #: The scores as they would be stored, with the open questions (for the template).
        self.preview = None
        answers = self.answers()
        if all(answer is None for answer in answers.values()):
            raise forms.ValidationError(
                _("Er is geen enkele vraag beantwoord. Een lege meting slaan we niet op."),
                code="empty",
            )
        result = self.instrument.score(answers)
        if result.missing_items:
            self.preview = {
                "missing": list(result.missing_items),
                "total": result.total,
                "emotional": getattr(result, "emotional", None),
                "social": getattr(result, "social", None),
                "has_subscales": hasattr(result, "emotional"),
            }
            if not data.get("confirm_partial"):
                raise forms.ValidationError(
                    _(
                        "Niet alle vragen zijn beantwoord. Kijk hieronder wat dat betekent voor "
                        "de score, en bevestig dat u de meting zo wilt opslaan."
                    ),
                    code="partial",
                )
        return data

    def answers(self) -> dict[int, str | None]:
        return {
            item.number: self.cleaned_data.get(f"item_{item.number}") or None
            for item in self.instrument.items
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom trekt u deze meting in?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf op waarom u de meting intrekt.")},
    )
