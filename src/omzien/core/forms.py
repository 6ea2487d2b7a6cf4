from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from omzien.core.geo import is_valid_postcode, normalise_postcode
from omzien.core.models import District, Municipality, Organisation, Resident, Team
from omzien.core.roles import NATIONAL_ROLES, Role


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Gebruikersnaam of e-mailadres"),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. Let op hoofdletters."
        ),
        "inactive": _("Dit account is niet actief."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code uit uw app"),
        help_text=_("Zes cijfers uit uw authenticator-app."),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Vul alleen cijfers in."))
        return token


class ResidentForm(forms.ModelForm):
    """Add a resident, or complete and correct one (``initial_for`` fills in what is stored)."""

    class Meta:
        model = Resident
        fields = [
            "name",
            "street",
            "house_number",
            "house_number_addition",
            "postcode",
            "place",
            "birth_date",
            "phone",
            "email",
            "preferred_language",
            "contact_notes",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # Someone else's details: the browser must not offer the staff member's own.
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "contact_notes": forms.Textarea(attrs={"rows": 3}),
        }

    @classmethod
    def initial_for(cls, resident: Resident) -> dict:
        return {field: getattr(resident, field) for field in cls.Meta.fields}

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        if not is_valid_postcode(value):
            raise forms.ValidationError(_("Vul een postcode in zoals 3701 AB."))
        # Stored normalised: "3701ab" is no change of "3701 AB".
        return normalise_postcode(value)

    def clean_house_number_addition(self):
        return self.cleaned_data["house_number_addition"].strip().upper()


class InviteForm(forms.Form):
    # The database column's length (User.email), checked here so it never reaches the database.
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    role = forms.ChoiceField(
        label=_("Rol"), choices=[(r.value, r.label) for r in Role if r not in NATIONAL_ROLES]
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none(), required=False
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    districts = forms.ModelMultipleChoiceField(
        label=_("Wijken"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen voor welzijnswerkers: de wijken waarvan zij trajecten zien."),
    )

    def __init__(self, *args, municipality: Municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        )
        self.fields["team"].queryset = Team.objects.filter(municipality=municipality)
        self.fields["districts"].queryset = District.objects.filter(municipality=municipality)
