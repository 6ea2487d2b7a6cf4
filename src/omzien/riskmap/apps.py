from django.apps import AppConfig


class RiskmapConfig(AppConfig):
    name = "omzien.riskmap"
    label = "riskmap"
