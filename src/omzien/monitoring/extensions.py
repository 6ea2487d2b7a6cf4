"""What monitoring adds to core (issue 12): its permissions, and each part's menu entries,
start cards, national links, audit labels, scope rules and figures (``<part>/extensions.py``)."""

from __future__ import annotations

from omzien.core.roles import Role, register_permissions

PERMISSIONS = {
    # The municipality's monitoring page and its factsheet: aggregates only.
    "view_monitoring": {Role.POLICY, Role.COORDINATOR, Role.PROGRAMME},
    "view_factsheet": {Role.POLICY, Role.COORDINATOR, Role.PROGRAMME},
    # Knowledge sharing (item 5): a municipality publishes, everyone on staff finds, the
    # programme curates.
    "share_approach": {Role.POLICY, Role.COORDINATOR},
    "view_approaches": {Role.POLICY, Role.COORDINATOR, Role.CASEWORKER, Role.PROGRAMME},
    "curate_approaches": {Role.PROGRAMME},
    # Support requests (item 6).
    "request_support": {Role.POLICY, Role.COORDINATOR},
    "handle_support_requests": {Role.PROGRAMME},
    # Figures only people know (campaign reach), entered by the programme team.
    "enter_programme_figures": {Role.PROGRAMME},
}


def register() -> None:
    from omzien.monitoring.dashboard import extensions as dashboard
    from omzien.monitoring.factsheet import extensions as factsheet
    from omzien.monitoring.knowledge import extensions as knowledge
    from omzien.monitoring.national import extensions as national
    from omzien.monitoring.support import extensions as support

    register_permissions(PERMISSIONS)
    dashboard.register()
    national.register()
    knowledge.register()
    support.register()
    factsheet.register()
