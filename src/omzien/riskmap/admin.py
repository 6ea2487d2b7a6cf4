"""Django admin for platform operators: what was imported for the risk map and the figures it
brought in, and the uploads (jobs) behind them, read only. Figures are aggregates of areas;
imports are made on the upload pages or with ``manage.py import_riskmap``
(docs/riskmap-import.md), never here."""

from __future__ import annotations

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from omzien.riskmap.models import AreaFigure, FigureImportJob, ImportRun


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = [
        "source",
        "year",
        "file_name",
        "municipality",
        "loaded",
        "skipped",
        "rejected",
        "created_at",
    ]
    list_filter = ["source", "year"]
    search_fields = ["file_name"]
    date_hierarchy = "created_at"
    fields = [
        "source",
        "year",
        "file_name",
        "sha256",
        "municipality",
        "loaded",
        "skipped",
        "rejected",
        "created_at",
        "report_shown",
    ]
    readonly_fields = ["created_at", "report_shown"]

    @admin.display(description=_("verslag"))
    def report_shown(self, obj: ImportRun) -> str:
        text = json.dumps(obj.report, ensure_ascii=False, indent=2, sort_keys=True)
        return format_html("<pre>{}</pre>", text)


@admin.register(AreaFigure)
class AreaFigureAdmin(ReadOnlyAdmin):
    list_display = [
        "area_code",
        "indicator",
        "age_group",
        "year",
        "source",
        "level",
        "value",
        "lower",
        "upper",
        "suppressed",
    ]
    list_filter = ["source", "year", "level", "indicator", "suppressed"]
    search_fields = ["area_code"]
    list_select_related = ["import_run"]
    fields = [
        "import_run",
        "source",
        "year",
        "municipality",
        "area_code",
        "level",
        "indicator",
        "age_group",
        "value",
        "lower",
        "upper",
        "suppressed",
    ]
    show_full_result_count = False


@admin.register(FigureImportJob)
class FigureImportJobAdmin(ReadOnlyAdmin):
    """The uploads and their state (a job stuck in *waiting*: is ``db_worker`` running?)."""

    list_display = ["file_name", "source", "municipality", "state", "checked", "total",
                    "created_at"]  # fmt: skip
    list_filter = ["state", "source"]
    search_fields = ["file_name"]
    fields = ["source", "municipality", "year", "file_name", "sha256", "state", "total",
              "checked", "problems", "runs", "created_by", "created_at", "finished_at"]  # fmt: skip
    readonly_fields = fields
