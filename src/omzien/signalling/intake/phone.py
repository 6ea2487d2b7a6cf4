"""Phone intake: a signal taken by a caseworker or coordinator on the phone (someone worried
about another resident, or a resident asking for contact themselves)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core.geo import is_valid_postcode
from omzien.core.permissions import municipality_view
from omzien.signalling.cases.forms import textarea
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import Case, Channel, PersonAware, Relation, Sign

URGENT_TEXT = gettext_lazy(
    "Let op: deze melding wijst mogelijk op acuut gevaar of gedachten aan zelfdoding. "
    "Is er direct gevaar? Bel 112. Denkt iemand aan zelfdoding? Bel 113 Zelfmoordpreventie "
    "op 0800-0113 (gratis, dag en nacht) of ga naar 113.nl. De kartrekker krijgt direct "
    "een e-mail."
)


class PhoneSignalForm(forms.Form):
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
        widget=textarea(4),
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
        if data["channel"] == Channel.SELF_REFERRAL:
            return SignalInput.from_values(data, relation=Relation.SELF)
        return SignalInput.from_values(data)


@municipality_view("work_case")
def phone_signal(request, municipality):
    form = PhoneSignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = submit_signal(
            actor=request.user,
            municipality=municipality,
            channel=form.cleaned_data["channel"],
            data=form.signal_input(),
        )
        code = result.signal.receipt_code
        if result.urgent:
            messages.error(request, URGENT_TEXT)
        visible = Case.objects.visible_to(request.user, municipality).filter(pk=result.case.pk)
        if not visible.exists():
            # The same words whether it opened a case or joined one: someone who cannot see
            # the case must not learn that another team already works at this address.
            messages.success(
                request,
                _(
                    "Melding %(code)s is opgeslagen. Het traject valt buiten uw wijken of "
                    "team; de kartrekker of het team pakt het op."
                )
                % {"code": code},
            )
            return redirect("signalling:case_queue", municipality_slug=municipality.slug)
        if result.joined_existing_case:
            messages.success(
                request,
                _("Melding %(code)s is opgeslagen en toegevoegd aan het lopende traject.")
                % {"code": code},
            )
        else:
            messages.success(
                request, _("Melding %(code)s is opgeslagen als nieuw traject.") % {"code": code}
            )
        return redirect(
            "signalling:case_detail", municipality_slug=municipality.slug, pk=result.case.pk
        )
    return render(
        request,
        "signalling/staff/phone_signal.html",
        {"municipality": municipality, "form": form},
        status=422 if form.errors else 200,
    )
