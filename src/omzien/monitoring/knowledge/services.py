"""Writing approaches: save, the state moves and featuring. Every write checks the
permission, runs in one transaction and leaves one audit event.

The one table of moves is ``MOVES``: the municipality submits and withdraws, the programme
publishes, returns and unpublishes; nothing else changes an approach's state.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.scoping import require
from omzien.monitoring.knowledge import effect
from omzien.monitoring.models import Approach, ApproachState
from omzien.monitoring.models.knowledge import size_class_of

S = ApproachState
#: action -> (the permission it needs, {from state: to state}).
MOVES: dict[str, tuple[str, dict[str, str]]] = {
    "submit": ("share_approach", {S.DRAFT: S.SUBMITTED, S.RETURNED: S.SUBMITTED}),
    "withdraw": ("share_approach", {S.SUBMITTED: S.DRAFT, S.PUBLISHED: S.DRAFT}),
    "publish": ("curate_approaches", {S.SUBMITTED: S.PUBLISHED}),
    "return": ("curate_approaches", {S.SUBMITTED: S.RETURNED}),
    "unpublish": ("curate_approaches", {S.PUBLISHED: S.RETURNED}),
}
#: Moves of the programme that tell the municipality why (the note is required).
NEEDS_NOTE = frozenset({"return", "unpublish"})


def moves_for(approach: Approach, permission: str) -> list[str]:
    """The actions of ``permission`` allowed from the approach's state."""
    return [
        action
        for action, (needed, table) in MOVES.items()
        if needed == permission and approach.state in table
    ]


def new_approach(actor, municipality) -> Approach:
    """An unsaved draft with the author as its contact."""
    return Approach(
        municipality=municipality,
        contact_name=actor.get_full_name() or actor.username,
        contact_email=actor.email,
    )


def _refresh(actor, approach: Approach) -> None:
    """The size class (from the inhabitants now) and the what-works snapshot."""
    approach.size_class = size_class_of(approach.municipality.key_figures.get("aantal_inwoners"))
    approach.effect_figures = effect.snapshot(actor, approach)


@transaction.atomic
def save_approach(*, actor, approach: Approach, values: dict) -> Approach:
    """Store a new or changed approach (draft or returned) with ``values``: the cleaned data
    of an ``ApproachForm`` (field name -> value)."""
    require(actor, "share_approach", approach.municipality)
    if approach.pk and not Approach.objects.get(pk=approach.pk).editable:
        raise ValidationError(
            _("Deze aanpak is ingediend of gepubliceerd. Trek hem eerst terug om te wijzigen.")
        )
    created = approach.pk is None
    saved = approach
    for name, value in values.items():
        setattr(saved, name, value)
    if created:
        saved.created_by = actor
    _refresh(actor, saved)
    saved.save()
    audit.record(
        "approach_saved", actor=actor, municipality=saved.municipality, obj=saved, created=created
    )
    return saved


def _check(locked: Approach, action: str, note: str) -> str:
    table = MOVES[action][1]
    if locked.state not in table:
        raise ValidationError(
            _("Deze stap kan niet bij een aanpak die op '%(state)s' staat.")
            % {"state": locked.get_state_display()}
        )
    if action in NEEDS_NOTE and not note.strip():
        raise ValidationError(_("Schrijf erbij waarom, zodat de gemeente weet wat er moet."))
    return table[locked.state]


@transaction.atomic
def move_approach(*, actor, approach: Approach, action: str, note: str = "") -> Approach:
    """Submit, withdraw, publish, return or unpublish (``MOVES``)."""
    if action not in MOVES:
        raise ValidationError(_("Deze stap bestaat niet."))
    permission = MOVES[action][0]
    # The municipality acts on a record it sees; the programme on any municipality's record.
    require(
        actor, permission, approach if permission == "share_approach" else approach.municipality
    )
    locked = Approach.objects.select_for_update().get(pk=approach.pk)
    before = locked.state
    locked.state = _check(locked, action, note)
    now = timezone.now()
    if action == "submit":
        locked.submitted_at = now
        _refresh(actor, locked)
    if locked.state == S.PUBLISHED:
        locked.published_at = now
    else:
        locked.featured = False
    if action in NEEDS_NOTE:
        locked.curator_note = note.strip()
    elif action == "publish":
        locked.curator_note = ""
    locked.save()
    audit.record(
        "approach_moved",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        step=action,
        from_state=before,
        to_state=locked.state,
    )
    return locked


@transaction.atomic
def set_featured(*, actor, approach: Approach, featured: bool) -> Approach:
    """The programme puts a published approach at the top of the list (or takes it off)."""
    require(actor, "curate_approaches", approach.municipality)
    locked = Approach.objects.select_for_update().get(pk=approach.pk)
    if locked.state != S.PUBLISHED:
        raise ValidationError(_("Alleen een gepubliceerde aanpak kan worden uitgelicht."))
    locked.featured = featured
    locked.save(update_fields=["featured", "updated_at"])
    audit.record(
        "approach_featured",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        featured=featured,
    )
    return locked
