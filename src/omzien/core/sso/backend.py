"""mozilla-django-oidc's backend, with the provider of one municipality instead of settings.

The callback view (``views.SsoCallbackView``) puts the provider chosen at the start on the
request (``request.omzien_sso_provider``); without it this backend answers None, so password
logins never reach it. On top of the library's checks (signature, nonce, expiry) it checks the
issuer, the audience and ``azp``, and that userinfo is about the same subject.
"""

from __future__ import annotations

import logging

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from requests.exceptions import RequestException

from omzien.core.models import SsoProvider
from omzien.core.sso import mapping

logger = logging.getLogger("omzien.sso")

CALLBACK_URL = "core:sso_callback"

#: Claims taken from the signed ID token only, never from userinfo (the MFA rule).
_ID_TOKEN_ONLY = frozenset({"iss", "aud", "azp", "nonce", "amr", "acr", "auth_time"})


class SsoBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads one provider from settings here; ours come per request.
        self.UserModel = get_user_model()
        self.provider: SsoProvider | None = None

    def get_user(self, user_id):
        """As Django's ModelBackend: a deactivated account's session ends (the library's
        get_user does not look at ``is_active``)."""
        user = super().get_user(user_id)
        return user if self.user_can_authenticate(user) else None

    def get_settings(self, attr, *args):
        per_provider = {
            "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL,
            "OIDC_RP_SCOPES": " ".join(self.provider.scope_list()) if self.provider else "",
            "OIDC_TIMEOUT": getattr(settings, "OMZIEN_SSO_TIMEOUT", 10),
            "OIDC_STORE_ID_TOKEN": True,
        }
        if attr in per_provider:
            return per_provider[attr]
        return super().get_settings(attr, *args)

    def _configure(self, provider: SsoProvider) -> None:
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri or None
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret()
        self.OIDC_RP_SIGN_ALGO = provider.sign_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        provider = getattr(request, "omzien_sso_provider", None) if request else None
        if provider is None or "nonce" not in kwargs:
            return None
        self._configure(provider)
        try:
            return super().authenticate(request, **kwargs)
        except RequestException as exc:
            # The provider could not be reached or refused the code: no tokens, no claims.
            reason, error = "provider", type(exc).__name__
        except (SuspiciousOperation, jwt.InvalidTokenError) as exc:
            # A token that fails a check: signature, nonce, issuer, audience, expiry.
            reason, error = "token", type(exc).__name__
        # The type only: a message may quote a token or a response body.
        logger.warning("sso provider=%s refused=%s error=%s", provider.pk, reason, error)
        request.omzien_sso_refusal = reason
        return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if payload.get("iss") != self.provider.issuer:
            raise SuspiciousOperation("ID token issuer does not match the provider.")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token audience does not name this client.")
        if len(audiences) > 1 and payload.get("azp") != self.provider.client_id:
            raise SuspiciousOperation("ID token azp does not name this client.")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed (never overruled) by userinfo when configured."""
        claims = dict(payload)
        if self.provider.userinfo_endpoint:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("Userinfo is about another subject.")
            for key, value in info.items():
                if key not in _ID_TOKEN_ONLY:
                    claims.setdefault(key, value)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        result = mapping.sign_in(self.provider, claims)
        self.request.omzien_sso_result = result
        if result.refused:
            self.request.omzien_sso_refusal = result.refused
            return None
        return result.user
