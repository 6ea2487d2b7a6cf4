"""Forms of the public side of the signalling point: the three steps, self-referral, status.

Plain Dutch at B1 level. Fields about the person a signal is about switch browser autofill
off: the browser would otherwise offer the reporter's own address and name (WCAG 1.3.5 asks
for autocomplete on fields about the user; those in step 3 and self-referral have it).
"""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.core.geo import normalise_postcode
from omzien.signalling.models import RECEIPT_ALPHABET, PersonAware, Relation, Sign
from omzien.signalling.public.postcode_place import PostcodePlaceMixin

CONCERN_MAX_LENGTH = 5000

_FULL_POSTCODE = re.compile(r"^\s*[1-9][0-9]{3}\s*[A-Za-z]{2}\s*$")
#: "12", and also "12A", "12-2" or "12 bis" typed in one box: number and addition.
_HOUSE_NUMBER = re.compile(r"^([1-9][0-9]{0,4})(?:[\s\-/]*([A-Za-z0-9]{1,6}))?$")
_PHONE = re.compile(r"^[0-9 +()\-.]{6,20}$")
_RECEIPT = re.compile(rf"^[{RECEIPT_ALPHABET}]{{8}}$")


def _text(autocomplete: str = "off", **attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": autocomplete, **attrs})


def clean_postcode(value: str) -> str:
    if not _FULL_POSTCODE.match(value or ""):
        raise forms.ValidationError(
            _("Vul een postcode in met 4 cijfers en 2 letters, bijvoorbeeld 3701 AB.")
        )
    return normalise_postcode(value)


def split_house_number(value: str) -> tuple[str, str]:
    """'12' -> ('12', ''); '12a' -> ('12', 'A'); raises ValidationError otherwise."""
    match = _HOUSE_NUMBER.match((value or "").strip())
    if not match:
        raise forms.ValidationError(
            _("Vul het huisnummer in met cijfers, bijvoorbeeld 12. Een letter mag erachter.")
        )
    number, addition = match.groups()
    return number, (addition or "").upper()


class AddressMixin:
    """Postcode, house number and addition; an addition typed with the number moves over."""

    def clean_postcode(self):
        return clean_postcode(self.cleaned_data["postcode"])

    def clean_house_number_addition(self):
        return self.cleaned_data["house_number_addition"].strip().upper()

    def clean(self):
        data = super().clean()
        if data.get("house_number") and "house_number" not in self.errors:
            try:
                number, addition = split_house_number(data.get("house_number", ""))
            except forms.ValidationError as error:
                self.add_error("house_number", error)
                return data
            typed = data.get("house_number_addition", "")
            if addition and typed and addition != typed:
                self.add_error(
                    "house_number_addition",
                    _("U vulde twee toevoegingen in. Laat er één staan."),
                )
            data["house_number"] = number
            data["house_number_addition"] = typed or addition
        return data


def clean_phone(value: str) -> str:
    value = (value or "").strip()
    if value and (not _PHONE.match(value) or sum(c.isdigit() for c in value) < 6):
        raise forms.ValidationError(
            _("Vul een telefoonnummer in met cijfers, bijvoorbeeld 06 12345678.")
        )
    return value


class PublicForm(forms.Form):
    """Shared behaviour: messages that say which field they are about (the error summary
    shows the message alone), links that land on the field (or the first option of a
    group), and the raw typed values to keep between steps."""

    group_widgets = (forms.RadioSelect, forms.CheckboxSelectMultiple)

    def __init__(self, *args, municipality=None, **kwargs):
        #: The municipality of the form (PostcodePlaceMixin checks the postcode against it).
        self.municipality = municipality
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label).rstrip("?")
            field.error_messages["max_length"] = _(
                "%(label)s: u kunt hier maximaal %%(limit_value)d tekens kwijt. "
                "Het zijn er nu %%(show_value)d."
            ) % {"label": label}
            field.error_messages["invalid_choice"] = _(
                "%(label)s: kies een van de mogelijkheden."
            ) % {"label": label}

    def is_group(self, name: str) -> bool:
        return isinstance(self.fields[name].widget, self.group_widgets)

    def error_links(self) -> list[tuple[str, str, str]]:
        """(anchor id, field label, message) for every error, in field order."""
        links = []
        for name, field in self.fields.items():
            bound = self[name]
            anchor = f"{bound.auto_id}_0" if self.is_group(name) else bound.id_for_label
            for error in bound.errors:
                links.append((anchor, str(field.label), str(error)))
        return links

    def raw(self) -> dict[str, str | list[str]]:
        """What was typed (valid or not), ready to store in the session as JSON."""
        values: dict[str, str | list[str]] = {}
        for name, field in self.fields.items():
            value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            if isinstance(value, (list, tuple)):
                values[name] = [str(v)[:100] for v in value][:20]
            elif value is not None:
                values[name] = str(value)[: CONCERN_MAX_LENGTH + 100]
        return values


class AboutWhomForm(PostcodePlaceMixin, AddressMixin, PublicForm):
    """Step 1: about whom. Postcode and house number are all we need."""

    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        error_messages={"required": _("Vul de postcode in.")},
        help_text=_("Bijvoorbeeld 3701 AB."),
        widget=_text(autocapitalize="characters", spellcheck="false", size="8"),
    )
    house_number = forms.CharField(
        label=_("Huisnummer"),
        max_length=12,
        error_messages={"required": _("Vul het huisnummer in.")},
        help_text=_("Alleen het nummer, bijvoorbeeld 12."),
        widget=_text(inputmode="numeric", size="6"),
    )
    house_number_addition = forms.CharField(
        label=_("Toevoeging"),
        max_length=10,
        required=False,
        help_text=_("Bijvoorbeeld A of bis."),
        widget=_text(size="6"),
    )
    person_name = forms.CharField(
        label=_("Naam van de persoon"),
        max_length=200,
        required=False,
        help_text=_("Weet u de naam niet? Laat dit dan leeg."),
        widget=_text(),
    )


class ConcernForm(PublicForm):
    """Step 2: what worries you. At least one sign or a few words."""

    signs = forms.MultipleChoiceField(
        label=_("Wat is u opgevallen?"),
        choices=Sign.choices,
        required=False,
        help_text=_("Kies alles wat past. Of schrijf hieronder wat u ziet."),
        widget=forms.CheckboxSelectMultiple,
    )
    concern = forms.CharField(
        label=_("Vertel wat u ziet of hoort"),
        required=False,
        max_length=CONCERN_MAX_LENGTH,
        help_text=_(
            "In uw eigen woorden. Heeft u hierboven iets gekozen? Dan mag dit leeg blijven. "
            "U kunt hier maximaal 5000 tekens kwijt."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
    )
    person_aware = forms.ChoiceField(
        label=_("Weet de persoon dat u dit meldt?"),
        choices=PersonAware.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    relation = forms.ChoiceField(
        label=_("Hoe kent u deze persoon?"),
        choices=Relation.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def clean(self):
        data = super().clean()
        if "concern" in self.errors:
            return data
        if not data.get("signs") and not (data.get("concern") or "").strip():
            self.add_error(
                "signs",
                _("Kies minstens één ding dat u is opgevallen, of schrijf kort op wat u ziet."),
            )
        return data


class ContactForm(PublicForm):
    """Step 3: who you are. Everything is optional: empty means anonymous."""

    reporter_name = forms.CharField(
        label=_("Uw naam"),
        max_length=200,
        required=False,
        widget=_text("name"),
    )
    reporter_phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_reporter_phone(self):
        return clean_phone(self.cleaned_data["reporter_phone"])


class SelfReferralForm(PostcodePlaceMixin, AddressMixin, PublicForm):
    """ "Ik wil graag contact": a resident asks for contact about themselves. One short page."""

    postcode = forms.CharField(
        label=_("Uw postcode"),
        max_length=10,
        error_messages={"required": _("Vul uw postcode in.")},
        help_text=_("Bijvoorbeeld 3701 AB."),
        widget=_text("postal-code", autocapitalize="characters", spellcheck="false", size="8"),
    )
    house_number = forms.CharField(
        label=_("Uw huisnummer"),
        max_length=12,
        error_messages={"required": _("Vul uw huisnummer in.")},
        help_text=_("Alleen het nummer, bijvoorbeeld 12."),
        widget=_text(inputmode="numeric", size="6"),
    )
    house_number_addition = forms.CharField(
        label=_("Toevoeging"),
        max_length=10,
        required=False,
        help_text=_("Bijvoorbeeld A of bis."),
        widget=_text(size="6"),
    )
    name = forms.CharField(label=_("Uw naam"), max_length=200, required=False, widget=_text("name"))
    phone = forms.CharField(
        label=_("Uw telefoonnummer"),
        max_length=30,
        required=False,
        help_text=_("Dan bellen we u. Heeft u geen telefoon? Dan sturen we een brief."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Waar wilt u over praten?"),
        required=False,
        max_length=CONCERN_MAX_LENGTH,
        help_text=_("Dit mag kort. U mag het ook leeg laten."),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
    )

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])


class StatusForm(PublicForm):
    """Type the receipt code to see the status of a signal."""

    code = forms.CharField(
        label=_("Uw meldcode"),
        max_length=20,
        error_messages={"required": _("Vul uw meldcode in.")},
        help_text=_("U vindt de code op de bevestiging, bijvoorbeeld ABCD-2345."),
        widget=_text(autocapitalize="characters", spellcheck="false", size="12"),
    )

    def clean_code(self):
        code = normalise_receipt_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("Deze code klopt niet. Een code heeft 8 tekens, zoals ABCD-2345.")
            )
        return code


def normalise_receipt_code(value: str) -> str | None:
    """'abcd 2345' -> 'ABCD-2345'; None when it cannot be a receipt code."""
    compact = re.sub(r"[\s\-]", "", (value or "")[:40]).upper()
    if not _RECEIPT.match(compact):
        return None
    return f"{compact[:4]}-{compact[4:]}"
