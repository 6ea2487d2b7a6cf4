"""The coalition's forms: a member, the kartrekker, a joint activity, a local participation and
(for the programme) a national partnership. Dutch messages; the decisions (duplicates, who may
save) are in ``services.py``."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
)
from omzien.core.models import Organisation

MAX_HOURS = Decimal("60")
DATE = {"type": "date"}


def _date(**attrs):
    return forms.DateInput(attrs={**DATE, **attrs}, format="%Y-%m-%d")


def _messages(form: forms.ModelForm, texts: dict[str, str]) -> None:
    """Dutch messages for a required field left empty and a date that is no date."""
    for name, text in texts.items():
        field = form.fields[name]
        if text:
            field.error_messages["required"] = text
        field.error_messages["invalid"] = _("Vul een geldige datum in, bijvoorbeeld 15-03-2026.")
        field.error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")


def _end_after_start(form, start: str, end: str) -> None:
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, _("Deze datum ligt vóór de begindatum. Kies een latere datum."))


class MemberForm(forms.ModelForm):
    class Meta:
        model = CoalitionMember
        fields = ["name", "organisation", "sector", "commitments", "joined_on", "left_on"]
        widgets = {
            "joined_on": _date(),
            "left_on": _date(),
            "commitments": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["organisation"].empty_label = _("Geen (de organisatie werkt niet in Omzien)")
        self.fields["sector"].choices = [
            ("", _("Kies een sector")),
            *self.fields["sector"].choices[1:],
        ]
        _messages(
            self,
            {
                "name": _("Vul de naam van de organisatie in."),
                "sector": _("Kies de sector van de organisatie."),
                "joined_on": _("Vul in sinds wanneer de organisatie meedoet."),
                "left_on": "",
                "organisation": "",
            },
        )

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        _end_after_start(self, "joined_on", "left_on")
        return cleaned


class EndMemberForm(forms.Form):
    left_on = forms.DateField(
        label=_("Gestopt op"),
        widget=_date(),
        error_messages={
            "required": _("Vul in op welke dag de organisatie stopt."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2026."),
        },
    )


class CommaDecimalField(forms.DecimalField):
    """A number typed the Dutch way (12,5) or the English way (12.5), shown the Dutch way
    (16, 12,5)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}".replace(".", ",")
        return value


class KartrekkerForm(forms.ModelForm):
    hours_per_week = CommaDecimalField(
        label=_("Uren per week"),
        max_digits=4,
        decimal_places=1,
        help_text=_("Hoeveel uur per week de kartrekker aan de aanpak werkt, bijvoorbeeld 12,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    class Meta:
        model = Kartrekker
        fields = ["name", "organisation_name", "hours_per_week"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        hours = self.fields["hours_per_week"]
        _messages(
            self,
            {
                "name": _("Vul de naam van de kartrekker in."),
                "organisation_name": _("Vul de organisatie van de kartrekker in."),
                "hours_per_week": _("Vul in hoeveel uur per week de kartrekker eraan werkt."),
            },
        )
        hours.error_messages["invalid"] = _("Vul een getal in, bijvoorbeeld 16 of 12,5.")
        for key in ("max_digits", "max_decimal_places", "max_whole_digits"):
            hours.error_messages[key] = _("Vul een getal in met hoogstens één cijfer na de komma.")

    def clean_hours_per_week(self):
        hours = self.cleaned_data["hours_per_week"]
        if hours < 0 or hours > MAX_HOURS:
            raise forms.ValidationError(
                _("Vul een aantal uren per week in van 0 tot en met %(max)s.") % {"max": MAX_HOURS}
            )
        return hours


class ActivityForm(forms.ModelForm):
    class Meta:
        model = JointActivity
        fields = ["title", "held_on", "members", "in_week_against_loneliness", "description"]
        widgets = {
            "held_on": _date(),
            "members": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members
        self.fields["members"].error_messages["invalid_choice"] = _(
            "Kies coalitiepartners uit de lijst."
        )
        self.fields["members"].error_messages["invalid_pk_value"] = _(
            "Kies coalitiepartners uit de lijst."
        )
        self.fields["description"].error_messages["max_length"] = _(
            "Houd de beschrijving korter dan %(limit_value)d tekens (nu %(show_value)d)."
        )
        _messages(
            self,
            {
                "title": _("Vul de titel van de activiteit in."),
                "held_on": _("Vul de datum van de activiteit in."),
            },
        )


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = LocalParticipation
        fields = ["partnership", "since", "ended_on", "collaboration"]
        widgets = {
            "since": _date(),
            "ended_on": _date(),
            "collaboration": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnerships = NationalPartnership.objects.filter(active=True)
        if self.instance.pk:
            partnerships = (
                NationalPartnership.objects.filter(pk=self.instance.partnership_id) | partnerships
            )
        self.fields["partnership"].queryset = partnerships.order_by("name")
        self.fields["partnership"].empty_label = _("Kies een landelijk partnerschap")
        _messages(
            self,
            {
                "partnership": _("Kies het landelijke partnerschap."),
                "since": _("Vul in sinds wanneer de gemeente meedoet."),
                "ended_on": "",
                "collaboration": _("Beschrijf kort wat er lokaal gebeurt."),
            },
        )

    def clean(self):
        cleaned = super().clean()
        _end_after_start(self, "since", "ended_on")
        return cleaned


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = NationalPartnership
        fields = ["name", "sector", "description", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [
            ("", _("Kies een sector")),
            *self.fields["sector"].choices[1:],
        ]
        self.fields["name"].error_messages["unique"] = _(
            "Er is al een landelijk partnerschap met deze naam."
        )
        _messages(
            self,
            {
                "name": _("Vul de naam van het partnerschap in."),
                "sector": _("Kies de sector van het partnerschap."),
            },
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = NationalPartnership.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Er is al een landelijk partnerschap met deze naam."))
        return name
