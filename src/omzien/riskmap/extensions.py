"""How the risk map plugs into lower apps (docs/architecture.md, extension points)."""

from __future__ import annotations

from omzien.core.roles import Role

#: The risk map's actions (core/roles.py). It shows aggregates only, never a resident.
PERMISSIONS = {
    "view_riskmap": frozenset({Role.COORDINATOR, Role.POLICY, Role.PROGRAMME}),
    # Uploading figures (riskmap/uploads/): the municipality's own survey per district...
    "import_riskmap_survey": frozenset({Role.COORDINATOR}),
    # ...and the public files (RIVM, GGD, CBS) for the whole country, on the national pages.
    "import_riskmap_public": frozenset({Role.PROGRAMME}),
}


def register() -> None:
    from omzien.core.roles import register_permissions
    from omzien.riskmap import audit_labels
    from omzien.riskmap.uploads import jobs

    audit_labels.register()
    jobs.register()
    register_permissions(PERMISSIONS)
    from django.utils.translation import gettext_lazy as _

    from omzien.core.navigation import register as menu

    menu(_("Risicokaart"), "riskmap:map", "view_riskmap", 50)
    from omzien.core import extensions
    from omzien.riskmap.factsheet import riskmap_section

    extensions.factsheet_sections.register(
        extensions.FactsheetSection("riskmap", riskmap_section, order=10)
    )
    extensions.national_links.register(
        extensions.NationalLink(
            "riskmap",
            _("Risicokaart van Nederland"),
            _("Per gemeente: eenzaamheid onder jongvolwassenen (GGD), ouderen, alleenwonenden en "
              "het gebruik van Omzien."),
            "riskmap:national_map",
            order=10,
        )
    )  # fmt: skip
    extensions.national_links.register(
        extensions.NationalLink(
            "riskmap_prevalence",
            _("Landelijke prevalentietabel"),
            _("Hoeveel volwassenen zich eenzaam voelen per leeftijdsgroep, per jaar, met de "
              "bronnen: de cijfers waarmee het model van de risicokaart rekent."),
            "riskmap:national_prevalence",
            order=11,
        )
    )  # fmt: skip
