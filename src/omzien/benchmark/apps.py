from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarkConfig(AppConfig):
    name = "omzien.benchmark"
    label = "benchmark"
    verbose_name = _("Benchmark")

    def ready(self) -> None:
        from omzien.benchmark import extensions

        extensions.register()
