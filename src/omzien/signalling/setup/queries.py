"""Reads behind the setup page of the signalling point."""

from __future__ import annotations

from omzien.core.models import District, Municipality, Team, User


def routing_table(user: User, municipality: Municipality) -> list[tuple[District, list[Team]]]:
    """Each district of the municipality with the teams that serve it now (lowest id first:
    the one ``services.team_for`` picks)."""
    districts = list(District.objects.filter(municipality=municipality).order_by("name", "code"))
    serving: dict[int, list[Team]] = {}
    teams = Team.objects.visible_to(user, municipality).prefetch_related("districts")
    for team in teams:
        for district in team.districts.all():
            serving.setdefault(district.pk, []).append(team)
    return [(d, sorted(serving.get(d.pk, []), key=lambda t: t.pk)) for d in districts]
