"""Forms of the setup page of the signalling point."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.core.models import Organisation, Team
from omzien.signalling.cases.forms import textarea
from omzien.signalling.models import SignallingSettings


class RoutingForm(forms.Form):
    """One choice per district: the team that serves it, or none (the coordinator routes)."""

    prefix = "routering"

    def __init__(self, *args, table, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.districts = {}
        for district, serving in table:
            name = f"wijk_{district.pk}"
            self.districts[name] = district
            self.fields[name] = forms.ModelChoiceField(
                label=district.name,
                queryset=teams,
                required=False,
                empty_label=_("Geen team: de kartrekker verdeelt"),
                initial=serving[0].pk if serving else None,
            )

    def rows(self):
        return [(self.districts[name], self[name]) for name in self.districts]

    def routing(self) -> dict[int, Team | None]:
        return {district.pk: self.cleaned_data[name] for name, district in self.districts.items()}


class ReporterTextsForm(forms.ModelForm):
    prefix = "teksten"

    class Meta:
        model = SignallingSettings
        fields = [
            "received_text",
            "in_progress_text",
            "closed_text",
            "reporter_guide",
            "first_contact_guide",
            "notify_email",
        ]
        widgets = {
            "received_text": textarea(3),
            "in_progress_text": textarea(3),
            "closed_text": textarea(3),
            "reporter_guide": textarea(8),
            "first_contact_guide": textarea(8),
        }
        help_texts = {
            "received_text": _("De melder ziet dit direct na het melden."),
            "in_progress_text": _("De melder ziet dit zolang de melding in behandeling is."),
            "closed_text": _("De melder ziet dit als de melding is afgerond."),
        }


class ApiKeyForm(forms.Form):
    prefix = "sleutel"
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies een organisatie.")},
    )
    name = forms.CharField(
        label=_("Omschrijving"),
        help_text=_("Bijvoorbeeld: koppeling met het meldsysteem van de woningcorporatie."),
        max_length=100,
        error_messages={"required": _("Geef de sleutel een omschrijving.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class PartnerLinkForm(forms.Form):
    prefix = "link"
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        error_messages={"required": _("Kies een organisatie.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
