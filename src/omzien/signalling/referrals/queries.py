"""Reads of the referrals part, all starting from the scoping layer: a case's needs and
referrals, what the match page builds its question from, and the follow-ups that are due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.assessment.models import Assessment
from omzien.assessment.queries import assessments_of, counted
from omzien.core.geo import lookup_postcode
from omzien.core.models import Municipality, User
from omzien.signalling.cases.workflow import OPEN_STATES
from omzien.signalling.models import Case, CaseNeeds, Referral
from omzien.signalling.referrals.states import NEVER_BEGAN


def case_section(user: User, municipality: Municipality, case: Case) -> dict:
    """What the case page shows of referrals: the list and whether to link the match page."""
    from omzien.core.scoping import can

    return {
        "referrals": case_referrals(user, municipality, case),
        "can_match": case.resident_id is not None and can(user, "work_case", municipality),
    }


def needs_of(user: User, municipality: Municipality, case: Case) -> CaseNeeds | None:
    return CaseNeeds.objects.visible_to(user, municipality).filter(case=case).first()


def case_referrals(user: User, municipality: Municipality, case: Case) -> list[Referral]:
    return list(
        Referral.objects.visible_to(user, municipality)
        .filter(case=case)
        .select_related("initiative")
        .order_by("proposed_on", "pk")
    )


def get_referral(user: User, municipality: Municipality, pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.visible_to(user, municipality).select_related("initiative", "case"),
        pk=pk,
    )


def referable_initiatives(user: User, municipality: Municipality) -> QuerySet:
    """Published initiatives of the municipality the user may refer to."""
    from omzien.socialmap.choices import Status
    from omzien.socialmap.models import Initiative

    return Initiative.objects.visible_to(user, municipality).filter(status=Status.PUBLISHED)


# --- Follow-up -------------------------------------------------------------------------------


def due(today: dt.date | None = None) -> dict:
    """The one definition of a referral due for follow-up (a filter for ``Referral``): its
    date has come, nobody followed it up yet, and it did begin (not declined, not 'did not
    start')."""
    return {
        "follow_up_on__lte": today or timezone.localdate(),
        "followed_up_on__isnull": True,
    }


def due_referrals(user: User, municipality: Municipality, today=None) -> QuerySet[Referral]:
    return (
        Referral.objects.visible_to(user, municipality)
        .filter(**due(today), case__personal_data_erased_at__isnull=True)
        .exclude(state__in=NEVER_BEGAN)
    )


def due_case_ids(user: User, municipality: Municipality, today=None) -> QuerySet:
    """Ids of the open cases with a referral due for follow-up (the queue's tab)."""
    return (
        due_referrals(user, municipality, today)
        .filter(case__state__in=OPEN_STATES)
        .values("case_id")
    )


def my_due_referrals(user: User, municipality: Municipality, today=None, limit=8):
    """The caseworker's own referrals to follow up (start page), oldest date first."""
    return list(
        due_referrals(user, municipality, today)
        .filter(case__caseworker=user)
        .select_related("initiative", "case")
        .order_by("follow_up_on", "pk")[:limit]
    )


# --- What the match page asks ----------------------------------------------------------------


KIND_TEXT = {
    "emotional": gettext_lazy("emotioneel eenzaam"),
    "social": gettext_lazy("sociaal eenzaam"),
    "both": gettext_lazy("sociaal en emotioneel eenzaam"),
    "none": gettext_lazy("niet eenzaam"),
    "unknown": gettext_lazy("soort eenzaamheid onbekend"),
}


@dataclass
class MatchBasis:
    """What the match page built its question from, and what it had to do without."""

    need: object
    assessment: Assessment | None
    age: int | None
    pc4: str
    needs: CaseNeeds | None
    missing: list[str] = field(default_factory=list)

    @property
    def kind_text(self) -> str:
        """'emotioneel eenzaam' etc., from the assessment's kind of loneliness."""
        kind = self.assessment.kind if self.assessment else "unknown"
        return str(KIND_TEXT.get(kind, KIND_TEXT["unknown"]))


def latest_assessment(user, municipality, case: Case) -> Assessment | None:
    """The resident's latest assessment that counts (not withdrawn)."""
    if case.resident is None:
        return None
    taken = counted(assessments_of(user, municipality, case.resident))
    return taken[-1] if taken else None


def age_of(resident, today: dt.date | None = None) -> int | None:
    today = today or timezone.localdate()
    if resident is None:
        return None
    if resident.birth_date:
        born = resident.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if resident.birth_year:
        return today.year - resident.birth_year
    return None


def match_basis(user: User, municipality: Municipality, case: Case) -> MatchBasis:
    from omzien.socialmap.matching import Need

    assessment = latest_assessment(user, municipality, case)
    age = age_of(case.resident)
    area = lookup_postcode(case.resident.postcode) if case.resident else None
    needs = needs_of(user, municipality, case)
    missing = []
    if assessment is None:
        missing.append(_("Er is nog geen meting: de soort eenzaamheid telt niet mee."))
    if age is None:
        missing.append(_("De leeftijd is niet bekend: leeftijdsgrenzen tellen niet mee."))
    if area is None:
        missing.append(_("De postcode is niet bekend: de afstand telt niet mee."))
    if needs is None:
        missing.append(_("Er zijn nog geen interesses, belemmeringen of wensen vastgelegd."))
    need = Need(
        kind=assessment.kind if assessment else "unknown",
        age=age,
        latitude=area.latitude if area else None,
        longitude=area.longitude if area else None,
        interests=frozenset(needs.interests if needs else ()),
        barriers=frozenset(needs.barriers if needs else ()),
        wishes=frozenset(needs.wishes if needs else ()),
    )
    return MatchBasis(need, assessment, age, area.pc4 if area else "", needs, missing)


def matches(municipality: Municipality, basis: MatchBasis, limit: int = 10) -> list:
    from omzien.socialmap.matching import best_matches

    return best_matches(municipality, basis.need, limit=limit)
