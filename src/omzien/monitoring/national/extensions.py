"""What the national part adds to core (issue 12): the link on the programme team's national
start page, the audit labels and the demo's manual figures. Called from
``monitoring/extensions.py``."""

from django.utils.translation import gettext_lazy as _


def register() -> None:
    from omzien.core import extensions

    extensions.national_links.register(
        extensions.NationalLink(
            "monitoring",
            _("Monitoring van het programma"),
            _("De cijfers van het programma over alle gemeenten: deelnemende gemeenten, "
              "samenwerkingen, activiteiten in de Week tegen Eenzaamheid en meer, per "
              "provincie en per gemeente. Met de cijfers die u zelf invoert."),
            "monitoring:national_view",
            order=30,
        )
    )  # fmt: skip
    from omzien.monitoring.national.demo import load_national_demo

    extensions.demo_loaders.register(
        extensions.DemoLoader("monitoring_national", load_national_demo, order=150)
    )
    extensions.register_audit_actions(
        {
            "national_monitoring_exported": _("Landelijke monitoring gedownload"),
            "programme_figure_entered": _("Programmacijfer ingevoerd"),
        }
    )
