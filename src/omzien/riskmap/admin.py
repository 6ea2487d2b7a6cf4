"""Django admin for platform operators: what was imported for the risk map and the figures it
brought in, and the uploads (jobs) behind them, read only. Figures are aggregates of areas;
imports are made on the upload pages or with ``manage.py import_riskmap``
(docs/riskmap-import.md), never here.

The national prevalence table (issue 10, item 2) is editable here: one page per year with its
rows inline, for platform operators (superusers, or staff with the model's permissions).
Every row is checked in Dutch (a percentage 0-100, a relative risk above 0, lower <= figure
<= upper: ``PrevalenceRate.clean``), a table must be complete (every group the model needs),
and every save or delete is written to the audit log."""

from __future__ import annotations

import json

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from omzien.core import audit
from omzien.riskmap.estimate.prevalence import REQUIRED_KEYS
from omzien.riskmap.models import (
    AreaFigure,
    FigureImportJob,
    ImportRun,
    PrevalenceGroup,
    PrevalenceRate,
    PrevalenceYear,
)


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


#: 65-75 and 75+ split the 65+ group; the model uses them only together.
SPLIT_65 = ("65_75", "75plus")


class PrevalenceRateFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        keys = [
            form.cleaned_data["key"]
            for form in self.forms
            if form.cleaned_data.get("key") and not form.cleaned_data.get("DELETE")
        ]
        missing = [PrevalenceGroup(key).label for key in REQUIRED_KEYS if key not in keys]
        if missing:
            raise ValidationError(
                _("Een tabel is pas volledig met een rij voor elke groep. Nog nodig: %(groups)s."),
                params={"groups": ", ".join(missing)},
                code="incomplete",
            )
        if (SPLIT_65[0] in keys) != (SPLIT_65[1] in keys):
            raise ValidationError(
                _("‘65 tot 75 jaar’ en ‘75 jaar en ouder’ horen bij elkaar: vul ze allebei in "
                  "of laat ze allebei weg."),
                code="split_65",
            )  # fmt: skip


class PrevalenceRateInline(admin.TabularInline):
    model = PrevalenceRate
    formset = PrevalenceRateFormSet
    fields = [
        "key",
        "eenzaam",
        "eenzaam_lower",
        "eenzaam_upper",
        "ernstig",
        "ernstig_lower",
        "ernstig_upper",
        "basis",
        "source",
    ]

    def get_extra(self, request, obj=None, **kwargs):
        # A new year starts with one row per group; an existing one shows its own rows.
        return 0 if obj is not None and obj.pk else len(PrevalenceGroup.values)


def _changed_keys(formsets) -> list[str]:
    keys: set[str] = set()
    for formset in formsets:
        keys.update(obj.key for obj in formset.new_objects)
        keys.update(obj.key for obj, _fields in formset.changed_objects)
        keys.update(obj.key for obj in formset.deleted_objects)
    return sorted(keys)


@admin.register(PrevalenceYear)
class PrevalenceYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source", "rows", "updated_at"]
    fields = ["year", "source", "notes", "updated_at"]
    readonly_fields = ["updated_at"]
    inlines = [PrevalenceRateInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(row_count=Count("rates"))

    @admin.display(description=_("rijen"), ordering="row_count")
    def rows(self, obj: PrevalenceYear) -> int:
        return obj.row_count

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None:
            kwargs["initial"] = [{"key": key} for key in PrevalenceGroup.values]
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        audit.record(
            "riskmap_prevalence_saved",
            actor=request.user,
            obj=form.instance,
            year=form.instance.year,
            created=not change,
            fields=sorted(form.changed_data),
            rows=_changed_keys(formsets),
        )

    def delete_model(self, request, obj):
        self._record_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record_delete(request, obj)
        super().delete_queryset(request, queryset)

    @staticmethod
    def _record_delete(request, obj: PrevalenceYear) -> None:
        audit.record("riskmap_prevalence_deleted", actor=request.user, obj=obj, year=obj.year)


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
