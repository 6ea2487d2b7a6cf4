"""Writes of the referrals part (issue 9). Referring and a referral's later steps are case
actions: they go through the one gate (``cases/services.py: perform``). Recording a case's
needs is not a step of the case's workflow; it has its own small service."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import User
from omzien.core.scoping import require
from omzien.signalling.cases import services as case_services
from omzien.signalling.cases.actions import Action
from omzien.signalling.cases.workflow import CaseState, TransitionError
from omzien.signalling.models import Barrier, Case, CaseNeeds, Referral, Wish


def _known(values, allowed) -> list[str]:
    return [value for value in allowed if value in set(values or ())]


@transaction.atomic
def record_needs(
    *, actor: User, case: Case, interests=(), interests_text: str = "", barriers=(), wishes=()
) -> CaseNeeds:
    """The resident's interests (kinds of activity and in their own words), barriers and
    wishes, used by the match page. Personal data: erased with the case."""
    from omzien.socialmap.choices import ActivityKind

    require(actor, "work_case", case)
    if case.personal_data_erased_at or case.resident_id is None:
        raise TransitionError(_("De gegevens van dit traject zijn gewist."))
    needs, _created = CaseNeeds.objects.select_for_update().get_or_create(
        case=case, defaults={"municipality": case.municipality}
    )
    needs.interests = _known(interests, ActivityKind.values)
    needs.interests_text = interests_text.strip()[:300]
    needs.barriers = _known(barriers, Barrier.values)
    needs.wishes = _known(wishes, Wish.values)
    needs.save()
    audit.record("case_needs_recorded", actor=actor, obj=case, resident=case.resident_id)
    return needs


def refer(
    *, actor: User, case: Case, initiative, proposed_on=None, share=(), handover_note: str = ""
) -> Referral:
    """Refer the resident to an initiative: the first referral moves the case to 'referred'
    (``Action.REFER``), a later one leaves it there (``Action.REFER_AGAIN``). The gate asks
    for the resident's consent either way."""
    case.refresh_from_db(fields=["state"])
    action = Action.REFER_AGAIN if case.state == CaseState.REFERRED else Action.REFER
    return case_services.perform(
        actor=actor,
        case=case,
        action=action,
        initiative=initiative,
        proposed_on=proposed_on,
        share=list(share),
        handover_note=handover_note,
    )


def move_referral(
    *, actor: User, referral: Referral, state: str, on=None, note: str = ""
) -> Referral:
    """The referral's next step, with its date (today unless set back)."""
    return case_services.perform(
        actor=actor,
        case=referral.case,
        action=Action.REFERRAL_UPDATE,
        referral=referral,
        state=state,
        on=on,
        note=note,
    )


def follow_up_referral(
    *,
    actor: User,
    referral: Referral,
    still_going: bool | None,
    on=None,
    note: str = "",
    invite: bool = False,
) -> Referral:
    """The follow-up: still going or not, how it went, and the invitation to a new
    assessment."""
    return case_services.perform(
        actor=actor,
        case=referral.case,
        action=Action.REFERRAL_FOLLOW_UP,
        referral=referral,
        still_going=still_going,
        on=on,
        note=note,
        invite=invite,
    )
