"""Single sign-on (OIDC) per municipality: its identity provider, the rules that map claims to
roles, the link of an account to a subject at an issuer, and the "device" that records a
second factor the identity provider asserted. See docs/sso.md and core/sso/."""

from __future__ import annotations

import os
import re
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from omzien.core.roles import NATIONAL_ROLES, Role

from .areas import Municipality
from .people import User

#: The client secret is never stored: the record names an environment variable of this form.
SECRET_ENV_PATTERN = re.compile(r"^OMZIEN_SSO_SECRET_[A-Z0-9_]{1,60}$")

#: RFC 8176 ``amr`` values that mean more than a password (see docs/sso.md, "The MFA rule").
DEFAULT_MFA_AMR = "mfa,otp,hwk,sms,tel,sc,swk,fpt,face,iris,retina,vbm"

_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\s]+", text or "") if part.strip()]


def validate_endpoint(url: str) -> None:
    """https, or http on this machine only (a provider started by the tests)."""
    parsed = urlparse(url)
    if parsed.scheme == "https" and parsed.hostname:
        return
    if parsed.scheme == "http" and parsed.hostname in _LOOPBACK:
        return
    raise ValidationError(_("Gebruik een https-adres."))


def validate_secret_env(name: str) -> None:
    if not SECRET_ENV_PATTERN.match(name):
        raise ValidationError(
            _("Gebruik een naam als OMZIEN_SSO_SECRET_UTRECHT (hoofdletters, cijfers en _).")
        )


class SsoProvider(models.Model):
    """The identity provider (IdP) of one municipality's staff. Edited by platform operators."""

    class Algorithm(models.TextChoices):
        RS256 = "RS256", "RS256"
        ES256 = "ES256", "ES256"
        HS256 = "HS256", "HS256"

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="sso_provider",
    )
    name = models.CharField(
        _("naam op de knop"),
        max_length=80,
        help_text=_(
            "Op de inlogpagina staat: Inloggen via <naam>. Bijvoorbeeld: Gemeente Utrecht."
        ),
    )
    enabled = models.BooleanField(_("aan"), default=False)
    issuer = models.URLField(
        _("issuer"), max_length=300, help_text=_("Precies de waarde van 'iss' in het ID-token.")
    )
    authorization_endpoint = models.URLField(
        _("authorization endpoint"), max_length=300, validators=[validate_endpoint]
    )
    token_endpoint = models.URLField(
        _("token endpoint"), max_length=300, validators=[validate_endpoint]
    )
    jwks_uri = models.URLField(
        _("JWKS-adres"),
        max_length=300,
        blank=True,
        validators=[validate_endpoint],
        help_text=_("Nodig voor RS256 en ES256."),
    )
    userinfo_endpoint = models.URLField(
        _("userinfo endpoint"),
        max_length=300,
        blank=True,
        validators=[validate_endpoint],
        help_text=_("Leeg: alleen de claims uit het ID-token."),
    )
    end_session_endpoint = models.URLField(
        _("end-session endpoint"),
        max_length=300,
        blank=True,
        validators=[validate_endpoint],
        help_text=_("Leeg: uitloggen sluit alleen de sessie in Omzien."),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret_env = models.CharField(
        _("omgevingsvariabele met het client secret"),
        max_length=80,
        validators=[validate_secret_env],
        help_text=_(
            "Het geheim zelf staat nooit in de database. Bijvoorbeeld OMZIEN_SSO_SECRET_UTRECHT."
        ),
    )
    sign_algorithm = models.CharField(
        _("ondertekening ID-token"), max_length=5, choices=Algorithm.choices, default="RS256"
    )
    scopes = models.CharField(_("scopes"), max_length=200, default="openid email profile")
    subject_claim = models.CharField(_("claim met unieke id"), max_length=80, default="sub")
    roles_claim = models.CharField(
        _("claim met groepen of rollen"), max_length=80, default="groups"
    )
    create_accounts = models.BooleanField(
        _("maak een account bij de eerste keer"),
        default=True,
        help_text=_("Alleen als de gebruiker een rol krijgt volgens de tabel."),
    )
    link_verified_email = models.BooleanField(
        _("koppel aan een bestaand account met hetzelfde e-mailadres"),
        default=False,
        help_text=_("Alleen als het ID-token email_verified = true bevat."),
    )
    mfa_amr_values = models.CharField(
        _("amr-waarden die een tweede stap betekenen"), max_length=200, default=DEFAULT_MFA_AMR
    )
    mfa_acr_values = models.CharField(
        _("acr-waarden die een tweede stap betekenen"),
        max_length=300,
        blank=True,
        help_text=_("Gescheiden door komma's. Leeg: acr telt niet."),
    )

    class Meta:
        verbose_name = _("inlogdienst (SSO)")
        verbose_name_plural = _("inlogdiensten (SSO)")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.sign_algorithm != "HS256" and not self.jwks_uri:
            raise ValidationError({"jwks_uri": _("Vul het JWKS-adres in voor RS256 of ES256.")})
        if "openid" not in _split(self.scopes):
            raise ValidationError({"scopes": _("De scope openid is verplicht.")})

    def client_secret(self) -> str:
        """The secret from the environment ("" when the variable is not set)."""
        if not SECRET_ENV_PATTERN.match(self.client_secret_env):
            return ""
        return os.environ.get(self.client_secret_env, "")

    def scope_list(self) -> list[str]:
        return _split(self.scopes)

    def amr_list(self) -> set[str]:
        return set(_split(self.mfa_amr_values))

    def acr_list(self) -> set[str]:
        return {part.strip() for part in (self.mfa_acr_values or "").split(",") if part.strip()}


class SsoRoleRule(models.Model):
    """One row of a provider's table: this value in the roles claim gives this role."""

    provider = models.ForeignKey(
        SsoProvider, verbose_name=_("inlogdienst"), on_delete=models.CASCADE, related_name="rules"
    )
    claim_value = models.CharField(_("waarde in de claim"), max_length=200)
    role = models.CharField(
        _("rol in Omzien"),
        max_length=20,
        choices=[(value, label) for value, label in Role.choices if value not in NATIONAL_ROLES],
    )

    class Meta:
        verbose_name = _("regel voor een rol")
        verbose_name_plural = _("regels voor rollen")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "claim_value", "role"], name="sso_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Regel #{self.pk} ({self.role})"


class SsoIdentity(models.Model):
    """An account's identity at an identity provider: (issuer, subject) is unique."""

    user = models.ForeignKey(
        User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="sso_identities"
    )
    provider = models.ForeignKey(
        SsoProvider, verbose_name=_("inlogdienst"), on_delete=models.CASCADE, related_name="+"
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=255)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    last_login = models.DateTimeField(_("laatst ingelogd"), null=True, blank=True)

    class Meta:
        verbose_name = _("SSO-koppeling")
        verbose_name_plural = _("SSO-koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")
        ]

    def __str__(self) -> str:
        return f"SSO-koppeling #{self.pk}"


class SsoDevice(Device):
    """The second factor the identity provider asserted (``amr``/``acr``). django-otp counts a
    session as verified by this device; it has no code of its own (``verify_token`` is False)."""

    provider = models.ForeignKey(
        SsoProvider, verbose_name=_("inlogdienst"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Device.Meta):
        verbose_name = _("tweede stap via SSO")
        verbose_name_plural = _("tweede stappen via SSO")
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="sso_device_unique")
        ]
