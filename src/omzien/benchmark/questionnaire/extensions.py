"""What the questionnaire part adds to core (issue 12): the menu entry "Benchmark", a start
card for policy staff and the kartrekker, the programme's national link, audit labels, the
scope rule of the responses and the demo (the questionnaires of the last three years)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu
from omzien.core.scoping import scope_rule


def _responses(qs, user, municipality, roles):
    """A municipality's benchmark: its policy staff and kartrekker, and the programme."""
    if roles & {"policy", "coordinator", "programme"}:
        return qs
    return qs.none()


def register() -> None:
    from omzien.benchmark.models import Answer, BenchmarkResponse
    from omzien.benchmark.questionnaire import labels
    from omzien.benchmark.questionnaire.demo import load_questionnaire_demo

    scope_rule(BenchmarkResponse)(_responses)
    menu(_("Benchmark"), "benchmark:questionnaire", "view_benchmark", 70)
    extensions.start_cards.register(
        extensions.StartCard(
            "benchmark_questionnaire",
            _("Benchmark"),
            _("Vul elk najaar de vragen over de vijf pijlers in. Een deel staat al ingevuld "
              "uit Omzien."),
            "fill_benchmark",
            "benchmark:questionnaire",
            _("Naar de benchmark"),
            order=70,
        )
    )  # fmt: skip
    extensions.national_links.register(
        extensions.NationalLink(
            "benchmark_questionnaire",
            _("Benchmarkvragenlijsten"),
            _("De vragenlijst per jaar: een nieuw jaar klaarzetten en de data kiezen waarop "
              "hij opent, sluit en de uitslag toont."),
            "benchmark:questionnaire_programme",
            order=30,
        )
    )  # fmt: skip
    extensions.register_audit_actions(labels.ACTIONS, reads=labels.READS)
    extensions.audit_objects.register(
        extensions.AuditObject("benchmark.benchmarkresponse", _("Benchmark van de gemeente"))
    )
    extensions.audit_objects.register(
        extensions.AuditObject(f"benchmark.{Answer._meta.model_name}", _("Benchmarkantwoord"))
    )
    extensions.audit_objects.register(
        extensions.AuditObject("benchmark.questionnaire", _("Benchmarkvragenlijst"))
    )
    extensions.demo_loaders.register(
        extensions.DemoLoader("benchmark_questionnaire", load_questionnaire_demo, order=130)
    )
