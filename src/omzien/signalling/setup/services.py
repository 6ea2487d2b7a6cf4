"""Writes of the coordinator's setup screen: routing table, reporter texts, partner secrets.

Each function takes the acting user first, checks permission through the scoping layer, runs
in one transaction and writes the audit event. Secrets (API keys, partner-link tokens) are
returned once to the caller and only their hash is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omzien.core import audit
from omzien.core.models import District, Municipality, Organisation, Team, User
from omzien.core.scoping import require
from omzien.signalling.models import ApiKey, PartnerLink, SignallingSettings
from omzien.signalling.secrets import hash_secret, new_api_key, new_secret
from omzien.signalling.settings import NORM_FIELDS, TEXT_FIELDS, settings_of


class SetupError(ValueError):
    """A setup change that is not allowed; carries a Dutch message for the screen."""


@transaction.atomic
def set_routing(
    *, actor: User, municipality: Municipality, routing: dict[int, Team | None]
) -> list[int]:
    """Give each district (by id) the one team that serves it, or none (the coordinator).

    ``routing`` maps district ids of the municipality to a team of the municipality or None.
    Districts not in ``routing`` keep their team. Returns the ids of districts that changed.
    """
    require(actor, "manage_routing", municipality)
    district_ids = set(
        District.objects.filter(municipality=municipality, pk__in=routing).values_list(
            "pk", flat=True
        )
    )
    if district_ids != set(routing):
        raise SetupError(_("Een van de wijken hoort niet bij deze gemeente."))
    for team in routing.values():
        if team is not None and team.municipality_id != municipality.pk:
            raise SetupError(_("Een van de teams hoort niet bij deze gemeente."))

    through = Team.districts.through
    current: dict[int, set[int]] = {}
    for district_id, team_id in through.objects.filter(
        district_id__in=district_ids, team__municipality=municipality
    ).values_list("district_id", "team_id"):
        current.setdefault(district_id, set()).add(team_id)

    changed = []
    for district_id, team in routing.items():
        wanted = {team.pk} if team is not None else set()
        if current.get(district_id, set()) != wanted:
            changed.append(district_id)
    if changed:
        through.objects.filter(district_id__in=changed, team__municipality=municipality).delete()
        through.objects.bulk_create(
            [
                through(district_id=district_id, team_id=routing[district_id].pk)
                for district_id in changed
                if routing[district_id] is not None
            ]
        )
        audit.record(
            "routing_changed",
            actor=actor,
            municipality=municipality,
            districts=sorted(changed),
        )
    return sorted(changed)


def _store_settings(
    *, actor: User, municipality: Municipality, values: dict, fields, event: str
) -> SignallingSettings:
    """Store the changed ``fields`` of the municipality's settings (the row is made on the
    first change), validated, with one audit event naming the fields."""
    settings = settings_of(municipality)
    changed = [
        name for name in fields if name in values and getattr(settings, name) != values[name]
    ]
    for name in changed:
        setattr(settings, name, values[name])
    if changed:
        settings.full_clean(exclude=["municipality"])
        settings.save()
        audit.record(event, actor=actor, municipality=municipality, fields=changed)
    return settings


@transaction.atomic
def update_reporter_texts(
    *, actor: User, municipality: Municipality, values: dict[str, str]
) -> SignallingSettings:
    """The standard texts reporters see, and the address for urgent signals and digests."""
    require(actor, "manage_texts", municipality)
    return _store_settings(
        actor=actor,
        municipality=municipality,
        values=values,
        fields=TEXT_FIELDS,
        event="signalling_texts_changed",
    )


@transaction.atomic
def update_norms(*, actor: User, municipality: Municipality, values: dict) -> SignallingSettings:
    """The norms and periods: first-contact hours, attempts for "unreachable", retention."""
    require(actor, "manage_settings", municipality)
    return _store_settings(
        actor=actor,
        municipality=municipality,
        values=values,
        fields=NORM_FIELDS,
        event="settings_changed",
    )


def _require_partner(actor: User, organisation: Organisation) -> Municipality:
    municipality = organisation.municipality
    require(actor, "manage_partners", municipality)
    require(actor, "manage_partners", organisation)
    return municipality


@dataclass(frozen=True)
class IssuedSecret:
    """A freshly made secret: ``secret`` is shown once and is not stored anywhere."""

    record: ApiKey | PartnerLink
    secret: str


@transaction.atomic
def create_api_key(*, actor: User, organisation: Organisation, name: str) -> IssuedSecret:
    """A new API key for a partner organisation; only its prefix and hash are stored."""
    municipality = _require_partner(actor, organisation)
    name = name.strip()
    if not name:
        raise SetupError(_("Geef de sleutel een omschrijving, bijvoorbeeld waar hij voor is."))
    key, prefix, key_hash = new_api_key()
    api_key = ApiKey.objects.create(
        organisation=organisation,
        municipality=municipality,
        name=name[:100],
        prefix=prefix,
        key_hash=key_hash,
        created_by=actor,
    )
    audit.record(
        "api_key_created", actor=actor, obj=api_key, organisation=organisation.pk, prefix=prefix
    )
    return IssuedSecret(api_key, key)


@transaction.atomic
def revoke_api_key(*, actor: User, api_key: ApiKey) -> ApiKey:
    require(actor, "manage_partners", api_key)
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
        audit.record("api_key_revoked", actor=actor, obj=api_key, prefix=api_key.prefix)
    return api_key


def partner_link_path(municipality: Municipality, token: str) -> str:
    """Where a partner link points: the public signal form with the token."""
    return reverse(
        "signalling:partner_signal_form",
        kwargs={"municipality_slug": municipality.slug, "token": token},
    )


@transaction.atomic
def create_partner_link(*, actor: User, organisation: Organisation) -> IssuedSecret:
    """A new secret link for a partner organisation's reporters; only its hash is stored."""
    municipality = _require_partner(actor, organisation)
    token = new_secret(24)
    link = PartnerLink.objects.create(
        organisation=organisation, municipality=municipality, token_hash=hash_secret(token)
    )
    audit.record("partner_link_created", actor=actor, obj=link, organisation=organisation.pk)
    return IssuedSecret(link, token)


@transaction.atomic
def revoke_partner_link(*, actor: User, link: PartnerLink) -> PartnerLink:
    require(actor, "manage_partners", link)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit.record("partner_link_revoked", actor=actor, obj=link)
    return link
