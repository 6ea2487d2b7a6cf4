"""Teams of a municipality (issue 8): the coordinator makes them, puts caseworkers and
volunteers in them and gives each the districts it serves. Each district has at most one
team; a district without a team sends its signals to the coordinator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import District, Membership, Municipality, Organisation, Team, User
from omzien.core.roles import Role
from omzien.core.scoping import require

#: Roles that work in a team.
TEAM_ROLES = (Role.CASEWORKER, Role.VOLUNTEER)


@transaction.atomic
def create_team(
    *,
    actor: User,
    municipality: Municipality,
    name: str,
    organisation: Organisation | None = None,
    new_organisation: str = "",
) -> Team:
    """A new team of an organisation of the municipality (or of a new one, by name)."""
    require(actor, "manage_teams", municipality)
    name = name.strip()
    if not name:
        raise ValidationError(_("Geef het team een naam."))
    if organisation is None:
        org_name = new_organisation.strip()
        if not org_name:
            raise ValidationError(_("Kies een organisatie of vul de naam van een nieuwe in."))
        organisation, _created = Organisation.objects.get_or_create(
            municipality=municipality, name=org_name, defaults={"kind": "welfare"}
        )
    elif organisation.municipality_id != municipality.pk:
        raise ValidationError(_("Deze organisatie hoort niet bij deze gemeente."))
    if Team.objects.filter(municipality=municipality, name__iexact=name).exists():
        raise ValidationError(_("Er is al een team met deze naam."))
    team = Team.objects.create(municipality=municipality, organisation=organisation, name=name)
    audit.record("team_created", actor=actor, municipality=municipality, obj=team)
    return team


@transaction.atomic
def set_team_districts(*, actor: User, team: Team, districts) -> list[int]:
    """The districts this team serves: they leave any other team (one team per district)."""
    municipality = team.municipality
    require(actor, "manage_teams", municipality)
    wanted = {d.pk for d in districts}
    if District.objects.filter(pk__in=wanted).exclude(municipality=municipality).exists():
        raise ValidationError(_("Een van de wijken hoort niet bij deze gemeente."))
    before = set(team.districts.values_list("pk", flat=True))
    through = Team.districts.through
    through.objects.filter(district_id__in=wanted, team__municipality=municipality).exclude(
        team=team
    ).delete()
    team.districts.set(wanted)
    changed = sorted(wanted ^ before)
    if changed:
        audit.record(
            "team_districts_changed", actor=actor, municipality=municipality, obj=team,
            districts=changed,
        )  # fmt: skip
    return changed


@transaction.atomic
def set_member_team(*, actor: User, membership: Membership, team: Team | None) -> Membership:
    """Put a caseworker or volunteer in a team (or in none)."""
    municipality = membership.municipality
    require(actor, "manage_teams", municipality)
    if membership.role not in TEAM_ROLES:
        raise ValidationError(_("Alleen welzijnswerkers en vrijwilligers werken in een team."))
    if team is not None and team.municipality_id != municipality.pk:
        raise ValidationError(_("Dit team hoort niet bij deze gemeente."))
    if membership.team_id != (team.pk if team else None):
        membership.team = team
        membership.save(update_fields=["team"])
        audit.record(
            "member_team_changed", actor=actor, municipality=municipality, obj=membership,
            team=team.pk if team else None,
        )  # fmt: skip
    return membership
