"""What the benchmark adds to core (issue 12): its permissions, and each part's menu entries,
start cards, audit labels, scope rules and figures (``<part>/extensions.py``)."""

from __future__ import annotations

from omzien.core.roles import Role, register_permissions

PERMISSIONS = {
    # The questionnaire and the results of a municipality: policy staff and the kartrekker fill
    # it in; the programme team sees every municipality's.
    "view_benchmark": {Role.POLICY, Role.COORDINATOR, Role.PROGRAMME},
    "fill_benchmark": {Role.POLICY, Role.COORDINATOR},
    # The programme sets the questionnaire's dates, versions and tips.
    "manage_benchmark": {Role.PROGRAMME},
    # The local coalition (item 3).
    "view_coalition": {Role.POLICY, Role.COORDINATOR, Role.CASEWORKER, Role.PROGRAMME},
    "manage_coalition": {Role.POLICY, Role.COORDINATOR},
    # The list of national partnerships the programme keeps.
    "manage_national_partnerships": {Role.PROGRAMME},
}


def register() -> None:
    from omzien.benchmark.coalition import extensions as coalition
    from omzien.benchmark.questionnaire import extensions as questionnaire
    from omzien.benchmark.results import extensions as results

    register_permissions(PERMISSIONS)
    questionnaire.register()
    results.register()
    coalition.register()
