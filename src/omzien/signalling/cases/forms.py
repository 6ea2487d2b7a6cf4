"""Forms of the case actions on the case page.

The forms only parse and validate what was typed; the gate (``actions.py``) decides what is
allowed and its Dutch messages (``TransitionError``) are put on the form by the views.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.models import CaseEvent

CONSENT_HOW = CaseEvent.ConsentHow.choices

YES_NO = [("yes", _("Ja")), ("no", _("Nee"))]


def textarea(rows: int = 3) -> forms.Textarea:
    """The multi-line text box of the staff forms (signalling)."""
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


class TakeForm(forms.Form):
    """Taking a case needs no input: the button says it all."""

    prefix = "oppakken"


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
        label=_("Korte toelichting"), required=False, max_length=2000, widget=textarea(2)
    )


class NoteForm(forms.Form):
    prefix = "notitie"
    text = forms.CharField(
        label=_("Wat is er besproken?"),
        help_text=_("Schrijf alleen op wat nodig is voor de ondersteuning."),
        max_length=10000,
        widget=textarea(4),
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
        label=_("Toelichting"), required=False, max_length=2000, widget=textarea(2)
    )

    def __init__(self, *args, targets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(s.value, s.label) for s in CaseState if s in targets]


class CloseForm(forms.Form):
    prefix = "afsluiten"
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een uitkomst om het traject af te sluiten.")},
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, max_length=2000, widget=textarea(2)
    )


class ReopenForm(forms.Form):
    prefix = "heropenen"
    note = forms.CharField(
        label=_("Waarom gaat het traject weer open?"),
        required=False,
        max_length=2000,
        widget=textarea(2),
    )
