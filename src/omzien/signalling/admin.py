"""Django admin for platform operators: anonymous facts only. Cases and signals are worked in
the staff screens, where the scoping layer and the audit log apply; the admin shows no names,
addresses, worries or contact details, and changes nothing."""

from django.contrib import admin

from omzien.signalling.models import (
    AcceptedSignal,
    ApiKey,
    Case,
    PartnerLink,
    SignallingSettings,
    Tombstone,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "municipality", "state", "outcome", "urgent", "created_at"]
    list_filter = ["state", "outcome", "urgent"]
    fields = ["municipality", "state", "outcome", "district", "team", "urgent", "created_at"]


@admin.register(AcceptedSignal)
class AcceptedSignalAdmin(ReadOnlyAdmin):
    """The partner API's inbox of accepted signals (intake/inbox.py): waiting and failing
    rows, without the payload, the Idempotency-Key or the crisis words."""

    list_display = [
        "receipt_code",
        "municipality",
        "organisation",
        "urgent",
        "created_at",
        "processed_at",
        "attempts",
        "retry_at",
    ]
    list_filter = ["urgent", ("processed_at", admin.EmptyFieldListFilter)]
    fields = [
        "receipt_code",
        "municipality",
        "organisation",
        "channel",
        "urgent",
        "created_at",
        "processed_at",
        "attempts",
        "retry_at",
        "error",
    ]


@admin.register(Tombstone)
class TombstoneAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "municipality", "object_type", "reason", "removed_at"]
    list_filter = ["reason", "object_type"]


@admin.register(ApiKey)
class ApiKeyAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "municipality", "created_at", "revoked_at"]
    exclude = ["key_hash"]


@admin.register(PartnerLink)
class PartnerLinkAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "organisation", "municipality", "created_at", "revoked_at"]
    exclude = ["token_hash"]


@admin.register(SignallingSettings)
class SignallingSettingsAdmin(ReadOnlyAdmin):
    """Read only: coordinators change settings on their screens, through a service that
    writes the audit event."""

    list_display = ["__str__", "municipality", "first_contact_hours", "retention_days"]
