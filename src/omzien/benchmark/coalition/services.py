"""Every write of the coalition: members (add, change, end), the kartrekker, joint activities,
local participations, and the programme's list of national partnerships. Actor first, the
permission checked (``manage_coalition``; ``manage_national_partnerships`` for the national
list), one transaction, one audit event with identifiers only."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.benchmark.models import (
    CoalitionMember,
    JointActivity,
    Kartrekker,
    LocalParticipation,
    NationalPartnership,
)
from omzien.core import audit
from omzien.core.scoping import can, require

MANAGE = "manage_coalition"


def _require_record(actor, record) -> None:
    """The municipality's permission, and for a stored record: the record is visible."""
    require(actor, MANAGE, record.municipality)
    if record.pk is not None:
        require(actor, MANAGE, type(record).objects.get(pk=record.pk))


def _check_member_name(member: CoalitionMember) -> None:
    if member.left_on is not None:
        return
    same = CoalitionMember.objects.filter(
        municipality_id=member.municipality_id, name__iexact=member.name, left_on__isnull=True
    ).exclude(pk=member.pk)
    if same.exists():
        raise ValidationError(_("Deze organisatie staat al als coalitiepartner in de lijst."))


@transaction.atomic
def save_member(*, actor, form) -> CoalitionMember:
    """Store a new or changed member from a valid ``MemberForm``."""
    member = form.instance
    _require_record(actor, member)
    created = member.pk is None
    _check_member_name(member)
    saved = form.save()
    audit.record(
        "coalition_member_added" if created else "coalition_member_changed",
        actor=actor,
        municipality=saved.municipality,
        obj=saved,
        sector=saved.sector,
    )
    return saved


@transaction.atomic
def end_member(*, actor, member: CoalitionMember, left_on: dt.date) -> CoalitionMember:
    """The organisation stops: from ``left_on`` it no longer counts as a member."""
    _require_record(actor, member)
    locked = CoalitionMember.objects.select_for_update().get(pk=member.pk)
    if locked.left_on is not None:
        raise ValidationError(_("Deze organisatie is al gestopt."))
    if left_on < locked.joined_on:
        raise ValidationError(_("De organisatie kan niet stoppen vóór de dag dat ze lid werd."))
    locked.left_on = left_on
    locked.save(update_fields=["left_on", "updated_at"])
    audit.record(
        "coalition_member_ended", actor=actor, municipality=locked.municipality, obj=locked
    )
    return locked


@transaction.atomic
def save_kartrekker(*, actor, form) -> Kartrekker:
    """Store the municipality's kartrekker from a valid ``KartrekkerForm``."""
    kartrekker = form.instance
    _require_record(actor, kartrekker)
    saved = form.save()
    audit.record(
        "coalition_kartrekker_saved", actor=actor, municipality=saved.municipality, obj=saved
    )
    return saved


@transaction.atomic
def save_activity(*, actor, form) -> JointActivity:
    """Store a new or changed joint activity from a valid ``ActivityForm``."""
    activity = form.instance
    _require_record(actor, activity)
    created = activity.pk is None
    members = form.cleaned_data.get("members") or []
    if any(m.municipality_id != activity.municipality_id for m in members):
        raise ValidationError(_("Kies coalitiepartners van deze gemeente."))
    saved = form.save()
    audit.record(
        "coalition_activity_added" if created else "coalition_activity_changed",
        actor=actor,
        municipality=saved.municipality,
        obj=saved,
        members=len(members),
    )
    return saved


def _check_participation(participation: LocalParticipation, created: bool) -> None:
    if created and not participation.partnership.active:
        raise ValidationError(_("Dit landelijke partnerschap is niet meer actief."))
    if participation.ended_on is not None:
        return
    running = LocalParticipation.objects.filter(
        municipality_id=participation.municipality_id,
        partnership_id=participation.partnership_id,
        ended_on__isnull=True,
    ).exclude(pk=participation.pk)
    if running.exists():
        raise ValidationError(_("De gemeente doet al mee aan dit landelijke partnerschap."))


@transaction.atomic
def save_participation(*, actor, form) -> LocalParticipation:
    """Store a new or changed local participation from a valid ``ParticipationForm``."""
    participation = form.instance
    _require_record(actor, participation)
    created = participation.pk is None
    _check_participation(participation, created)
    saved = form.save()
    audit.record(
        "coalition_participation_added" if created else "coalition_participation_changed",
        actor=actor,
        municipality=saved.municipality,
        obj=saved,
        partnership=saved.partnership_id,
    )
    return saved


def may_manage_partnerships(user) -> bool:
    return bool(user.is_superuser or can(user, "manage_national_partnerships", None))


@transaction.atomic
def save_partnership(*, actor, form) -> NationalPartnership:
    """Store a new or changed national partnership (the programme's list) from a valid
    ``PartnershipForm``; deactivating is unticking ``active`` (participations stay)."""
    if not may_manage_partnerships(actor):
        raise PermissionDenied("manage_national_partnerships")
    created = form.instance.pk is None
    saved = form.save()
    audit.record(
        "national_partnership_added" if created else "national_partnership_changed",
        actor=actor,
        obj=saved,
        active=saved.active,
    )
    return saved
