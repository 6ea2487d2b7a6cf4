"""The municipality's request form, the programme's filters and its move form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.monitoring.models import SupportKind, SupportRequest
from omzien.monitoring.support.workflow import SupportState


class RequestForm(forms.ModelForm):
    class Meta:
        model = SupportRequest
        fields = ["kind", "question", "preferred_period", "contact_name", "contact_email"]
        widgets = {"kind": forms.RadioSelect, "question": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "kind": {"required": _("Kies waar u hulp bij wilt.")},
            "question": {"required": _("Schrijf uw vraag op.")},
            "contact_name": {"required": _("Vul de naam van de contactpersoon in.")},
            "contact_email": {
                "required": _("Vul het e-mailadres van de contactpersoon in."),
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SupportKind.choices


class QueueFilterForm(forms.Form):
    stand = forms.ChoiceField(
        label=_("Stand"), required=False, choices=[("", _("Alle")), *SupportState.choices]
    )
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle")), *SupportKind.choices]
    )


class MoveForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Behandelaar"), required=False, queryset=None,
        empty_label=_("Kies iemand van het programmateam"),
    )  # fmt: skip
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nodig bij afronden (wat is er gedaan) en afwijzen (waarom)."),
    )  # fmt: skip

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username
