"""System checks that guard deploy-time settings."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def two_factor_setting(app_configs, **kwargs):
    # settings.py already refuses to start with the second factor off and DEBUG off; this
    # check repeats the rule for anyone who changes settings at run time.
    if settings.TWO_FACTOR == "off" and not settings.DEBUG:
        return [Error("OMZIEN_TWO_FACTOR=off is not allowed with DEBUG off.", id="omzien.E001")]
    if settings.TWO_FACTOR == "off":
        return [
            Warning(
                "The second factor is switched off (demo). Every page shows a banner.",
                id="omzien.W001",
            )
        ]
    return []
