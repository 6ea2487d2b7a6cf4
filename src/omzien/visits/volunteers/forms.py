"""The coordinator's forms: a volunteer's registration, and the choice of another volunteer
for one address or for all open addresses of a volunteer."""

from __future__ import annotations

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.models import District, User
from omzien.visits.models import Volunteer

PHONE = re.compile(r"^\+?[0-9 ()-]+$")
MAX_VISITS_PER_WEEK = 20


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.display_name} ({obj.email})"


class VolunteerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        districts = ", ".join(d.name for d in obj.districts.all()) or _("geen wijk")
        return f"{obj.user.display_name} ({districts})"


class VolunteerForm(forms.ModelForm):
    """Registration and changes. The VOG's end date is not typed: the service computes it."""

    user = UserChoice(
        queryset=User.objects.none(),
        label=_("Wie"),
        empty_label=_("Kies iemand"),
        help_text=_(
            "Iemand met de rol vrijwilliger in deze gemeente die nog niet is ingeschreven."
        ),
        error_messages={
            "required": _("Kies wie de vrijwilliger is."),
            "invalid_choice": _("Kies iemand uit de lijst."),
        },
    )

    class Meta:
        model = Volunteer
        fields = [
            "user",
            "phone",
            "trained_on",
            "vog_issued_on",
            "districts",
            "visits_per_week",
            "availability",
            "active",
        ]
        widgets = {
            "trained_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "vog_issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "districts": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, municipality, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["user"]
        else:
            self.fields["user"].queryset = candidates
        self.fields["districts"].queryset = District.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["phone"].widget.attrs.update({"type": "tel", "autocomplete": "off"})

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE.match(phone) or not 10 <= len(digits) <= 15):
            raise forms.ValidationError(
                _("Vul een telefoonnummer in van 10 cijfers, bijvoorbeeld 06 12345678.")
            )
        return phone

    def clean_trained_on(self):
        day = self.cleaned_data["trained_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("De datum van de training ligt in de toekomst."))
        return day

    def clean_vog_issued_on(self):
        day = self.cleaned_data["vog_issued_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("De afgiftedatum van de VOG ligt in de toekomst."))
        return day

    def clean_visits_per_week(self):
        count = self.cleaned_data["visits_per_week"]
        if not 1 <= count <= MAX_VISITS_PER_WEEK:
            raise forms.ValidationError(
                _("Kies een aantal tussen 1 en %(most)s bezoeken per week.")
                % {"most": MAX_VISITS_PER_WEEK}
            )
        return count


class ReceiverForm(forms.Form):
    """Who gets the address (or the addresses): a volunteer who may visit, or nobody."""

    receiver = VolunteerChoice(
        queryset=Volunteer.objects.none(),
        label=_("Naar vrijwilliger"),
        required=False,
        empty_label=_("Niemand: weer vrij om te verdelen"),
        help_text=_("Alleen vrijwilligers met training en een geldige VOG staan in de lijst."),
        error_messages={"invalid_choice": _("Kies een vrijwilliger uit de lijst.")},
    )

    def __init__(self, *args, receivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiver"].queryset = receivers
