from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignallingConfig(AppConfig):
    name = "omzien.signalling"
    label = "signalling"
    verbose_name = _("Signaalpunt")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_out

        from omzien.signalling import checks, extensions  # noqa: F401
        from omzien.signalling.api.auth import end_tokens_at_logout

        extensions.register()
        # Logging out ends the user's personal case-API tokens (api/auth.py).
        user_logged_out.connect(end_tokens_at_logout, dispatch_uid="omzien.signalling.tokens")
