"""The home visits' section of the municipality's settings page (``/g/<slug>/instellingen/``):
the conversation guide beside the visit form, retention, VOG validity and retries
(``VisitSettings``; the letter's sender, contact and visit times are the letters' section,
``letters/forms.py``). Registered by ``visits/extensions.py``."""

from __future__ import annotations

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omzien.core import audit
from omzien.core.scoping import require
from omzien.visits.models import VisitSettings
from omzien.visits.settings import settings_of

FIELDS = (
    "conversation_guide",
    "retention_days",
    "vog_valid_years",
    "max_attempts",
)
_NUMBER_ERRORS = {
    "required": _("Vul een getal in."),
    "invalid": _("Vul een heel getal in."),
    "min_value": _("Dit getal is te klein: minstens %(limit_value)s."),
    "max_value": _("Dit getal is te groot: hoogstens %(limit_value)s."),
}


class VisitSettingsForm(forms.ModelForm):
    class Meta:
        model = VisitSettings
        fields = FIELDS
        widgets = {"conversation_guide": forms.Textarea(attrs={"rows": 12})}
        error_messages = {
            "conversation_guide": {"required": _("Vul een gespreksleidraad in.")},
            "retention_days": _NUMBER_ERRORS,
            "vog_valid_years": _NUMBER_ERRORS,
            "max_attempts": _NUMBER_ERRORS,
        }

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("prefix", "huisbezoeken")
        super().__init__(data, **kwargs)


def visit_settings_form(municipality, data):
    return VisitSettingsForm(data, instance=settings_of(municipality))


@transaction.atomic
def save_visit_settings(*, actor, municipality, values) -> VisitSettings:
    """Store the home visits' settings (a row is made on the first change)."""
    require(actor, "manage_settings", municipality)
    settings = VisitSettings.objects.select_for_update().filter(municipality=municipality).first()
    settings = settings or VisitSettings(municipality=municipality)
    changed = [name for name in FIELDS if getattr(settings, name) != values[name]]
    if not changed:
        return settings
    for name in FIELDS:
        setattr(settings, name, values[name])
    settings.full_clean(exclude=["municipality"])
    settings.save()
    audit.record("visit_settings_changed", actor=actor, municipality=municipality, fields=changed)
    return settings
