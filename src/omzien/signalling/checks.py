"""Start-up checks of the signalling settings: a bad rate fails `manage.py check`,
`migrate` and `runserver` with a clear message instead of a 500 on the first request."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

RATE_SETTINGS = ("OMZIEN_PUBLIC_FORM_RATE", "OMZIEN_PARTNER_FORM_RATE", "OMZIEN_STATUS_RATE")


@register()
def rate_settings(app_configs, **kwargs):
    from omzien.signalling.public.ratelimit import parse_rate

    errors = []
    for name in RATE_SETTINGS:
        value = getattr(settings, name, None)
        if value is None:
            continue
        try:
            parse_rate(value)
        except (ImproperlyConfigured, ValueError) as exc:
            errors.append(Error(f"{name}={value!r} is not a rate: {exc}", id="omzien.E101"))
    return errors
