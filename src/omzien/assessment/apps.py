from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "omzien.assessment"
    label = "assessment"
