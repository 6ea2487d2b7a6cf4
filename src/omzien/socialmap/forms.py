"""The initiative form (issue 9): plain Dutch, the seven kinds as checkboxes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.core.models import Organisation
from omzien.socialmap.choices import ActivityKind, TargetGroup
from omzien.socialmap.models import Initiative
from omzien.socialmap.services import EDITABLE


class InitiativeForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label=_("Soort activiteit"),
        choices=ActivityKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één soort activiteit.")},
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Voor wie in het bijzonder"),
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.CharField(
        label=_("Talen"),
        required=False,
        max_length=200,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: Nederlands, Turks."),
    )

    class Meta:
        model = Initiative
        fields = list(EDITABLE)
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages)

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in text.split(",") if part.strip()]


def organisations_for(user, municipality, coordinator: bool):
    from omzien.socialmap.services import own_organisation_ids

    qs = Organisation.objects.filter(municipality=municipality).order_by("name")
    return qs if coordinator else qs.filter(pk__in=own_organisation_ids(user, municipality))
