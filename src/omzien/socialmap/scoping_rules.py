"""Who sees which initiatives (issue 9), registered with core.scoping:

* coordinator: every initiative of the municipality (and its versions);
* a partner account (a reporter with an organisation): its own organisation's initiatives;
* caseworker: published initiatives (to refer to);
* everyone else: none (the public finder shows published ones without the scoping layer).
"""

from omzien.core.scoping import scope_rule


def initiatives(qs, user, municipality, roles):
    from omzien.socialmap.choices import Status
    from omzien.socialmap.services import own_organisation_ids

    if "coordinator" in roles:
        return qs
    visible = qs.none()
    if "caseworker" in roles:
        visible = qs.filter(status=Status.PUBLISHED)
    own = own_organisation_ids(user, municipality)
    if own:
        visible = visible | qs.filter(organisation_id__in=own)
    return visible


def versions(qs, user, municipality, roles):
    from omzien.socialmap.models import Initiative

    visible = initiatives(Initiative.objects.filter(municipality=municipality), user,
                          municipality, roles)  # fmt: skip
    return qs.filter(initiative__in=visible.values("pk"))


def register() -> None:
    from omzien.socialmap.models import Event, Initiative, InitiativeVersion

    scope_rule(Initiative)(initiatives)
    scope_rule(InitiativeVersion)(versions)
    scope_rule(Event)(versions)  # an event is as visible as its initiative
