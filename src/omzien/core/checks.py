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


@register()
def password_reset_rates(app_configs, **kwargs):
    """A bad reset rate fails `manage.py check` instead of the first reset request."""
    from django.core.exceptions import ImproperlyConfigured

    from omzien.core.ratelimit import parse_rate

    errors = []
    for name in ("OMZIEN_PASSWORD_RESET_ACCOUNT_RATE", "OMZIEN_PASSWORD_RESET_IP_RATE"):
        value = getattr(settings, name, None)
        try:
            parse_rate(value)
        except ImproperlyConfigured as exc:
            errors.append(Error(f"{name}={value!r} is not a rate: {exc}", id="omzien.E002"))
    return errors
