"""Django admin for the platform operators: the national weeks (Week tegen Eenzaamheid)
whose dates the agenda highlights. Initiatives are managed in the app, not here."""

from django.contrib import admin

from omzien.socialmap.models import CampaignWeek


@admin.register(CampaignWeek)
class CampaignWeekAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "starts_on", "ends_on"]
    list_filter = ["name"]
    ordering = ["-starts_on"]
