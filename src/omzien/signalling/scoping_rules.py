"""Visibility of signalling records, registered with the one scoping layer (core.scoping).

* coordinator: every case and signal of the municipality;
* caseworker: cases assigned to them, cases of their team, cases in their districts;
  and the residents of those cases;
* reporter: only their own signals, and those of the partner organisation on their reporter
  membership (the views show code and public status only);
* everyone else: nothing.
"""

from django.db.models import Q

from omzien.core.models import Resident
from omzien.core.scoping import caseworker_district_ids, extend_scope_rule, memberships, scope_rule


def _caseworker_case_filter(user, municipality) -> Q:
    team_ids = [
        m.team_id
        for m in memberships(user)
        if m.municipality_id == municipality.pk and m.role == "caseworker" and m.team_id
    ]
    return (
        Q(caseworker=user)
        | Q(team_id__in=team_ids)
        | Q(district_id__in=caseworker_district_ids(user, municipality))
    )


def _case_model():
    from omzien.signalling.models import Case

    return Case


def cases(qs, user, municipality, roles):
    if "coordinator" in roles:
        return qs
    if "caseworker" in roles:
        return qs.filter(_caseworker_case_filter(user, municipality))
    return qs.none()


def signals(qs, user, municipality, roles):
    if "coordinator" in roles:
        return qs
    visible = qs.none()
    if "caseworker" in roles:
        visible = qs.filter(
            case__in=_case_model()
            .objects.filter(municipality=municipality)
            .filter(_caseworker_case_filter(user, municipality))
            .values("pk")
        )
    if "reporter" in roles:
        visible = visible | qs.filter(reporter=user)
        # A partner organisation's reporters see its signals (code and status only).
        organisation_ids = [
            m.organisation_id
            for m in memberships(user)
            if m.municipality_id == municipality.pk and m.role == "reporter" and m.organisation_id
        ]
        if organisation_ids:
            visible = visible | qs.filter(organisation_id__in=organisation_ids)
    return visible


def residents_of_my_cases(qs, user, municipality, roles):
    if "caseworker" not in roles or "coordinator" in roles:
        return qs.none()
    mine = (
        _case_model()
        .objects.filter(municipality=municipality)
        .filter(_caseworker_case_filter(user, municipality))
    )
    return qs.filter(pk__in=mine.values("resident_id"))


def of_visible_cases(qs, user, municipality, roles):
    """Referrals and a case's needs (issue 9) are as visible as their case."""
    return qs.filter(case__in=cases(_case_model().objects.filter(municipality=municipality),
                                    user, municipality, roles).values("pk"))  # fmt: skip


def api_keys(qs, user, municipality, roles):
    return qs if "coordinator" in roles else qs.none()


def partner_links(qs, user, municipality, roles):
    return qs if "coordinator" in roles else qs.none()


def register() -> None:
    from omzien.signalling.models import ApiKey, Case, CaseNeeds, PartnerLink, Referral, Signal

    scope_rule(Case)(cases)
    scope_rule(Signal)(signals)
    extend_scope_rule(Resident)(residents_of_my_cases)
    scope_rule(ApiKey)(api_keys)
    scope_rule(PartnerLink)(partner_links)
    scope_rule(Referral)(of_visible_cases)
    scope_rule(CaseNeeds)(of_visible_cases)
