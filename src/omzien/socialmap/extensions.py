"""What the social map adds to core (issue 9): permissions, scope rules, the menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.roles import Role, register_permissions

PERMISSIONS = {
    # The catalogue screens: the coordinator, and partner accounts for their own initiatives.
    "edit_initiatives": {Role.COORDINATOR, Role.REPORTER},
    "publish_initiatives": {Role.COORDINATOR},
}


def register() -> None:
    from omzien.socialmap import audit_labels, scoping_rules

    register_permissions(PERMISSIONS)
    audit_labels.register()
    scoping_rules.register()
    from omzien.socialmap.imports import jobs as import_jobs

    import_jobs.register()  # who sees import jobs (the coordinator)
    menu(_("Sociale kaart"), "socialmap:initiative_list", "edit_initiatives", 40)
    extensions.public_paths.register(extensions.PublicPath("/activiteiten/"))
    from omzien.socialmap.finder import index

    index.connect()  # keeps the finder's full-text index after every migrate
    extensions.start_cards.register(
        extensions.StartCard(
            "finder",
            _("Activiteiten voor inwoners"),
            _("De openbare activiteitenzoeker van uw gemeente, zonder inloggen. Deel de link."),
            "view_municipality",
            "socialmap:finder",
            _("Naar de activiteitenzoeker"),
            order=90,
        )
    )
    from omzien.socialmap.demo import load_socialmap_demo

    extensions.demo_loaders.register(
        extensions.DemoLoader("initiatives", load_socialmap_demo, order=50)
    )
    from omzien.socialmap.settings_forms import match_settings_form, save_match_settings

    extensions.settings_sections.register(
        extensions.SettingsSection(
            "aanbod",
            _("Sociale kaart: passend aanbod zoeken"),
            "manage_settings",
            match_settings_form,
            save_match_settings,
            order=40,
        )
    )
    from omzien.socialmap import monitoring_figures  # issue 12: figures, monitoring table

    monitoring_figures.register()
