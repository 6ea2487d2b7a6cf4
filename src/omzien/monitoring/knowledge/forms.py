"""The approach form, the finder's filters and the programme's note."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omzien.monitoring.models import Approach, LonelinessKind, SizeClass
from omzien.monitoring.models.knowledge import APPROACH_TARGET_GROUPS
from omzien.socialmap.choices import ActivityKind
from omzien.socialmap.models import Initiative


class ApproachForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Voor wie"), choices=APPROACH_TARGET_GROUPS, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    loneliness_kinds = forms.MultipleChoiceField(
        label=_("Welke soort eenzaamheid"), choices=LonelinessKind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sociaal: een kring van mensen missen. Emotioneel: een hechte band missen. "
                    "Existentieel: zich niet verbonden voelen met de samenleving."),
        error_messages={"required": _("Kies ten minste één soort eenzaamheid.")},
    )  # fmt: skip
    activity_kinds = forms.MultipleChoiceField(
        label=_("Soort activiteit"), choices=ActivityKind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    class Meta:
        model = Approach
        fields = [
            "title",
            "summary",
            "target_groups",
            "loneliness_kinds",
            "activity_kinds",
            "cost_per_year",
            "cost_text",
            "effect_text",
            "initiative",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "effect_text": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {"required": _("Geef de aanpak een titel.")},
            "summary": {"required": _("Beschrijf in een paar zinnen wat de aanpak is.")},
            "contact_name": {"required": _("Vul de naam van de contactpersoon in.")},
            "contact_email": {
                "required": _("Vul het e-mailadres van de contactpersoon in."),
                "invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl."),
            },
            "cost_per_year": {"invalid": _("Vul een bedrag in hele euro's in, zonder punt.")},
        }

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = Initiative.objects.filter(
            municipality=municipality
        ).order_by("name")
        self.fields["initiative"].required = False
        self.fields["cost_per_year"].min_value = 0

    def clean(self):
        data = super().clean()
        if data.get("cost_per_year") is None and not (data.get("cost_text") or "").strip():
            self.add_error(
                "cost_per_year",
                _("Vul de kosten per jaar in, of licht de kosten toe in het veld eronder."),
            )
        return data


class FinderForm(forms.Form):
    """The filters of the list of published approaches (GET)."""

    soort = forms.ChoiceField(
        label=_("Soort eenzaamheid"), required=False,
        choices=[("", _("Alle soorten")), *LonelinessKind.choices],
    )  # fmt: skip
    voor = forms.ChoiceField(
        label=_("Voor wie"), required=False,
        choices=[("", _("Iedereen")), *APPROACH_TARGET_GROUPS],
    )  # fmt: skip
    grootte = forms.ChoiceField(
        label=_("Grootte van de gemeente"), required=False,
        choices=[("", _("Alle gemeenten")), *SizeClass.choices],
    )  # fmt: skip
    q = forms.CharField(label=_("Zoekwoorden"), required=False, max_length=100)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting voor de gemeente"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip
