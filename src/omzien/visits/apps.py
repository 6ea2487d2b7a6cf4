from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "omzien.visits"
    label = "visits"
