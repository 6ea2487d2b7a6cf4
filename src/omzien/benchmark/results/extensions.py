"""What the results part adds to core (issue 12): the menu entry, the programme's national
links, the audit label of the tips editor, the factsheet section and the demo. Called from
``benchmark/extensions.py``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from omzien.core import extensions
from omzien.core.navigation import register as menu


def register() -> None:
    from omzien.benchmark.results import demo, factsheet

    menu(_("Benchmarkuitslag"), "benchmark:results", "view_benchmark", 71)
    extensions.national_links.register(
        extensions.NationalLink(
            "benchmark_results",
            _("Benchmark: uitslag van alle gemeenten"),
            _("De scores per pijler van elke gemeente, per provincie en grootteklasse."),
            "benchmark:national_results",
            order=41,
        )
    )
    extensions.national_links.register(
        extensions.NationalLink(
            "benchmark_tips",
            _("Benchmark: tips bij de vragen"),
            _("De tips die een gemeente ziet bij een vraag waarop zij laag scoort."),
            "benchmark:national_tips",
            order=42,
        )
    )
    extensions.register_audit_actions({"benchmark_tips_changed": _("Benchmarktips gewijzigd")})
    extensions.factsheet_sections.register(
        extensions.FactsheetSection("benchmark", factsheet.build, order=20)
    )
    extensions.demo_loaders.register(
        extensions.DemoLoader("benchmark_results", demo.load_results_demo, order=140)
    )
