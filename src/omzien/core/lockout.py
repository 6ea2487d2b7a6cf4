"""The login guard: lock the account, not the string typed; limit every address too.

django-axes counts failed logins per **account**: :func:`lockout_username` (its
``AXES_USERNAME_CALLABLE``) resolves what was typed, a username or an e-mail address in any
letter case, to the account and answers ``user:<number>``; a string that matches no account is
counted in lower case. So ``Jan@Example.nl``, ``jan@example.nl`` and the username ``jan`` all
count towards one lock. :class:`AddressLimitBackend` adds a separate, higher limit per IP
address (``OMZIEN_LOGIN_IP_FAILURE_LIMIT`` failures within the cool-off period), which stops one
client from trying many accounts. Failed logins and lockouts are written to the audit log with
the account number only: never the password, never the string typed for an unknown account,
never the address.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from omzien.core import ratelimit

_LOGIN_IP_SCOPE = "login-ip"


def account_for(typed: str | None):
    """The account a typed username or e-mail address means (case-insensitive), or None."""
    typed = (typed or "").strip()
    if not typed:
        return None
    users = get_user_model().objects
    field = "email" if "@" in typed else "username"
    exact = users.filter(**{field: typed}).first()
    if exact is not None:
        return exact
    matches = list(users.filter(**{f"{field}__iexact": typed})[:2])
    return matches[0] if len(matches) == 1 else None


def _typed(request, credentials) -> str:
    if credentials and credentials.get("username") is not None:
        return str(credentials["username"])
    if request is not None and request.method == "POST":
        return request.POST.get("username", "")
    return ""


def lockout_username(request, credentials=None) -> str:
    """What axes counts failures on: ``user:<number>`` for an account, else the typed text in
    lower case."""
    typed = _typed(request, credentials)
    user = account_for(typed)
    return f"user:{user.pk}" if user is not None else typed.strip().lower()


def _record(action: str, user=None, **extra) -> None:
    from omzien.core import audit

    audit.record(action, obj=user, known_account=user is not None, **extra)


class AddressLimitBackend:
    """First in AUTHENTICATION_BACKENDS: refuses every login attempt from an address that has
    failed too often; the lockout page (axes' middleware) then answers. It has no
    ``get_user`` (like axes' backend), so sessions never name it as their backend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        rate = ratelimit.login_ip_rate()
        address = ratelimit.client_address(request)
        if rate is not None and ratelimit.count(_LOGIN_IP_SCOPE, address, rate) >= rate.count:
            request.axes_locked_out = True
            _record("login_locked_out", scope="address")
            raise PermissionDenied
        return None


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    """Every refused login attempt, also one refused by a lock (then ``login_locked_out``
    is recorded as well)."""
    if request is None:
        return
    ratelimit.hit(_LOGIN_IP_SCOPE, ratelimit.client_address(request), ratelimit.login_ip_rate())
    _record("login_failed", account_for(_typed(request, credentials)))


def _locked_out(sender, request=None, username=None, **kwargs):
    user = None
    if username and str(username).startswith("user:"):
        user = get_user_model().objects.filter(pk=str(username)[5:]).first()
    _record("login_locked_out", user, scope="account")


def connect() -> None:
    """Called from CoreConfig.ready(): axes' signal for a lockout."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="omzien.core.lockout")
