"""Forms of the staff screens: case actions, phone intake and the coordinator's setup.

The forms only parse and validate what was typed; the services decide what is allowed and
their Dutch messages (``TransitionError``) are put on the form by the views.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.geo import is_valid_postcode
from omzien.core.models import Organisation, Team
from omzien.signalling.models import (
    CaseEvent,
    Channel,
    PersonAware,
    Relation,
    Sign,
    SignallingSettings,
)
from omzien.signalling.services import SignalInput
from omzien.signalling.workflow import CaseState, Outcome, allowed_moves

#: Moves a caseworker makes with the plain "move" action; closing and reopening have their own.
PLAIN_MOVES = (CaseState.IN_PROGRESS, CaseState.REFERRED)

CONSENT_HOW = [
    ("verbal", _("Mondeling")),
    ("written", _("Schriftelijk")),
    ("digital", _("Digitaal")),
]

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


# --- Case actions ----------------------------------------------------------------------------


class AssignForm(forms.Form):
    prefix = "toewijzen"
    caseworker = forms.ModelChoiceField(
        label=_("Welzijnswerker"),
        queryset=None,
        empty_label=_("Kies een welzijnswerker"),
        error_messages={"required": _("Kies een welzijnswerker.")},
    )

    def __init__(self, *args, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers
        self.fields["caseworker"].label_from_instance = lambda user: user.display_name


class AttemptForm(forms.Form):
    prefix = "poging"
    method = forms.ChoiceField(
        label=_("Hoe heeft u contact gezocht?"),
        choices=CaseEvent.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe u contact heeft gezocht.")},
    )
    reached = forms.TypedChoiceField(
        label=_("Heeft u de persoon gesproken?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u de persoon heeft gesproken.")},
    )
    note = forms.CharField(
        label=_("Korte toelichting"), required=False, max_length=2000, widget=_textarea(2)
    )


class NoteForm(forms.Form):
    prefix = "notitie"
    text = forms.CharField(
        label=_("Wat is er besproken?"),
        help_text=_("Schrijf alleen op wat nodig is voor de ondersteuning."),
        max_length=10000,
        widget=_textarea(4),
        error_messages={"required": _("Schrijf eerst iets op.")},
    )


class ConsentForm(forms.Form):
    prefix = "toestemming"
    scope = forms.CharField(
        label=_("Waarvoor geeft de persoon toestemming?"),
        help_text=_("Bijvoorbeeld: gegevens delen met de buurtcoach."),
        max_length=200,
        error_messages={"required": _("Schrijf op waarvoor de persoon toestemming geeft.")},
    )
    how = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=CONSENT_HOW,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de toestemming is gegeven.")},
    )
    given_at = forms.DateTimeField(
        label=_("Wanneer?"),
        required=False,
        help_text=_("Leeg laten: nu."),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_given_at(self):
        value = self.cleaned_data.get("given_at")
        if value and value > timezone.now():
            raise forms.ValidationError(_("Dit moment ligt in de toekomst."))
        return value


class MoveForm(forms.Form):
    prefix = "status"
    target = forms.ChoiceField(
        label=_("Nieuwe status"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de nieuwe status.")},
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=_textarea(2)
    )

    def __init__(self, *args, state: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = move_choices(state)


def move_choices(state: str) -> list[tuple[str, str]]:
    """The plain moves the workflow table allows from ``state``."""
    allowed = allowed_moves(state)
    return [(s.value, s.label) for s in CaseState if s in PLAIN_MOVES and s in allowed]


class CloseForm(forms.Form):
    prefix = "afsluiten"
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een uitkomst om het traject af te sluiten.")},
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=_textarea(2)
    )


class ReopenForm(forms.Form):
    prefix = "heropenen"
    note = forms.CharField(
        label=_("Waarom gaat het traject weer open?"),
        required=False,
        max_length=2000,
        widget=_textarea(2),
    )


# --- Phone intake ----------------------------------------------------------------------------


class IntakeForm(forms.Form):
    """A compact form for a signal taken by phone (or a resident asking for contact)."""

    channel = forms.ChoiceField(
        label=_("Wie belt er?"),
        choices=[
            (Channel.PHONE, _("Iemand maakt zich zorgen over een ander")),
            (Channel.SELF_REFERRAL, _("De inwoner wil zelf graag contact (zelfmelding)")),
        ],
        initial=Channel.PHONE,
        widget=forms.RadioSelect,
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
        error_messages={"required": _("Vul de postcode in.")},
    )
    house_number = forms.CharField(
        label=_("Huisnummer"),
        max_length=10,
        error_messages={"required": _("Vul het huisnummer in.")},
    )
    house_number_addition = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    person_name = forms.CharField(label=_("Naam van de inwoner"), max_length=200, required=False)
    signs = forms.MultipleChoiceField(
        label=_("Wat valt op?"),
        choices=Sign.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    concern = forms.CharField(
        label=_("Wat is de zorg?"),
        help_text=_("In de woorden van de beller. Vul dit in, of kies hierboven wat opvalt."),
        max_length=5000,
        required=False,
        widget=_textarea(4),
    )
    person_aware = forms.ChoiceField(
        label=_("Weet de inwoner van deze melding?"),
        choices=PersonAware.choices,
        initial=PersonAware.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    relation = forms.ChoiceField(
        label=_("Relatie van de beller tot de inwoner"),
        choices=[("", _("Kies of laat leeg")), *Relation.choices],
        required=False,
    )
    reporter_name = forms.CharField(label=_("Naam van de beller"), max_length=200, required=False)
    reporter_phone = forms.CharField(
        label=_("Telefoon van de beller"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    reporter_email = forms.EmailField(label=_("E-mail van de beller"), required=False)

    GROUPS = (
        (None, ("channel",)),
        (
            _("Over wie gaat het?"),
            ("postcode", "house_number", "house_number_addition", "person_name"),
        ),
        (_("De zorg"), ("signs", "concern", "person_aware")),
        (
            _("De beller"),
            ("relation", "reporter_name", "reporter_phone", "reporter_email"),
        ),
    )

    @property
    def groups(self):
        """(legend, bound fields) per fieldset of the page."""
        return [(legend, [self[name] for name in names]) for legend, names in self.GROUPS]

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not is_valid_postcode(value):
            raise forms.ValidationError(_("Vul een postcode in zoals 3701 AB."))
        return value

    def clean(self):
        data = super().clean()
        if not data.get("concern", "").strip() and not data.get("signs"):
            self.add_error("concern", _("Vertel kort wat de zorg is, of kies wat opvalt."))
        return data

    def signal_input(self) -> SignalInput:
        data = self.cleaned_data
        relation = data["relation"]
        if data["channel"] == Channel.SELF_REFERRAL:
            relation = Relation.SELF
        return SignalInput(
            postcode=data["postcode"],
            house_number=data["house_number"],
            house_number_addition=data["house_number_addition"],
            person_name=data["person_name"],
            signs=list(data["signs"]),
            concern=data["concern"],
            person_aware=data["person_aware"] or PersonAware.UNKNOWN,
            relation=relation,
            reporter_name=data["reporter_name"],
            reporter_email=data["reporter_email"],
            reporter_phone=data["reporter_phone"],
        )


# --- Setup -----------------------------------------------------------------------------------


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
        fields = ["received_text", "in_progress_text", "closed_text", "notify_email"]
        widgets = {
            "received_text": _textarea(3),
            "in_progress_text": _textarea(3),
            "closed_text": _textarea(3),
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
