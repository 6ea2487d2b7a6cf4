from django.apps import AppConfig


class SignallingConfig(AppConfig):
    name = "omzien.signalling"
    label = "signalling"
