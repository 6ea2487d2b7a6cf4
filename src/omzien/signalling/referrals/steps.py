"""The steps of the referral actions, run by ``cases/services.py: perform`` after the gate
allowed them (one transaction, a timeline event and an audit event each). Call them only
through ``perform`` (or the short forms in ``referrals/services.py``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from omzien.core import audit
from omzien.signalling.models import Case, CaseEvent, Referral, ReferralState, ShareField
from omzien.signalling.referrals import handover
from omzien.signalling.referrals.states import DATE_FIELD
from omzien.signalling.settings import settings_of


def _event(actor, case: Case, referral: Referral, kind: str, state: str = "", text: str = ""):
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=kind,
        related_id=referral.pk,
        referral_state=state,
        text=text.strip()[:2000],
    )


def propose(
    actor,
    case: Case,
    *,
    initiative,
    proposed_on: dt.date | None = None,
    share=(),
    handover_note: str = "",
) -> Referral:
    """A new referral in the state 'proposed', its follow-up date from the municipality's
    setting, and the warm handover of only what the resident allowed to share."""
    proposed_on = proposed_on or timezone.localdate()
    days = settings_of(case.municipality).referral_follow_up_days
    share = [field for field in ShareField.values if field in set(share)]
    referral = Referral.objects.create(
        case=case,
        municipality=case.municipality,
        initiative=initiative,
        proposed_on=proposed_on,
        follow_up_on=proposed_on + dt.timedelta(days=days),
        created_by=actor,
    )
    _event(actor, case, referral, CaseEvent.Kind.REFERRAL, ReferralState.PROPOSED, handover_note)
    audit.record(
        "referral_proposed",
        actor=actor,
        obj=case,
        resident=case.resident_id,
        referral=referral.pk,
        initiative=initiative.pk,
        share=share,
    )
    if share and initiative.contact_email:
        # After the commit, and robust: a mail server that is down must not undo the
        # referral; the page then shows that no handover went out.
        transaction.on_commit(
            lambda: handover.send(referral.pk, share, handover_note, actor), robust=True
        )
    return referral


def move(actor, case: Case, *, referral: Referral, state: str, on=None, note: str = ""):
    """The referral's next step (accepted, started, ended, declined, not started)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    previous = referral.state
    referral.state = state
    setattr(referral, DATE_FIELD[state], on or timezone.localdate())
    fields = ["state", DATE_FIELD[state]]
    if note.strip():
        referral.outcome_note = note.strip()[:2000]
        fields.append("outcome_note")
    referral.save(update_fields=fields)
    _event(actor, case, referral, CaseEvent.Kind.REFERRAL, state, note)
    case.save(update_fields=["updated_at"])
    audit.record(
        "referral_moved",
        actor=actor,
        obj=case,
        resident=case.resident_id,
        referral=referral.pk,
        initiative=referral.initiative_id,
        **{"from": previous, "to": state},
    )
    return referral


def follow_up(
    actor,
    case: Case,
    *,
    referral: Referral,
    still_going: bool,
    on=None,
    note: str = "",
    invite: bool = False,
):
    """At the follow-up date: does the resident still go, how is it, and an invitation to
    a new assessment (the page links to the case's assessment form)."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    on = on or timezone.localdate()
    referral.followed_up_on = on
    referral.still_going = still_going
    fields = ["followed_up_on", "still_going"]
    if note.strip():
        referral.outcome_note = note.strip()[:2000]
        fields.append("outcome_note")
    if invite:
        referral.assessment_invited_on = on
        fields.append("assessment_invited_on")
    referral.save(update_fields=fields)
    _event(actor, case, referral, CaseEvent.Kind.REFERRAL_FOLLOW_UP, referral.state, note)
    case.save(update_fields=["updated_at"])
    audit.record(
        "referral_followed_up",
        actor=actor,
        obj=case,
        resident=case.resident_id,
        referral=referral.pk,
        still_going=still_going,
        assessment_invited=invite,
    )
    return referral
