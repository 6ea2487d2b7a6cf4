"""Django admin for platform operators (issue 12): a year's questionnaire and its questions,
to correct a text or a tip before the questionnaire opens. No answers of municipalities here;
the programme team sets the dates and tips on its own pages (``/landelijk/benchmark/``)."""

from django.contrib import admin

from omzien.benchmark.models import Question, Questionnaire


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ("pillar", "position", "code", "text", "help_text", "unit", "weight", "tip")
    readonly_fields = ("code",)
    ordering = ("pillar", "position")


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("year", "opens_on", "closes_on", "results_on")
    inlines = (QuestionInline,)
