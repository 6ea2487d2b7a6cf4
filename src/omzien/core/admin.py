"""Django admin for the platform operators. Lists never show personal data."""

from django.contrib import admin

from omzien.core.models import (
    AuditEvent,
    District,
    HelpLine,
    Membership,
    Municipality,
    Organisation,
    Team,
    User,
)
from omzien.core.sso import admin as _sso_admin  # noqa: F401  (registers the SSO screens)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province"]
    search_fields = ["code", "name"]
    readonly_fields = ["code", "key_figures"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "municipality"]
    search_fields = ["code", "name"]
    exclude = ["geometry"]


@admin.register(HelpLine)
class HelpLineAdmin(admin.ModelAdmin):
    """The national numbers shown to residents (De Luisterlijn, 113, 112): one table."""

    list_display = ["name", "phone", "phone_alt", "hours", "crisis", "order", "active"]
    list_editable = ["phone", "order", "active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "national_coalition_member"]
    list_filter = ["kind", "scope"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "municipality"]


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    # Only the internal number in lists: names and e-mail addresses are personal data.
    list_display = ["__str__", "is_active", "is_staff", "last_login"]
    fields = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["__str__", "role", "municipality"]
    list_filter = ["role"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: no add, change or delete path."""

    list_display = ["at", "action", "actor_label", "object_type", "object_id", "municipality"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
