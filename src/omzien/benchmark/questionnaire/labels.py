"""The questionnaire's audit actions in Dutch (issue 12)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "benchmark_response_opened": _("Benchmark geopend en ingevuld uit Omzien"),
    "benchmark_prefill_refreshed": _("Benchmark: cijfers uit Omzien opnieuw opgehaald"),
    "benchmark_answer_saved": _("Benchmark: antwoord opgeslagen"),
    "benchmark_answer_corrected": _("Benchmark: antwoord uit Omzien gecorrigeerd"),
    "benchmark_submitted": _("Benchmark ingediend"),
    "benchmark_questionnaire_created": _("Benchmarkvragenlijst klaargezet"),
    "benchmark_dates_set": _("Data van de benchmark gewijzigd"),
}
READS: tuple[str, ...] = ()
