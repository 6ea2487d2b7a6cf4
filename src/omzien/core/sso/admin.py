"""The platform operators' screens for SSO providers (Django admin, /systeembeheer/).

The client secret is never entered here: the record names an environment variable
(``OMZIEN_SSO_SECRET_<NAME>``) and the form says whether it is set. Links of accounts to a
subject are shown read-only by number: removing one makes the next login link again.
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.core.models import SsoIdentity, SsoProvider, SsoRoleRule


class SsoRoleRuleInline(admin.TabularInline):
    model = SsoRoleRule
    extra = 1


@admin.register(SsoProvider)
class SsoProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "enabled", "secret_is_set"]
    list_filter = ["enabled"]
    search_fields = ["name", "municipality__name"]
    autocomplete_fields = ["municipality"]
    inlines = [SsoRoleRuleInline]
    readonly_fields = ["secret_is_set"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["municipality", "name", "enabled"]}),
        (
            _("Identity provider"),
            {
                "fields": [
                    "issuer",
                    "authorization_endpoint",
                    "token_endpoint",
                    "jwks_uri",
                    "userinfo_endpoint",
                    "end_session_endpoint",
                    "sign_algorithm",
                    "scopes",
                ]
            },
        ),
        (_("Client"), {"fields": ["client_id", "client_secret_env", "secret_is_set"]}),
        (
            _("Regels"),
            {
                "fields": [
                    "subject_claim",
                    "roles_claim",
                    "create_accounts",
                    "link_verified_email",
                    "mfa_amr_values",
                    "mfa_acr_values",
                ]
            },
        ),
    ]

    @admin.display(boolean=True, description=_("geheim gezet"))
    def secret_is_set(self, obj) -> bool:
        return bool(obj and obj.pk and obj.client_secret())


@admin.register(SsoIdentity)
class SsoIdentityAdmin(admin.ModelAdmin):
    list_display = ["__str__", "provider", "user", "created_at", "last_login"]
    list_filter = ["provider"]
    readonly_fields = ["user", "provider", "issuer", "subject", "created_at", "last_login"]

    def has_add_permission(self, request):
        return False
