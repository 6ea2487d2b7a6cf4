from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "omzien.monitoring"
    label = "monitoring"
