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
    menu(_("Sociale kaart"), "socialmap:initiative_list", "edit_initiatives", 40)
    extensions.public_paths.register(extensions.PublicPath("/activiteiten/"))
    from omzien.socialmap.demo import load_socialmap_demo

    extensions.demo_loaders.register(
        extensions.DemoLoader("initiatives", load_socialmap_demo, order=50)
    )
