"""The two steps of an SSO login, mozilla-django-oidc's views with a provider per municipality.

``/account/sso/<slug>/`` starts at the municipality's provider: state, nonce and a PKCE
verifier go into the session, and the state's entry also names the provider. The provider
sends the browser back to ``/account/sso-terug/``: only a state this session started is
accepted, and it decides which provider checks the code. A refusal shows a Dutch page that
says what to do; it never names a claim value.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from django_otp import login as otp_login
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from omzien.core import audit
from omzien.core.account_views import LOGGED_OUT
from omzien.core.models import SsoDevice, SsoProvider
from omzien.core.sso.backend import CALLBACK_URL

#: The session key of the provider of this session's login (for logout).
SESSION_PROVIDER = "omzien_sso_provider"

REFUSALS = {
    "no_role": (
        403,
        _(
            "U heeft via %(name)s geen rol in Omzien. Vraag de functioneel beheerder van uw "
            "gemeente om u de juiste groep te geven. Log daarna opnieuw in."
        ),
    ),
    "no_account": (
        403,
        _("U heeft nog geen account in Omzien. Vraag de functioneel beheerder om een uitnodiging."),
    ),
    "email_taken": (
        403,
        _(
            "Er is al een account in Omzien met uw e-mailadres. Log in met uw wachtwoord, of "
            "vraag de functioneel beheerder om uw account te koppelen."
        ),
    ),
    "no_email": (
        403,
        _("%(name)s gaf geen e-mailadres door. Vraag uw ICT-afdeling om hulp."),
    ),
    "inactive": (
        403,
        _("Uw account in Omzien staat uit. Vraag de functioneel beheerder van uw gemeente."),
    ),
    "staff": (
        403,
        _("Met dit account logt u in met uw wachtwoord en de code uit uw app, niet via SSO."),
    ),
    "claims": (
        400,
        _("%(name)s stuurde niet de gegevens die Omzien nodig heeft. Vraag uw ICT-afdeling."),
    ),
    "state": (
        400,
        _(
            "Dit inloggen is verlopen of niet op deze pagina begonnen. Begin opnieuw op de "
            "inlogpagina."
        ),
    ),
    "token": (
        400,
        _(
            "We konden het inloggen via %(name)s niet controleren. Probeer het opnieuw. Lukt "
            "het niet, neem dan contact op met uw ICT-afdeling."
        ),
    ),
    "provider": (
        502,
        _("%(name)s reageert nu niet goed. Probeer het over een paar minuten opnieuw."),
    ),
    "idp_error": (
        400,
        _("Het inloggen via %(name)s is afgebroken of mislukt. Probeer het opnieuw."),
    ),
    "not_configured": (
        503,
        _("Inloggen via %(name)s kan nu niet. Log in met uw wachtwoord of probeer het later."),
    ),
}

#: Refusals that core.sso.mapping has already audited.
_AUDITED = {"no_role", "no_account", "email_taken", "no_email", "inactive", "staff", "claims"}


def refuse(request, reason: str, provider: SsoProvider | None = None):
    if reason not in _AUDITED:
        audit.record(
            "sso_refused",
            municipality=provider.municipality if provider else None,
            provider=provider.pk if provider else None,
            reason=reason,
        )
    status, text = REFUSALS[reason]
    name = provider.name if provider else _("uw inlogdienst")
    context = {"reason": reason, "message": text % {"name": name}, "provider": provider}
    return render(request, "registration/sso_refused.html", context, status=status)


class _PerProvider:
    """The library reads its settings through ``get_settings``: answer for our provider."""

    provider: SsoProvider | None = None

    def get_settings(self, attr, *args):
        provider = self.provider
        values = {
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL,
            "OIDC_RP_SCOPES": " ".join(provider.scope_list()) if provider else "openid",
            "OIDC_USE_PKCE": True,
            "OIDC_REDIRECT_FIELD_NAME": "next",
            "LOGIN_REDIRECT_URL": "core:home",
        }
        if attr in values:
            return values[attr]
        return OIDCAuthenticationRequestView.get_settings(attr, *args)


class SsoStartView(_PerProvider, OIDCAuthenticationRequestView):
    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)  # not the library's: it reads one provider from settings

    def get(self, request, slug):
        provider = (
            SsoProvider.objects.select_related("municipality")
            .filter(enabled=True, municipality__slug=slug)
            .first()
        )
        if provider is None:
            raise Http404
        if not provider.client_secret():
            return refuse(request, "not_configured", provider)
        self.provider = provider
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response = super().get(request)
        state = parse_qs(urlparse(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = provider.pk
        request.session.modified = True
        return response


#: What mozilla-django-oidc keeps in the session about a login's tokens (auth.store_tokens,
#: views.login_success).
_LIBRARY_TOKENS = ("oidc_id_token", "oidc_access_token", "oidc_id_token_expiration")


class SsoCallbackView(_PerProvider, OIDCAuthenticationCallbackView):
    def get(self, request):
        state = request.GET.get("state", "")
        entry = (request.session.get("oidc_states") or {}).get(state) if state else None
        provider = None
        if isinstance(entry, dict) and entry.get("provider"):
            provider = (
                SsoProvider.objects.select_related("municipality")
                .filter(pk=entry["provider"], enabled=True)
                .first()
            )
        if provider is None:
            return refuse(request, "state")
        self.provider = provider
        request.omzien_sso_provider = provider
        return super().get(request)

    def login_failure(self):
        request = self.request
        for key in _LIBRARY_TOKENS:  # stored before our mapping refused: not for anonymous
            request.session.pop(key, None)
        reason = getattr(request, "omzien_sso_refusal", "")
        if not reason:
            reason = "idp_error" if request.GET.get("error") else "token"
        return refuse(request, reason, self.provider)

    def login_success(self):
        response = super().login_success()
        request, provider = self.request, self.provider
        request.session[SESSION_PROVIDER] = provider.pk
        if request.omzien_sso_result.mfa:
            device, _created = SsoDevice.objects.get_or_create(
                user=self.user,
                provider=provider,
                defaults={"name": f"SSO {provider.pk}", "confirmed": True},
            )
            if device.confirmed:
                otp_login(request, device)
                audit.record("second_factor_verified", actor=self.user, via="sso")
        return response


#: The session key (of the new, anonymous session) of the provider's end-session address.
SESSION_LOGOUT = "omzien_sso_logout"


def after_logout(request, target: tuple[str, str]):
    """Logout came through SSO: go on to the provider through a page of our own. A form's
    redirect chain may not leave Omzien (CSP ``form-action 'self'``), a page's refresh may."""
    request.session[SESSION_LOGOUT] = list(target)
    return redirect("core:sso_logout")


def provider_logout(request):
    """'U bent uitgelogd': on to the provider's end-session endpoint, once."""
    target = request.session.pop(SESSION_LOGOUT, None)
    if not target:
        return redirect("core:login")
    url, name = target
    response = render(request, "registration/sso_logout.html", {"url": url, "name": name})
    # Added after this page is rendered: the login page shows it when the provider sends the
    # browser back.
    messages.success(request, LOGGED_OUT)
    return response


def logout_target(request) -> tuple[str, str] | None:
    """(end-session URL, provider name), or None: see ``logout_url``."""
    provider_pk = request.session.get(SESSION_PROVIDER)
    provider = SsoProvider.objects.filter(pk=provider_pk).first() if provider_pk else None
    url = logout_url(request, provider)
    return (url, provider.name) if url else None


def logout_url(request, provider: SsoProvider | None) -> str | None:
    """Where to send the browser after logging out of Omzien: the provider's end-session
    endpoint when this session came through SSO and the provider has one (else None)."""
    if provider is None or not provider.end_session_endpoint:
        return None
    params = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("core:login")),
    }
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{provider.end_session_endpoint}?{urlencode(params)}"
