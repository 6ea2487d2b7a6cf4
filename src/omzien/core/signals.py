"""Record logins and logouts in the audit log (no personal data: user number only)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    from omzien.core import audit

    audit.record("login", actor=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    from omzien.core import audit

    if user is not None:
        audit.record("logout", actor=user)
