"""Extension points: where higher apps add to core without core naming them.

One style for all of them: a ``Registry`` of small frozen records, filled by each app in
its ``AppConfig.ready()`` (through the app's ``extensions.py``), read by core in ``order``.
Registering the same record twice changes nothing, so ``ready()`` may run more than once.

=====================  =========================================================
registry               what an app adds
=====================  =========================================================
``permissions``        its actions and the roles that may take them (core/roles.py)
``menu_entries``       entries of the menu (core/navigation.py)
``start_cards``        cards on the municipality's start page
``start_panels``       today's work on the start page (a template with live figures)
``resident_sections``  sections on a resident's page
``settings_sections``  sections of the municipality's settings page
``public_paths``       URL prefixes that anyone may open (no login, no second factor)
``demo_loaders``       the app's part of the demo municipality (``manage.py load_demo``)
``audit_actions``      Dutch labels of its audit actions, and which are page views (reads)
``audit_objects``      how the audit log names, links and filters its records
``district_figures``   counts per district from its own records (the risk map's indicators)
``municipality_figures`` figures per municipality (benchmark pre-fill, the national overview)
``monitoring_tables``  tables of the municipality's monitoring page (by period and district)
``factsheet_sections`` sections of the municipality's factsheet (page and PDF)
=====================  =========================================================

Scoping rules for an app's models are registered with ``core.scoping.scope_rule``, the same
way: a record per model, filled in ``ready()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from omzien.core.figure_records import (  # noqa: F401  (records of the figure registries)
    TOTAL_ROW,
    FactsheetPart,
    FactsheetSection,
    MonitoringColumn,
    MonitoringTable,
    MonitoringTableData,
    MunicipalityFigure,
)

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered collection of records that apps add to; iteration follows ``order``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: list[T] = []

    def register(self, item: T) -> T:
        if item not in self._items:
            self._items.append(item)
            self._items.sort(key=lambda entry: getattr(entry, "order", 100))
        return item

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Registry({self.name!r}, {len(self._items)} entries)"


@dataclass(frozen=True)
class StartCard:
    """A card on the start page, shown when the user may take ``action`` there and
    ``also(user, municipality)`` holds. ``url_name`` is reversed with the municipality slug."""

    key: str
    title: str
    text: str
    action: str
    url_name: str = ""
    link_text: str = ""
    order: int = 100
    also: Callable[[Any, Any], bool] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class NationalLink:
    """A link on the programme team's national start page (``/landelijk/``): ``url_name`` is
    reversed without arguments."""

    key: str
    title: str
    text: str
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class StartPanel:
    """Today's work at the top of the start page, for users who may take ``action``:
    ``render(request, municipality)`` returns (template name, context), or None to show
    nothing this time."""

    key: str
    action: str
    render: Callable[..., tuple[str, dict] | None] = field(compare=False)
    order: int = 100


@dataclass(frozen=True)
class ResidentSection:
    """A section of the resident page: ``render(request, municipality, resident)`` returns
    (template name, context)."""

    key: str
    render: Callable[..., tuple[str, dict]] = field(compare=False)
    order: int = 100


@dataclass(frozen=True)
class SettingsSection:
    """A section of the municipality's settings page.

    ``form(municipality, data)`` builds the bound (or, with data None, unbound) form;
    ``save(actor=, municipality=, values=cleaned_data)`` stores it (a service: permission, audit).
    """

    key: str
    title: str
    action: str
    form: Callable[..., Any] = field(compare=False)
    save: Callable[..., Any] = field(compare=False)
    order: int = 100


@dataclass(frozen=True)
class PublicPath:
    """A URL prefix anyone may open, logged in or not, second factor or not."""

    prefix: str
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    """An app's part of the demo: ``load(municipality, accounts)`` adds fictitious records to
    the demo municipality and returns how many it made; it must make none the second time.
    ``accounts`` maps the demo usernames to their users."""

    key: str
    load: Callable[..., int] = field(compare=False)
    order: int = 100


@dataclass(frozen=True)
class AuditAction:
    """The Dutch label of an audit action code (``audit.record("<code>", ...)``) for the audit
    log. ``read``: the event says that someone saw personal data; a page records at most one
    such event per object or resident (core/audit.py: ``page_view``)."""

    code: str
    label: str
    read: bool = False
    order: int = 100


@dataclass(frozen=True)
class AuditObject:
    """How the audit log shows records of one type (``object_type`` as stored, e.g.
    ``"core.resident"``): a Dutch ``label``; a link to ``url_name`` (reversed with the
    municipality slug and ``pk``) for the numbers ``visible(user, municipality, ids)`` returns;
    and, with ``filter_key``, a filter of the log by number (``filter_label``) that also finds
    events naming the record in ``extra[key]`` for a key of ``extra_keys`` (a number or a list
    of numbers)."""

    object_type: str
    label: str
    url_name: str = ""
    visible: Callable[..., set[int]] | None = field(default=None, compare=False)
    filter_key: str = ""
    filter_label: str = ""
    extra_keys: tuple[str, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class DistrictFigure:
    """A count per district from an app's own records, for the risk map's indicators (and
    later monitoring): ``count(municipality, since, until)`` returns ``{district_id: n}`` for
    records from ``since`` (inclusive) to ``until`` (exclusive), with one aggregate query for
    the whole municipality; districts without records may be left out (they count 0).
    ``label`` is the Dutch column title."""

    key: str
    label: str
    count: Callable[..., dict[int, int]] = field(compare=False)
    order: int = 100


@dataclass(frozen=True)
class DailyJob:
    """A task (django-tasks) that ``run_scheduler`` enqueues once a day from ``at``, local time
    (Europe/Amsterdam), however many schedulers run (signalling/tasks.py)."""

    name: str
    task: Any = field(compare=False)
    at: Any = field(compare=False)
    order: int = 100


start_cards: Registry[StartCard] = Registry("start_cards")
national_links: Registry[NationalLink] = Registry("national_links")
start_panels: Registry[StartPanel] = Registry("start_panels")
demo_loaders: Registry[DemoLoader] = Registry("demo_loaders")
resident_sections: Registry[ResidentSection] = Registry("resident_sections")
settings_sections: Registry[SettingsSection] = Registry("settings_sections")
public_paths: Registry[PublicPath] = Registry("public_paths")
audit_actions: Registry[AuditAction] = Registry("audit_actions")
audit_objects: Registry[AuditObject] = Registry("audit_objects")
district_figures: Registry[DistrictFigure] = Registry("district_figures")
daily_jobs: Registry[DailyJob] = Registry("daily_jobs")
municipality_figures: Registry[MunicipalityFigure] = Registry("municipality_figures")
monitoring_tables: Registry[MonitoringTable] = Registry("monitoring_tables")
factsheet_sections: Registry[FactsheetSection] = Registry("factsheet_sections")


def municipality_figure(key: str) -> MunicipalityFigure | None:
    """The registered figure with this key, or None."""
    return next((figure for figure in municipality_figures if figure.key == key), None)


def register_audit_actions(labels: dict[str, Any], *, reads: tuple[str, ...] = ()) -> None:
    """Short form: ``{code: Dutch label}``; the codes in ``reads`` are page views."""
    for code, label in labels.items():
        audit_actions.register(AuditAction(code, label, read=code in reads))


def audit_action_labels() -> dict[str, str]:
    return {action.code: str(action.label) for action in audit_actions}


def read_actions() -> frozenset[str]:
    return frozenset(action.code for action in audit_actions if action.read)


def register_resident_section(render: Callable[..., tuple[str, dict]], order: int = 100) -> None:
    """Short form: a resident section named after its function."""
    resident_sections.register(ResidentSection(render.__qualname__, render, order))


def rendered_resident_sections(request, municipality, resident) -> list[tuple[str, dict]]:
    return [section.render(request, municipality, resident) for section in resident_sections]


def rendered_start_panels(request, municipality) -> list[tuple[str, dict]]:
    from omzien.core.scoping import can

    rendered = []
    for panel in start_panels:
        if can(request.user, panel.action, municipality):
            result = panel.render(request, municipality)
            if result is not None:
                rendered.append(result)
    return rendered


def visible_start_cards(user, municipality) -> list[StartCard]:
    from omzien.core.scoping import can

    return [
        card
        for card in start_cards
        if can(user, card.action, municipality)
        and (card.also is None or card.also(user, municipality))
    ]


def public_prefixes() -> tuple[str, ...]:
    return tuple(path.prefix for path in public_paths)


def _sees_no_residents(user, municipality) -> bool:
    from omzien.core.scoping import can

    return not can(user, "view_residents", municipality)


def register() -> None:
    """Core's own entries, through the same extension points the apps use."""
    from django.utils.translation import gettext_lazy as _

    from omzien.core.navigation import register as menu

    menu(_("Start"), "core:municipality_home", "view_municipality", order=0)
    menu(_("Inwoners"), "core:resident_list", "view_residents", order=20)
    menu(_("Instellingen"), "core:municipality_settings", "manage_settings", order=80)
    menu(_("Teams"), "core:team_list", "manage_teams", order=88)
    menu(_("Gebruikers"), "core:member_list", "manage_memberships", order=90)
    menu(_("Rollen"), "core:roles", "approve_memberships", order=92)
    menu(_("Auditlog"), "core:audit_log", "view_audit", order=95)
    for card in _core_cards():
        start_cards.register(card)
    from omzien.core import audit_labels

    audit_labels.register()
    from omzien.core import monitoring_figures  # participating municipalities (issue 12)

    monitoring_figures.register()


def _core_cards() -> tuple[StartCard, ...]:
    from django.utils.translation import gettext_lazy as _

    return (
        StartCard(
            "residents",
            _("Inwoners"),
            _("Inwoners over wie u een traject of huisbezoek heeft."),
            "view_residents",
            "core:resident_list",
            _("Naar de inwoners"),
            order=10,
        ),
        StartCard(
            "figures",
            _("Cijfers"),
            _(
                "U ziet alleen cijfers, nooit gegevens van personen. "
                "Aantallen onder de 5 tonen we niet."
            ),
            "view_aggregates",
            order=30,
            also=_sees_no_residents,
        ),
        StartCard(
            "members",
            _("Gebruikers en rollen"),
            _("Nodig mensen uit en geef of ontneem rollen."),
            "manage_memberships",
            "core:member_list",
            _("Naar gebruikers"),
            order=50,
        ),
        StartCard(
            "audit",
            _("Auditlog"),
            _("Wie heeft wanneer gegevens van inwoners bekeken of gewijzigd."),
            "view_audit",
            "core:audit_log",
            _("Naar het auditlog"),
            order=60,
        ),
        StartCard(
            "settings",
            _("Instellingen"),
            _("Normen, bewaartermijnen en andere keuzes van uw gemeente."),
            "manage_settings",
            "core:municipality_settings",
            _("Instellingen wijzigen"),
            order=70,
        ),
    )
