"""Forms of the referrals part: they parse what was typed (Dutch messages per field); the
gate and the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.signalling.cases.forms import YES_NO, textarea
from omzien.signalling.models import Barrier, ReferralState, ShareField, Wish
from omzien.signalling.referrals.states import REFERRAL_MOVES


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Vandaag, of eerder als het al eerder gebeurde. Niet in de toekomst."),
        error_messages={
            "required": _("Vul een datum in."),
            "invalid": _("Vul een datum in als dag-maand-jaar."),
        },
        **kwargs,
    )


class PastDateMixin:
    date_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.date_fields:
            value = data.get(name)
            if value and value > timezone.localdate():
                self.add_error(name, _("De datum kan niet in de toekomst liggen."))
        return data


class NeedsForm(forms.Form):
    prefix = "wensen"
    interests = forms.MultipleChoiceField(
        label=_("Waar heeft de inwoner zin in?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests_text = forms.CharField(
        label=_("Interesses in eigen woorden"),
        help_text=_("Bijvoorbeeld: tuinieren, zingen, wandelen."),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Gebruik hoogstens %(limit_value)d tekens.")},
    )
    barriers = forms.MultipleChoiceField(
        label=_("Wat maakt meedoen moeilijk?"),
        choices=Barrier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    wishes = forms.MultipleChoiceField(
        label=_("Wat wil de inwoner liever?"),
        choices=Wish.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from omzien.socialmap.choices import ActivityKind

        super().__init__(*args, **kwargs)
        self.fields["interests"].choices = ActivityKind.choices


class ReferForm(PastDateMixin, forms.Form):
    prefix = "verwijzen"
    date_fields = ("proposed_on",)
    initiative = forms.ModelChoiceField(
        label=_("Initiatief"),
        queryset=None,
        empty_label=_("Kies een initiatief"),
        error_messages={
            "required": _("Kies een initiatief."),
            "invalid_choice": _("Kies een initiatief uit de lijst."),
        },
    )
    proposed_on = date_field(_("Voorgesteld op"))
    share = forms.MultipleChoiceField(
        label=_("Wat mag u doorgeven aan het initiatief?"),
        help_text=_(
            "Vink alleen aan waarvoor de inwoner toestemming gaf. Niets aangevinkt: er gaat "
            "geen e-mail naar het initiatief en er gaan geen persoonsgegevens weg."
        ),
        choices=ShareField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    handover_note = forms.CharField(
        label=_("Wat zoekt de inwoner? (toelichting)"),
        help_text=_("Gaat alleen mee als u 'Wat de inwoner zoekt' aanvinkt."),
        required=False,
        max_length=2000,
        widget=textarea(3),
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives


class ReferralMoveForm(PastDateMixin, forms.Form):
    prefix = "stand"
    date_fields = ("on",)
    state = forms.ChoiceField(
        label=_("Wat is er gebeurd?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat er is gebeurd."),
            "invalid_choice": _("Kies een van de mogelijkheden."),
        },
    )
    on = date_field(_("Op welke datum?"))
    note = forms.CharField(
        label=_("Toelichting of uitkomst"), required=False, max_length=2000, widget=textarea(2)
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [
            (state, ReferralState(state).label) for state in REFERRAL_MOVES[referral.state]
        ]


class FollowUpForm(PastDateMixin, forms.Form):
    prefix = "opvolgen"
    date_fields = ("on",)
    still_going = forms.TypedChoiceField(
        label=_("Gaat de inwoner er nog heen?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of de inwoner er nog heen gaat.")},
    )
    note = forms.CharField(
        label=_("Hoe gaat het? (uitkomst)"), required=False, max_length=2000, widget=textarea(3)
    )
    on = date_field(_("Opgevolgd op"))
    invite = forms.BooleanField(
        label=_("De inwoner is uitgenodigd voor een nieuwe meting"),
        help_text=_("Na het opslaan kunt u de meting meteen afnemen."),
        required=False,
        initial=True,
    )
