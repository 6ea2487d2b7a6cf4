"""The monitoring page's filters (issue 12, item 4): a period (from and to, both days
included; or a preset) and districts of the municipality. A Django form, so that bad input gets
a Dutch message and the page keeps what was typed.

Default: the last 12 whole months (from the first day of the month a year ago up to and
including the last day of last month). Presets: this year, last year, and the Week tegen
Eenzaamheid (socialmap ``CampaignWeek``: the one of this year, else the latest one)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omzien.core.models import District, Municipality

DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
THIS_YEAR, LAST_YEAR, WEEK = "dit-jaar", "vorig-jaar", "week"
PRESETS = (
    ("", _("Zelf kiezen (of de laatste 12 maanden)")),
    (THIS_YEAR, _("Dit jaar")),
    (LAST_YEAR, _("Vorig jaar")),
    (WEEK, _("Week tegen Eenzaamheid")),
)


@dataclass(frozen=True)
class Filters:
    """What the tables count: ``since`` (inclusive) to ``until`` (exclusive), and the
    districts chosen (empty: the whole municipality)."""

    since: dt.date
    until: dt.date
    districts: tuple[District, ...] = ()

    @property
    def last_day(self) -> dt.date:
        return self.until - dt.timedelta(days=1)

    @property
    def district_ids(self) -> list[int] | None:
        return [d.pk for d in self.districts] or None

    def audit(self) -> dict:
        """The filters for the audit log: dates and district ids, nothing about a person."""
        return {
            "van": self.since.isoformat(),
            "tot_en_met": self.last_day.isoformat(),
            "wijken": [d.pk for d in self.districts],
        }


def last_twelve_months(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    until = today.replace(day=1)
    return _year_before(until), until


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def campaign_week(today: dt.date) -> tuple[dt.date, dt.date] | None:
    from omzien.socialmap.models import CampaignWeek

    week = CampaignWeek.objects.filter(year__lte=today.year).order_by("-year", "-starts_on").first()
    if week is None:
        return None
    return week.starts_on, week.ends_on + dt.timedelta(days=1)


class _DistrictChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class FilterForm(forms.Form):
    periode = forms.ChoiceField(label=_("Periode"), choices=PRESETS, required=False)
    van = forms.DateField(
        label=_("Van"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een echte datum in, zoals 31-12-2025.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een echte datum in, zoals 31-12-2025.")},
    )
    wijk = _DistrictChoice(
        label=_("Wijken"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Geen wijk gekozen: de hele gemeente."),
        error_messages={
            "invalid_choice": _("Kies alleen wijken van uw gemeente."),
            "invalid_pk_value": _("Kies alleen wijken van uw gemeente."),
        },
    )

    def __init__(self, municipality: Municipality, data=None, today: dt.date | None = None):
        super().__init__(data)
        self.today = today or timezone.localdate()
        self.fields["wijk"].queryset = District.objects.filter(municipality=municipality).order_by(
            "name"
        )
        if campaign_week(self.today) is None:
            self.fields["periode"].choices = PRESETS[:3]

    def clean(self):
        data = super().clean()
        preset = data.get("periode")
        if preset:
            period = self._preset(preset)
            if period is None:
                self.add_error("periode", _("Er is nog geen Week tegen Eenzaamheid ingesteld."))
                return data
            data["since"], data["until"] = period
            return data
        since, last = data.get("van"), data.get("tot")
        if "van" in self.errors or "tot" in self.errors:
            return data
        default_until = last_twelve_months(self.today)[1]
        if last is not None:
            until = last + dt.timedelta(days=1)
        else:
            until = max(default_until, since + dt.timedelta(days=1)) if since else default_until
        data["since"], data["until"] = since or _year_before(until), until
        if data["since"] >= data["until"]:
            self.add_error("van", _("De begindatum moet voor of op de einddatum liggen."))
        return data

    def _preset(self, preset: str) -> tuple[dt.date, dt.date] | None:
        year = self.today.year
        if preset == THIS_YEAR:
            return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        if preset == LAST_YEAR:
            return dt.date(year - 1, 1, 1), dt.date(year, 1, 1)
        return campaign_week(self.today)

    def filters(self) -> Filters:
        """The filters of a valid form."""
        data = self.cleaned_data
        return Filters(data["since"], data["until"], tuple(data.get("wijk") or ()))


def read_filters(municipality: Municipality, query) -> tuple[FilterForm, Filters | None]:
    """The form bound to the query (unbound without any filter) and, when valid, the filters."""
    keys = {"periode", "van", "tot", "wijk"}
    if not keys & set(query.keys()):
        form = FilterForm(municipality)
        since, until = last_twelve_months(form.today)
        form.initial = {"van": since, "tot": until - dt.timedelta(days=1)}
        return form, Filters(since, until)
    form = FilterForm(municipality, query)
    return form, form.filters() if form.is_valid() else None
