"""Reads behind the caseworker's queue: tabs, search, the page of cases, deadlines.

Every read starts from the scoping layer (``visible_to`` or ``queries.open_cases_for``);
reads that show personal data are audited by the views through ``audit_case_page``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from omzien.core import audit
from omzien.core.geo import InvalidPostcode, normalise_postcode
from omzien.core.models import Municipality, User
from omzien.core.scoping import memberships, roles_in
from omzien.signalling.cases.queries import open_cases_for, overdue_q
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.models import RECEIPT_ALPHABET, Case, Signal

# --- The queue ---------------------------------------------------------------------------

#: Tabs of the queue: (value in the URL, label). Which ones a user gets: ``tabs_for``.
TAB_ALL = "alle"
TAB_MINE = "mijn"
TAB_TEAM = "team"
TAB_UNASSIGNED = "niet-toegewezen"
TAB_OVERDUE = "te-laat"
TAB_REFERRALS = "verwijzing-opvolgen"
TAB_LABELS = {
    TAB_ALL: gettext_lazy("Alle"),
    TAB_MINE: gettext_lazy("Van mij"),
    TAB_TEAM: gettext_lazy("Mijn team"),
    TAB_UNASSIGNED: gettext_lazy("Niet toegewezen"),
    TAB_OVERDUE: gettext_lazy("Te laat"),
    TAB_REFERRALS: gettext_lazy("Verwijzing opvolgen"),
}

_RECEIPT = re.compile(rf"^[{RECEIPT_ALPHABET}]{{4}}-?[{RECEIPT_ALPHABET}]{{4}}$")


def my_team_ids(user: User, municipality: Municipality) -> list[int]:
    """Teams the user works in as a caseworker in this municipality."""
    return sorted(
        {
            m.team_id
            for m in memberships(user)
            if m.municipality_id == municipality.pk and m.role == "caseworker" and m.team_id
        }
    )


def tabs_for(user: User, municipality: Municipality) -> list[str]:
    """The tabs that make sense for this user: no 'mine' without being a caseworker, etc."""
    roles = roles_in(user, municipality)
    tabs = [TAB_ALL]
    if "caseworker" in roles:
        tabs.append(TAB_MINE)
        if my_team_ids(user, municipality):
            tabs.append(TAB_TEAM)
    tabs += [TAB_UNASSIGNED, TAB_OVERDUE]
    if "caseworker" in roles:
        tabs.append(TAB_REFERRALS)  # issue 9: referrals whose follow-up date has come
    return tabs


def normalise_receipt_code(text: str) -> str | None:
    """'abcd efgh', 'ABCDEFGH' -> 'ABCD-EFGH'; None when it cannot be a receipt code."""
    compact = re.sub(r"[\s]", "", text).upper()
    if not _RECEIPT.match(compact):
        return None
    compact = compact.replace("-", "")
    return f"{compact[:4]}-{compact[4:]}"


def _receipt_q(municipality: Municipality, code: str) -> Q:
    return Q(
        pk__in=Signal.objects.filter(municipality=municipality, receipt_code=code).values("case_id")
    )


#: The name and postcode search reads the residents' names and postcodes of the open cases
#: in view (one query) and matches them here, accents and case ignored. Letting the database
#: match ``name LIKE '%...%'`` leaves PostgreSQL guessing how rare a name is, and it then
#: scans every resident of the country (hundreds of milliseconds at a million). The extra
#: condition on the resident's municipality (always true) gives the planner the index on
#: residents per municipality instead of that scan. Above this many open cases in view, the
#: database does match, in one query.
SEARCH_CANDIDATE_LIMIT = 20_000


def fold(text: str) -> str:
    """Lower case without accents: 'Doğan' and 'dogan' are the same to a search."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _resident_match(user: User, municipality: Municipality, *, name="", postcode="") -> Q:
    rows = list(
        Case.objects.visible_to(user, municipality)
        .filter(state__in=OPEN_STATES, resident__municipality=municipality)
        .order_by()
        .values_list("pk", "resident__name", "resident__postcode")[: SEARCH_CANDIDATE_LIMIT + 1]
    )
    if len(rows) > SEARCH_CANDIDATE_LIMIT:
        if postcode:
            return Q(resident__municipality=municipality, resident__postcode__startswith=postcode)
        return Q(resident__municipality=municipality, resident__name__icontains=name)
    wanted = fold(name)
    return Q(
        pk__in=[
            pk
            for pk, resident_name, resident_postcode in rows
            if (postcode and resident_postcode.startswith(postcode))
            or (name and wanted in fold(resident_name))
        ]
    )


def search_filter(user: User, municipality: Municipality, text: str) -> Q:
    """What a search in the queue matches: a receipt code (exact, in any spelling), a
    postcode (from the start: '3701' or '3701 AB') or part of the resident's name."""
    text = text.strip()
    code = normalise_receipt_code(text)
    if code and ("-" in text or any(ch.isdigit() for ch in text)):
        return _receipt_q(municipality, code)  # names have no digits or dashes in the middle
    try:
        match = _resident_match(user, municipality, postcode=normalise_postcode(text))
    except InvalidPostcode:
        match = _resident_match(user, municipality, name=text)
    if code:  # eight letters: a code, or a name
        match |= _receipt_q(municipality, code)
    return match


def _tab_q(tab: str, user: User, municipality: Municipality, now: dt.datetime) -> Q:
    if tab == TAB_MINE:
        return Q(caseworker=user)
    if tab == TAB_TEAM:
        return Q(team_id__in=my_team_ids(user, municipality))
    if tab == TAB_UNASSIGNED:
        return Q(caseworker__isnull=True)
    if tab == TAB_OVERDUE:
        return overdue_q(now)
    if tab == TAB_REFERRALS:
        # Open cases with a referral whose follow-up date has come (issue 9).
        from omzien.signalling.referrals.queries import due_case_ids

        return Q(pk__in=due_case_ids(user, municipality, timezone.localdate(now)))
    return Q()


#: Large columns of the related rows a list never shows (a district's boundary is tens of
#: kilobytes of GeoJSON; loading it for every row was most of the queue's database time).
LIST_DEFER = ("district__geometry", "district__key_figures")


def queue(
    user: User, municipality: Municipality, *, tab: str = TAB_ALL, match: Q | None = None
) -> QuerySet[Case]:
    """Open cases in the queue order of ``queries.open_cases_for``: overdue, urgent, deadline.
    ``match`` is a ``search_filter``."""
    now = timezone.now()
    qs = (
        open_cases_for(user, municipality)
        .defer(*LIST_DEFER)
        .filter(_tab_q(tab, user, municipality, now))
    )
    if match is not None:
        qs = qs.filter(match)
    return qs


def in_order(user: User, municipality: Municipality, ids) -> list[Case]:
    """The cases with these ids, in this order, with what a list shows.

    Lists pick their page of ids first (a narrow sort that an index can serve) and then load
    the rows of that page only: sorting all open cases of a large municipality with their
    residents, teams and caseworkers joined in costs ten times more."""
    ids = list(ids)
    rows = (
        Case.objects.visible_to(user, municipality)
        .filter(pk__in=ids)
        .select_related("resident", "caseworker", "team", "district")
        .defer(*LIST_DEFER)
        .in_bulk()
    )
    return [rows[pk] for pk in ids if pk in rows]


def queue_page(
    user: User,
    municipality: Municipality,
    *,
    tab: str = TAB_ALL,
    match: Q | None = None,
    number=1,
    per_page: int = 25,
) -> tuple[Page, list[Case]]:
    """One page of the queue: the paginator page (of ids) and its cases."""
    ids = queue(user, municipality, tab=tab, match=match).values_list("pk", flat=True)
    page = Paginator(ids, per_page).get_page(number)
    return page, in_order(user, municipality, page.object_list)


def tab_counts(
    user: User, municipality: Municipality, tabs: list[str], *, match: Q | None = None
) -> dict[str, int]:
    """How many open cases each tab holds, in one query."""
    now = timezone.now()
    qs = Case.objects.visible_to(user, municipality).filter(state__in=OPEN_STATES)
    if match is not None:
        qs = qs.filter(match)
    aggregates = {
        tab: Count("pk", filter=_tab_q(tab, user, municipality, now))
        if tab != TAB_ALL
        else Count("pk")
        for tab in tabs
    }
    return {tab: value or 0 for tab, value in qs.aggregate(**aggregates).items()}


def receipt_codes(case_ids: list[int]) -> dict[int, list[str]]:
    """The receipt codes of the signals of these cases, oldest first (for display only)."""
    codes: dict[int, list[str]] = {}
    rows = (
        Signal.objects.filter(case_id__in=case_ids)
        .order_by("created_at", "pk")
        .values_list("case_id", "receipt_code")
    )
    for case_id, code in rows:
        codes.setdefault(case_id, []).append(code)
    return codes


def deadline_text(case: Case, now: dt.datetime | None = None) -> str:
    """'nog 3 uur', '2 uur te laat', 'eerste contact gehad': how the deadline stands."""
    if case.first_contact_at is not None:
        return _("eerste contact gehad")
    if not case.is_open:
        return "–"
    now = now or timezone.now()
    seconds = (case.contact_deadline - now).total_seconds()
    late = seconds < 0
    minutes = int(abs(seconds) // 60)
    if minutes < 60:
        amount = ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes}
    elif minutes < 48 * 60:
        hours = minutes // 60
        amount = ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours}
    else:
        days = minutes // (24 * 60)
        amount = ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}
    if late:
        return _("%(amount)s te laat") % {"amount": amount}
    return _("nog %(amount)s") % {"amount": amount}


def audit_case_page(user: User, municipality: Municipality, cases: list[Case]) -> None:
    """Showing cases with residents' names is a read of personal data: one event per page."""
    if cases:
        audit.record(
            "case_list_viewed",
            actor=user,
            municipality=municipality,
            cases=[c.pk for c in cases],
            residents=[c.resident_id for c in cases if c.resident_id],
        )
