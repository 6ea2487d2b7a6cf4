"""The readable audit log: filters, rows with Dutch names and links, and the CSV rows.

Labels and links come from the registries in core/extensions.py (``audit_actions``,
``audit_objects``), so core names no later app. Names of staff are shown to whoever sees the
log (the admin); residents and cases get a link only when the viewer may open them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from omzien.core.extensions import audit_action_labels, audit_objects
from omzien.core.models import AuditEvent, Municipality, User

#: Readable names of the keys of ``extra`` (codes and numbers only, see core/audit.py).
EXTRA_LABELS = {
    "fields": _("velden"),
    "residents": _("inwoners"),
    "cases": _("trajecten"),
    "case": _("traject"),
    "reason": _("reden"),
    "format": _("vorm"),
    "role": _("rol"),
    "user": _("gebruiker"),
    "instrument": _("meetinstrument"),
    "change": _("wijziging"),
    "to": _("naar"),
    "outcome": _("uitkomst"),
    "channel": _("kanaal"),
    "urgent": _("urgent"),
}
LIST_SHOWN = 10


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class AuditFilterForm(forms.Form):
    """The log's filters (GET). Each registered object with a ``filter_key`` adds a field."""

    persoon = _PersonChoice(
        label=_("Wie"), queryset=User.objects.none(), required=False, empty_label=_("Iedereen")
    )
    handeling = forms.ChoiceField(label=_("Handeling"), required=False)
    inwoner = forms.IntegerField(label=_("Inwonernummer"), min_value=1, required=False)
    van = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, data, *, municipality: Municipality):
        super().__init__(data)
        self.fields["persoon"].queryset = (
            User.objects.filter(memberships__municipality=municipality)
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
        labels = sorted(audit_action_labels().items(), key=lambda item: item[1])
        self.fields["handeling"].choices = [("", gettext("Alle handelingen")), *labels]
        for obj in audit_objects:
            if obj.filter_key:
                self.fields[obj.filter_key] = forms.IntegerField(
                    label=obj.filter_label, min_value=1, required=False
                )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("van"), cleaned.get("tot")
        if start and end and start > end:
            self.add_error("tot", gettext("Deze datum ligt voor de datum bij 'Van'."))
        return cleaned

    @property
    def filters(self) -> dict:
        """What was chosen, when valid; an invalid form filters nothing (it says why)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def _names_in(key: str, number: int) -> Q:
    """Events whose ``extra[key]`` is ``number`` or a list holding it."""
    if connection.vendor == "postgresql":
        return Q(**{f"extra__{key}": number}) | Q(**{f"extra__{key}__contains": [number]})
    # SQLite: json_each walks a list, and yields a single number as itself.
    return Q(
        pk__in=RawSQL(
            "SELECT e.id FROM core_auditevent e, json_each(e.extra, %s) j WHERE j.value = %s",
            (f"$.{key}", number),
        )
    )


def filter_events(events, filters: dict):
    if "persoon" in filters:
        events = events.filter(actor=filters["persoon"])
    if "handeling" in filters:
        events = events.filter(action=filters["handeling"])
    if "inwoner" in filters:
        number = filters["inwoner"]
        events = events.filter(Q(resident_id_ref=number) | _names_in("residents", number))
    if "van" in filters:
        events = events.filter(at__date__gte=filters["van"])
    if "tot" in filters:
        events = events.filter(at__date__lte=filters["tot"])
    for obj in audit_objects:
        number = filters.get(obj.filter_key) if obj.filter_key else None
        if number is not None:
            match = Q(object_type=obj.object_type, object_id=str(number))
            for key in obj.extra_keys:
                match |= _names_in(key, number)
            events = events.filter(match)
    return events


@dataclass
class Link:
    text: str
    url: str = ""


@dataclass
class AuditRow:
    event: AuditEvent
    action: str
    actor: Link
    subject: Link | None
    resident: Link | None
    details: str


#: Keys of ``extra`` that hold a staff member's number: shown with their name.
PERSON_KEYS = ("user", "invited_by", "approved_by", "caseworker")


def _details(extra: dict, names: dict[int, str]) -> str:
    parts = []
    for key, value in extra.items():
        if key in PERSON_KEYS and value in names:
            value = names[value]
        elif isinstance(value, list):
            shown = ", ".join(str(v) for v in value[:LIST_SHOWN])
            if len(value) > LIST_SHOWN:
                shown += " " + gettext("en nog %(n)s") % {"n": len(value) - LIST_SHOWN}
            value = shown
        elif isinstance(value, bool):
            value = gettext("ja") if value else gettext("nee")
        parts.append(f"{EXTRA_LABELS.get(key, key)}: {value}")
    return "; ".join(parts)


def _openable(user, municipality, events) -> dict[str, set[int]]:
    """Per object type, the numbers on this page the viewer may open."""
    objects = {o.object_type: o for o in audit_objects}
    wanted: dict[str, set[int]] = {}
    for e in events:
        if e.object_type in objects and e.object_id.isdigit():
            wanted.setdefault(e.object_type, set()).add(int(e.object_id))
        if e.resident_id_ref is not None:
            wanted.setdefault("core.resident", set()).add(e.resident_id_ref)
    return {
        kind: objects[kind].visible(user, municipality, ids)
        for kind, ids in wanted.items()
        if kind in objects and objects[kind].visible and objects[kind].url_name
    }


def _staff_names(events) -> dict[int, str]:
    ids = {
        int(e.object_id) for e in events if e.object_type == "core.user" and e.object_id.isdigit()
    }
    for e in events:
        ids |= {v for k, v in e.extra.items() if k in PERSON_KEYS and isinstance(v, int)}
    return {u.pk: u.display_name for u in User.objects.filter(pk__in=ids)}


def rows(user, municipality: Municipality, events) -> list[AuditRow]:
    """One page of events as the log shows them."""
    events = list(events)
    labels = audit_action_labels()
    objects = {o.object_type: o for o in audit_objects}
    openable = _openable(user, municipality, events)
    names = _staff_names(events)

    def link(kind: str, number) -> Link:
        obj = objects.get(kind)
        text = f"{obj.label if obj else kind} {number}"
        if kind == "core.user" and str(number).isdigit():
            text = names.get(int(number), text)
        url = ""
        if obj and str(number).isdigit() and int(number) in openable.get(kind, ()):
            url = reverse(
                obj.url_name, kwargs={"municipality_slug": municipality.slug, "pk": number}
            )
        return Link(text, url)

    result = []
    for e in events:
        if e.actor_id and e.actor:
            actor = Link(e.actor.display_name, f"?persoon={e.actor_id}")
        else:
            actor = Link(gettext("niet ingelogd of automatisch"))
        subject = None
        if e.object_type and e.object_type != "core.resident":
            subject = link(e.object_type, e.object_id)
        result.append(
            AuditRow(
                event=e,
                action=labels.get(e.action, e.action),
                actor=actor,
                subject=subject,
                resident=link("core.resident", e.resident_id_ref)
                if e.resident_id_ref is not None
                else None,
                details=_details(e.extra, names),
            )
        )
    return result


CSV_HEADER = [
    "id",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "resident",
    "extra",
    "action_label",
    "actor_name",
]


def csv_row(event: AuditEvent, labels: dict[str, str]) -> list:
    return [
        event.pk,
        timezone.localtime(event.at).isoformat(),
        event.actor_label,
        event.action,
        event.object_type,
        event.object_id,
        event.resident_id_ref or "",
        event.extra,
        labels.get(event.action, event.action),
        event.actor.display_name if event.actor_id and event.actor else "",
    ]
