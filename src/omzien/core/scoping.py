"""The scoping layer: the one place that decides who sees and does what.

* ``roles_in(user, municipality)``: the roles a user holds there.
* ``require(user, action, obj)``: raises PermissionDenied unless the role table in
  ``core.roles`` allows the action, and, for a record, unless the record is visible.
* ``Model.objects.visible_to(user, municipality)``: the records a user may see. Each model
  registers its rule with ``@scope_rule(Model)``; apps higher up register their own models.

Queries in ``queries.py`` start here; views never filter on tenant or role by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models

from omzien.core.roles import NATIONAL_ROLES, PERSONAL_DATA_ROLES, roles_allowed

if TYPE_CHECKING:
    from omzien.core.models import Membership, Municipality, User

ScopeRule = Callable[[models.QuerySet, Any, Any, frozenset[str]], models.QuerySet]
_RULES: dict[type[models.Model], ScopeRule] = {}
_EXTENSIONS: dict[type[models.Model], list[ScopeRule]] = {}


def scope_rule(model: type[models.Model]) -> Callable[[ScopeRule], ScopeRule]:
    """Register the visibility rule of a model. The rule gets (queryset, user, municipality,
    roles) with the queryset already limited to the municipality, and the user's roles there."""

    def register(rule: ScopeRule) -> ScopeRule:
        _RULES[model] = rule
        return rule

    return register


def extend_scope_rule(model: type[models.Model]) -> Callable[[ScopeRule], ScopeRule]:
    """Let a higher app widen a lower model's rule (e.g. a caseworker sees the residents of
    cases assigned to them). The result is the union of the rule and every extension."""

    def register(rule: ScopeRule) -> ScopeRule:
        if rule not in _EXTENSIONS.setdefault(model, []):
            _EXTENSIONS[model].append(rule)
        return rule

    return register


def _rule_for(model: type[models.Model]) -> ScopeRule:
    for klass in model.__mro__:
        if klass in _RULES:
            return _RULES[klass]
    raise LookupError(f"No scope rule registered for {model.__name__}.")


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, municipality) -> models.QuerySet:
        """The rows of this model in ``municipality`` that ``user`` may see."""
        if municipality is None or not getattr(user, "is_authenticated", False):
            return self.none()
        roles = roles_in(user, municipality)
        if not roles:
            return self.none()
        qs = self.filter(municipality=municipality)
        visible = _rule_for(self.model)(qs, user, municipality, roles)
        for extension in _EXTENSIONS.get(self.model, ()):
            visible = visible | extension(qs, user, municipality, roles)
        return visible


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass


def memberships(user: User) -> list[Membership]:
    """The user's memberships, loaded once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_omzien_memberships", None)
    if cached is None:
        from omzien.core.models import Membership

        cached = list(
            Membership.objects.filter(user=user)
            .select_related("municipality", "organisation", "team")
            .order_by("municipality__name", "role")
        )
        user._omzien_memberships = cached
    return cached


def forget_memberships(user: User) -> None:
    """Drop the per-request caches after memberships changed."""
    user.__dict__.pop("_omzien_memberships", None)
    user.__dict__.pop("_omzien_district_ids", None)


def roles_in(user: User, municipality: Municipality | None) -> frozenset[str]:
    """Roles the user holds in a municipality. National roles hold in every municipality."""
    roles = set()
    for membership in memberships(user):
        national = membership.role in NATIONAL_ROLES
        here = municipality is not None and membership.municipality_id == municipality.pk
        if national or here:
            roles.add(membership.role)
    return frozenset(roles)


def national_roles(user: User) -> frozenset[str]:
    return frozenset(m.role for m in memberships(user) if m.role in NATIONAL_ROLES)


def municipalities_of(user: User) -> list[Municipality]:
    """Municipalities where the user holds a local role, in name order, without repeats."""
    seen: dict[int, Municipality] = {}
    for membership in memberships(user):
        if membership.municipality_id and membership.municipality_id not in seen:
            seen[membership.municipality_id] = membership.municipality
    return sorted(seen.values(), key=lambda m: m.name)


def can(user: User, action: str, municipality: Municipality | None) -> bool:
    return bool(roles_in(user, municipality) & roles_allowed(action))


def needs_second_factor(user: User) -> bool:
    """Every role that can see personal data needs a second factor, and so do superusers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return any(m.role in PERSONAL_DATA_ROLES for m in memberships(user))


def _municipality_of(obj: Any):
    from omzien.core.models import Municipality

    if isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def require(user: User, action: str, obj: Any) -> None:
    """Raise PermissionDenied unless ``user`` may perform ``action`` on ``obj``.

    ``obj`` is a municipality or a tenant-owned record. For a record, the record must also be
    visible to the user under its model's scope rule.
    """
    municipality = _municipality_of(obj)
    if municipality is None or not can(user, action, municipality):
        raise PermissionDenied(action)
    if isinstance(obj, models.Model) and obj is not municipality:
        manager = type(obj)._default_manager
        if not hasattr(manager, "visible_to"):
            return
        if not manager.visible_to(user, municipality).filter(pk=obj.pk).exists():
            raise PermissionDenied(action)


# --- Rules for the core models -------------------------------------------------------------


def _caseworker_district_ids(user: User, municipality: Municipality) -> set[int]:
    """Districts a caseworker serves: those on the membership plus those of the team."""
    from omzien.core.models import District, Membership

    cache = user.__dict__.setdefault("_omzien_district_ids", {})
    if municipality.pk in cache:
        return cache[municipality.pk]
    ids: set[int] = set()
    cache[municipality.pk] = ids
    own = [
        m
        for m in memberships(user)
        if m.municipality_id == municipality.pk and m.role == "caseworker"
    ]
    if not own:
        return ids
    ids.update(
        Membership.districts.through.objects.filter(
            membership_id__in=[m.pk for m in own]
        ).values_list("district_id", flat=True)
    )
    team_ids = [m.team_id for m in own if m.team_id]
    if team_ids:
        ids.update(
            District.teams.through.objects.filter(team_id__in=team_ids).values_list(
                "district_id", flat=True
            )
        )
    return ids


def caseworker_district_ids(user: User, municipality: Municipality) -> set[int]:
    return _caseworker_district_ids(user, municipality)


#: Audit events about roles, which the coordinator sees as well (the roles page).
ROLE_EVENTS = (
    "invitation_created",
    "invitation_approved",
    "invitation_refused",
    "invitation_declined",
    "membership_granted",
    "membership_revoked",
)


def _register_core_rules() -> None:
    from omzien.core.models import Membership, Organisation, Resident, ResidentChange, Team

    @scope_rule(Resident)
    def residents(qs, user, municipality, roles):
        if "coordinator" in roles:
            return qs
        if "caseworker" in roles:
            return qs.filter(district_id__in=_caseworker_district_ids(user, municipality))
        return qs.none()

    @scope_rule(ResidentChange)
    def resident_changes(qs, user, municipality, roles):
        # Exactly as visible as the resident (with the rules higher apps add to residents).
        return qs.filter(resident__in=Resident.objects.visible_to(user, municipality))

    @scope_rule(Organisation)
    def organisations(qs, user, municipality, roles):
        # Names of partner organisations are not personal data; every member may see them.
        return qs

    @scope_rule(Team)
    def teams(qs, user, municipality, roles):
        return qs

    @scope_rule(Membership)
    def memberships_rule(qs, user, municipality, roles):
        if roles & {"admin", "coordinator"}:
            return qs
        return qs.filter(user=user)

    _register_role_rules()


def _register_role_rules() -> None:
    from omzien.core.models import AuditEvent, Invitation

    @scope_rule(Invitation)
    def invitations(qs, user, municipality, roles):
        # Who grants or approves roles: the admin and the coordinator.
        return qs if roles & {"admin", "coordinator"} else qs.none()

    @scope_rule(AuditEvent)
    def audit_events(qs, user, municipality, roles):
        if "admin" in roles:
            return qs
        if "coordinator" in roles:
            # Every grant and revocation of a role is shown to the coordinator.
            return qs.filter(action__in=ROLE_EVENTS)
        return qs.none()
