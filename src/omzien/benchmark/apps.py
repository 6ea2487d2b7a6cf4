from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    name = "omzien.benchmark"
    label = "benchmark"
