from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "omzien.socialmap"
    label = "socialmap"
