"""Who sees which home-visit records (issue 11), registered with core.scoping:

* coordinator: everything of the municipality's rounds;
* policy: the rounds (no personal data; progress pages show aggregates only);
* volunteer: their own volunteer record; the addresses given to them in a running round, and
  their own attempts and reports, and only while their VOG is valid (``Volunteer.may_visit``);
  an expired VOG shows nothing;
* everyone else: nothing.
"""

from __future__ import annotations

from django.utils import timezone

from omzien.core.scoping import scope_rule


def current_volunteer(user, municipality):
    """The user's volunteer record in the municipality if they may visit today, else None."""
    from omzien.visits.models import Volunteer

    found = Volunteer.objects.filter(municipality=municipality, user=user).first()
    if found is None or not found.may_visit(timezone.localdate()):
        return None
    return found


def rounds(qs, user, municipality, roles):
    if roles & {"coordinator", "policy"}:
        return qs
    return qs.none()


def addresses(qs, user, municipality, roles):
    from omzien.visits.models import VisitRound

    if "coordinator" in roles:
        return qs
    volunteer = current_volunteer(user, municipality) if "volunteer" in roles else None
    if volunteer is None:
        return qs.none()
    return qs.filter(volunteer=volunteer, round__status=VisitRound.Status.RUNNING)


def attempts(qs, user, municipality, roles):
    if "coordinator" in roles:
        return qs
    volunteer = current_volunteer(user, municipality) if "volunteer" in roles else None
    return qs.none() if volunteer is None else qs.filter(volunteer=volunteer)


def reports(qs, user, municipality, roles):
    if "coordinator" in roles:
        return qs
    volunteer = current_volunteer(user, municipality) if "volunteer" in roles else None
    return qs.none() if volunteer is None else qs.filter(attempt__volunteer=volunteer)


def volunteers(qs, user, municipality, roles):
    if "coordinator" in roles:
        return qs
    if "volunteer" in roles:
        return qs.filter(user=user)
    return qs.none()


def coordinator_only(qs, user, municipality, roles):
    return qs if "coordinator" in roles else qs.none()


def register() -> None:
    from omzien.visits.models import (
        AddressImport,
        VisitAddress,
        VisitAttempt,
        VisitReport,
        VisitRound,
        Volunteer,
    )

    scope_rule(VisitRound)(rounds)
    scope_rule(VisitAddress)(addresses)
    scope_rule(VisitAttempt)(attempts)
    scope_rule(VisitReport)(reports)
    scope_rule(Volunteer)(volunteers)
    scope_rule(AddressImport)(coordinator_only)
