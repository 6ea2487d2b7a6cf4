"""Writing volunteers and who visits which address: registration (with the VOG's expiry
computed from the municipality's settings), moving one address to another volunteer, and
handing all open addresses of a volunteer over. Every write checks the permission, runs in
one transaction and leaves one audit event. Visits already made are never moved: attempts
keep the volunteer who made them, and addresses that are done stay where they are."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import Membership
from omzien.core.roles import Role
from omzien.core.scoping import require
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
from omzien.visits.settings import settings_of
from omzien.visits.volunteers.assignment import visit_day


def vog_expiry(municipality, issued_on: dt.date | None) -> dt.date | None:
    """The last day a VOG issued on ``issued_on`` counts: the same date, the municipality's
    number of years later (``VisitSettings.vog_valid_years``; 29 February: 28 February)."""
    if issued_on is None:
        return None
    year = issued_on.year + settings_of(municipality).vog_valid_years
    try:
        return issued_on.replace(year=year)
    except ValueError:
        return issued_on.replace(year=year, day=28)


def _check_new(volunteer: Volunteer) -> None:
    """A new volunteer is a user with the volunteer role here and no record yet."""
    holds_role = Membership.objects.filter(
        user_id=volunteer.user_id, municipality=volunteer.municipality, role=Role.VOLUNTEER
    ).exists()
    if not holds_role:
        raise ValidationError(_("Deze persoon heeft geen rol als vrijwilliger in deze gemeente."))
    if Volunteer.objects.filter(
        municipality=volunteer.municipality, user_id=volunteer.user_id
    ).exists():
        raise ValidationError(_("Deze persoon staat al ingeschreven als vrijwilliger."))


@transaction.atomic
def save_volunteer(*, actor, volunteer: Volunteer, form) -> Volunteer:
    """Store a new or changed volunteer from a valid ``VolunteerForm``."""
    require(actor, "manage_volunteers", volunteer.municipality)
    created = volunteer.pk is None
    if created:
        _check_new(volunteer)
    else:
        require(actor, "manage_volunteers", Volunteer.objects.get(pk=volunteer.pk))
    saved = form.save(commit=False)
    saved.vog_valid_until = vog_expiry(saved.municipality, saved.vog_issued_on)
    saved.save()
    form.save_m2m()
    audit.record(
        "volunteer_registered" if created else "volunteer_changed",
        actor=actor,
        municipality=saved.municipality,
        obj=saved,
    )
    return saved


def _check_receiver(receiver: Volunteer | None, municipality, on: dt.date) -> None:
    if receiver is None:
        return
    if receiver.municipality_id != municipality.pk:
        raise ValidationError(_("Kies een vrijwilliger van deze gemeente."))
    if not receiver.may_visit(on):
        raise ValidationError(
            _(
                "Deze vrijwilliger mag nu geen adressen krijgen: de training of een geldige "
                "VOG ontbreekt, of de vrijwilliger is niet actief."
            )
        )


@transaction.atomic
def reassign_address(*, actor, address: VisitAddress, volunteer: Volunteer | None) -> VisitAddress:
    """Give one address still to visit to ``volunteer`` (None: nobody, free to distribute)."""
    require(actor, "manage_volunteers", address)
    round = VisitRound.objects.select_for_update().get(pk=address.round_id)
    locked = VisitAddress.objects.select_for_update().get(pk=address.pk)
    if round.status == VisitRound.Status.CLOSED:
        raise ValidationError(_("De ronde is gesloten; adressen worden niet meer verdeeld."))
    if locked.status != VisitAddress.Status.TO_VISIT:
        raise ValidationError(
            _("Dit adres hoeft niet meer bezocht te worden; het blijft bij wie het had.")
        )
    _check_receiver(volunteer, locked.municipality, visit_day(round))
    previous = locked.volunteer_id
    locked.volunteer = volunteer
    if locked.letter_sent_at is None:
        locked.proposed_at = None  # the new volunteer's own calendar: plan it again
    locked.save(update_fields=["volunteer", "proposed_at"])
    audit.record(
        "visit_address_reassigned",
        actor=actor,
        municipality=locked.municipality,
        obj=locked,
        previous=previous,
        volunteer=volunteer.pk if volunteer else None,
    )
    return locked


def open_addresses(volunteer: Volunteer):
    """The volunteer's addresses still to visit in rounds that are not closed."""
    return VisitAddress.objects.filter(
        volunteer=volunteer, status=VisitAddress.Status.TO_VISIT
    ).exclude(round__status=VisitRound.Status.CLOSED)


@transaction.atomic
def hand_over(*, actor, volunteer: Volunteer, receiver: Volunteer | None) -> int:
    """Give all open addresses of ``volunteer`` to ``receiver`` (None: nobody, so that
    "Verdeel" spreads them again), e.g. when someone stops or their VOG expires. Returns how
    many addresses moved."""
    require(actor, "manage_volunteers", volunteer)
    if receiver is not None and receiver.pk == volunteer.pk:
        raise ValidationError(_("Kies een andere vrijwilliger dan degene die overdraagt."))
    rounds = list(
        VisitRound.objects.select_for_update()
        .filter(pk__in=open_addresses(volunteer).values("round_id"))
        .order_by("pk")
    )
    day = max((visit_day(r) for r in rounds), default=timezone.localdate())
    _check_receiver(receiver, volunteer.municipality, day)
    # A time not yet in a letter is the old volunteer's: planning again fits it in the
    # receiver's calendar. A time already in a letter stays (the resident expects it).
    open_addresses(volunteer).filter(letter_sent_at__isnull=True).update(proposed_at=None)
    moved = open_addresses(volunteer).update(volunteer=receiver)
    audit.record(
        "volunteer_addresses_handed_over",
        actor=actor,
        municipality=volunteer.municipality,
        obj=volunteer,
        receiver=receiver.pk if receiver else None,
        count=moved,
    )
    return moved
