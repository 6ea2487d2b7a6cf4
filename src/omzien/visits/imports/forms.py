"""The upload form of a round's addresses, objection list or list of deceased residents."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.visits.imports import reading
from omzien.visits.models import AddressImport

#: The largest file taken: a country-wide extract of 1,500,000 rows in the template's
#: columns is about 170 MB.
MAX_MB = 300


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat leest u in?"),
        choices=[
            (
                AddressImport.Kind.ADDRESSES,
                gettext_lazy(
                    "Adressen uit de basisregistratie (BRP): het hele bestand van de ronde"
                ),
            ),
            (
                AddressImport.Kind.OBJECTIONS,
                gettext_lazy("Bezwaarlijst: deze inwoners willen geen brief en geen bezoek"),
            ),
            (
                AddressImport.Kind.DECEASED,
                gettext_lazy("Lijst van overleden inwoners: zij krijgen geen brief en geen bezoek"),
            ),
        ],  # fmt: skip
        initial=AddressImport.Kind.ADDRESSES,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("Bestand"),
        help_text=gettext_lazy("CSV of Excel (.xlsx) met de kolommen van het sjabloon."),
        error_messages={"required": gettext_lazy("Kies een bestand.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    outside = forms.ChoiceField(
        label=gettext_lazy("Inwoners buiten de doelgroep of de wijken van de ronde"),
        help_text=gettext_lazy(
            "Alleen voor adressen. Bijvoorbeeld iemand van 74 in een ronde voor 75 jaar en ouder."
        ),  # fmt: skip
        choices=[
            ("overslaan", gettext_lazy("Sla ze over en tel ze")),
            ("fout", gettext_lazy("Meld ze als fout: dan wordt niets ingelezen")),
        ],
        initial="overslaan",
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Dit bestand is groter dan %(mb)s MB. Laat alleen de kolommen van het "
                  "sjabloon in het bestand staan.") % {"mb": MAX_MB}
            )  # fmt: skip
        try:
            reading.kind_of(upload.name)
        except reading.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload
