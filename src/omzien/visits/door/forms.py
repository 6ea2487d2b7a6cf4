"""The visit form at the door (issue 11, item 5): the outcome of this attempt and, for a visit
that took place, the report with the 6-item De Jong Gierveld scale and the follow-up.

Only parsing and Dutch messages live here; ``services.record_visit`` decides what happens."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.assessment.scales import INSTRUMENTS
from omzien.signalling.models import Barrier
from omzien.socialmap.choices import ActivityKind
from omzien.visits.models import FollowUp, Outcome
from omzien.visits.models.visits import CAN_DO, OUTSIDE, YES_NO

#: The 6-item De Jong Gierveld scale (items 3, 4, 7, 8, 9, 10 of the 11).
SCALE = INSTRUMENTS["djg6"]
#: A phone number: digits, spaces, dashes and a leading +, 10 to 15 digits.
PHONE = re.compile(r"^\+?[\d\s-]+$")
#: A clock on a phone may run a little ahead of the server.
CLOCK_SKEW = dt.timedelta(minutes=10)

REQUIRED = {"required": _("Kies een antwoord.")}


def _radios(label, choices, *, required=False, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={**REQUIRED, "invalid_choice": _("Kies een van de antwoorden.")},
    )


def _checkboxes(label, choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies uit de lijst.")},
    )


def scale_field_name(item) -> str:
    return f"scale_{item.number}"


class VisitForm(forms.Form):
    """One attempt at one address. ``client_id`` is made when the page is shown, so the same
    visit sent twice (a weak connection, a phone that stored it offline) is stored once."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)
    at = forms.DateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "required": _("Vul de datum en tijd van het bezoek in."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 12-03-2027 10:30."),
        },
    )
    outcome = _radios(_("Hoe ging het?"), Outcome.choices, required=True)
    # Daily activities
    self_care = _radios(_("Zichzelf verzorgen (wassen, aankleden)"), CAN_DO)
    household = _radios(_("Het huishouden"), CAN_DO)
    administration = _radios(_("Administratie en geldzaken"), CAN_DO)
    outside = _radios(_("Hoe vaak komt de inwoner buiten?"), OUTSIDE)
    mobility_aid = _radios(_("Gebruikt een rollator, stok of rolstoel"), YES_NO)
    # Social contacts
    someone_to_talk = _radios(_("Heeft iemand om mee te praten"), YES_NO)
    someone_to_accompany = _radios(_("Heeft iemand om mee op pad te gaan"), YES_NO)
    someone_for_jobs = _radios(_("Heeft iemand voor klusjes"), YES_NO)
    wants_more_contact = _radios(_("Wil meer contact met anderen"), YES_NO)
    barriers = _checkboxes(_("Wat houdt de inwoner tegen?"), Barrier.choices)
    # Activities
    activities = _checkboxes(_("Doet nu"), ActivityKind.choices)
    wants_activities = _checkboxes(_("Zou graag willen"), ActivityKind.choices)
    life_satisfaction = _radios(
        _("Welk rapportcijfer geeft de inwoner het eigen leven?"),
        [(str(n), str(n)) for n in range(1, 11)],
        help_text=_("1 is heel slecht, 10 is uitstekend."),
    )
    follow_up = forms.ChoiceField(
        label=_("Wat wil de inwoner nu?"),
        choices=FollowUp.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat de inwoner nu wil."),
            "invalid_choice": _("Kies een van de antwoorden."),
        },
    )
    consent = _radios(
        _("Mag een welzijnswerker contact opnemen?"),
        YES_NO,
        help_text=_("Vraag het de inwoner zelf. Zonder toestemming geven we niets door."),
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer om terug te bellen"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off", "inputmode": "tel"}),
        error_messages={"max_length": _("Een telefoonnummer is hoogstens 20 tekens.")},
    )
    referral_initiative = forms.TypedChoiceField(
        label=_("Activiteit om aan te raden"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Naam en contact ziet u na het opslaan, om aan de inwoner te geven."),
        error_messages={"invalid_choice": _("Kies een activiteit uit de lijst.")},
    )

    #: The groups of the page: (legend, field names), shown only when the visit took place.
    REPORT_GROUPS = (
        (
            _("Dagelijks leven"),
            ("self_care", "household", "administration", "outside", "mobility_aid"),
        ),
        (
            _("Contacten"),
            (
                "someone_to_talk",
                "someone_to_accompany",
                "someone_for_jobs",
                "wants_more_contact",
                "barriers",
            ),
        ),
        (_("Activiteiten"), ("activities", "wants_activities", "life_satisfaction")),
    )

    def __init__(self, data=None, *, initiatives=(), **kwargs):
        """``initiatives``: (pk, label) of the published initiatives to offer."""
        super().__init__(data, **kwargs)
        self.fields["referral_initiative"].choices = [("", _("Geen keuze")), *initiatives]
        for item in SCALE.items:
            self.fields[scale_field_name(item)] = _radios(
                item.text, [(option.value, option.label) for option in SCALE.options]
            )
        # The follow-up is asked of every visit that took place (shown as required).
        visited = not self.is_bound or self.data.get("outcome") == Outcome.VISITED
        self.fields["follow_up"].required = visited
        if not self.is_bound:
            self.initial.setdefault("client_id", uuid.uuid4())
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("at", now)

    def group(self, names):
        return [self[name] for name in names]

    @property
    def top_fields(self):
        return self.group(("at", "outcome"))

    @property
    def scale_stem(self) -> str:
        return SCALE.stem

    @property
    def report_groups(self):
        return [(legend, self.group(names)) for legend, names in self.REPORT_GROUPS]

    @property
    def scale_fields(self):
        return [self[scale_field_name(item)] for item in SCALE.items]

    @property
    def follow_up_fields(self):
        return self.group(("follow_up", "consent", "contact_phone", "referral_initiative"))

    def clean_at(self):
        value = self.cleaned_data["at"]
        if value > timezone.now() + CLOCK_SKEW:
            raise forms.ValidationError(_("Het bezoek kan niet in de toekomst liggen."))
        return value

    def clean_contact_phone(self):
        value = " ".join(self.cleaned_data["contact_phone"].split())
        digits = re.sub(r"\D", "", value)
        if value and (not PHONE.match(value) or not 10 <= len(digits) <= 15):  # noqa: PLR2004
            raise forms.ValidationError(_("Vul een telefoonnummer in, bijvoorbeeld 06 1234 5678."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("outcome") != Outcome.VISITED:
            return data
        follow_up = data.get("follow_up")
        if follow_up == FollowUp.HELP and not data.get("consent"):
            self.add_error("consent", _("Vraag of een welzijnswerker contact mag opnemen."))
        return data

    def report(self) -> dict | None:
        """The report as ``services.record_visit`` takes it, or None when nobody was met."""
        data = self.cleaned_data
        if data["outcome"] != Outcome.VISITED:
            return None
        report = {name: data.get(name) or "" for group in self.REPORT_GROUPS for name in group[1]}
        for name in ("barriers", "activities", "wants_activities"):
            report[name] = list(data.get(name) or [])
        report["mobility_aid"] = {"yes": True, "no": False}.get(data.get("mobility_aid"))
        satisfaction = data.get("life_satisfaction")
        report["life_satisfaction"] = int(satisfaction) if satisfaction else None
        report["scale_answers"] = {
            str(item.number): data[scale_field_name(item)]
            for item in SCALE.items
            if data.get(scale_field_name(item))
        }
        report["follow_up"] = data.get("follow_up") or FollowUp.NONE
        report["consent"] = data.get("consent") == "yes"
        report["contact_phone"] = data.get("contact_phone", "")
        activity = data["follow_up"] == FollowUp.ACTIVITY
        report["referral_initiative_id"] = data.get("referral_initiative") if activity else None
        return report
