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
    website = forms.URLField(
        label=_("Website"), required=False, assume_scheme="https", max_length=200
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
        if not self.instance.pk and len(organisations) == 1:  # a partner speaks for one
            self.fields["organisation"].empty_label = None
            self.initial.setdefault("organisation", organisations[0].pk)
        self.fields["postcode"].help_text = _("Nodig voor een activiteit op een adres.")
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages)

    def clean_languages(self) -> list[str]:
        text = self.cleaned_data.get("languages") or ""
        return [part.strip() for part in text.split(",") if part.strip()]


def organisations_for(user, municipality, coordinator: bool):
    from omzien.socialmap.services import own_organisation_ids

    qs = Organisation.objects.filter(municipality=municipality).order_by("name")
    return qs if coordinator else qs.filter(pk__in=own_organisation_ids(user, municipality))


class EventForm(forms.Form):
    """A meeting of the initiative: once, or repeating (the services turn it into an RRULE)."""

    prefix = "bijeenkomst"
    date = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    minutes = forms.IntegerField(
        label=_("Duur in minuten"), min_value=5, max_value=1440, initial=120
    )
    repeat = forms.ChoiceField(
        label=_("Herhalen"),
        choices=[
            ("", _("Eén keer")),
            ("weekly", _("Elke week")),
            ("biweekly", _("Om de week")),
            ("monthly", _("Elke maand")),
        ],  # fmt: skip
        required=False,
    )
    until = forms.DateField(
        label=_("Herhalen tot en met"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    title = forms.CharField(label=_("Titel (als die afwijkt)"), max_length=200, required=False)
