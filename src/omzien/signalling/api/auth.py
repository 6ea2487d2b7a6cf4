"""Who is calling the signalling API.

* Partner API (``POST /api/v1/signals/``): ``Authorization: Api-Key <key>``. A key belongs to
  one partner organisation in one municipality; both come from the key, never from the body.
  The key is looked up by its prefix and its keyed hash compared in constant time; revoked
  keys are refused.
* Case API (``/api/v1/cases/``): the staff session (the second-factor middleware already
  refuses unverified sessions on /api/), or a personal token ``Authorization: Bearer <token>``
  that a verified session obtains from ``POST /api/v1/tokens/``.

The personal token needs no table of tokens. It is a signed, time-stamped value (Django's
signing, keyed with SECRET_KEY) that names the user, the one municipality it is for, a stamp
derived from the user's password hash (so a password change ends every token), the
second-factor device the session was verified with (so removing the device ends every token)
and the moment it was issued. Logging out stamps the user's ``TokenCutoff`` row
(``end_tokens_at_logout``, connected to Django's ``user_logged_out`` in ``apps.py``), and a
token issued at or before that stamp is refused: logging out ends every token of the user. A
token expires after ``TOKEN_MAX_AGE``. Roles are checked on every request by the scoping layer,
so a token gives nothing once the membership is gone.
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from omzien.core.middleware import second_factor_enabled
from omzien.core.models import Municipality, User
from omzien.core.scoping import needs_second_factor
from omzien.signalling.models import ApiKey, TokenCutoff
from omzien.signalling.secrets import hash_secret, prefix_of

API_KEY_KEYWORD = "Api-Key"
TOKEN_KEYWORD = "Bearer"
#: How long a personal case-API token lasts: one working day.
TOKEN_MAX_AGE = dt.timedelta(hours=8)
_TOKEN_SALT = "omzien.signalling.case-api-token"
#: Longest credential we look at; anything longer is refused without hashing.
_MAX_CREDENTIAL_LENGTH = 512


def credential(request, keyword: str) -> str | None:
    """The credential after ``keyword`` in the Authorization header, None if another scheme.

    Raises AuthenticationFailed when the scheme is ours but the value is malformed."""
    header = authentication.get_authorization_header(request)
    parts = header.split()
    if not parts or parts[0].lower() != keyword.lower().encode():
        return None
    if len(parts) != 2 or len(parts[1]) > _MAX_CREDENTIAL_LENGTH:
        raise exceptions.AuthenticationFailed(f"Send 'Authorization: {keyword} <credential>'.")
    try:
        return parts[1].decode("ascii")
    except UnicodeDecodeError:
        raise exceptions.AuthenticationFailed("The credential is not valid.") from None


# --- Partner API keys ------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerKey:
    """An active partner API key, as much of it as a request needs."""

    id: int
    organisation_id: int
    municipality_id: int


_key_sql: str | None = None


def _key_candidates(prefix: str) -> list[tuple]:
    """(id, key_hash, organisation_id, municipality_id) of the unrevoked keys with this
    prefix: one indexed query, written out because it runs on every partner request and the
    ORM's query building costs more than the query (names from the model's metadata)."""
    global _key_sql
    if _key_sql is None:
        qn = connection.ops.quote_name
        meta = ApiKey._meta
        columns = ", ".join(
            qn(meta.get_field(name).column)
            for name in ("id", "key_hash", "organisation", "municipality")
        )
        _key_sql = (
            f"SELECT {columns} FROM {qn(meta.db_table)} "  # noqa: S608
            f"WHERE {qn(meta.get_field('prefix').column)} = %s "
            f"AND {qn(meta.get_field('revoked_at').column)} IS NULL"
        )
    with connection.cursor() as cursor:
        cursor.execute(_key_sql, [prefix])
        return cursor.fetchall()


def active_api_key(key: str) -> PartnerKey | None:
    """The unrevoked API key matching ``key``, or None. Revocation counts from the next
    request on: nothing is cached.

    The prefix only narrows the lookup; the keyed hash of the whole key decides, compared in
    constant time. A hash is computed even when no row has the prefix, so a wrong prefix
    costs the same time as a wrong key."""
    candidates = _key_candidates(prefix_of(key))
    if not candidates:
        hmac.compare_digest(hash_secret(key), "0" * 64)
        return None
    found = None
    digest = hash_secret(key)
    for key_id, key_hash, organisation_id, municipality_id in candidates:
        if hmac.compare_digest(digest, key_hash):
            found = PartnerKey(key_id, organisation_id, municipality_id)
    return found


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``. ``request.auth`` becomes the PartnerKey; no user."""

    def authenticate(self, request):
        key = credential(request, API_KEY_KEYWORD)
        if key is None:
            return None
        api_key = active_api_key(key)
        if api_key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        return AnonymousUser(), api_key

    def authenticate_header(self, request) -> str:
        return f'{API_KEY_KEYWORD} realm="omzien"'


class HasPartnerApiKey(permissions.BasePermission):
    """The request carries a valid partner API key."""

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, PartnerKey)


# --- Personal case-API tokens ------------------------------------------------------------------


@dataclass(frozen=True)
class CaseApiToken:
    """A verified personal token: the user and the one municipality it is for."""

    user: User
    municipality: Municipality
    expires_at: dt.datetime


def _password_stamp(user: User) -> str:
    """Changes when the password changes; derived one more step from Django's session-auth
    hash, so the (readable) token payload does not carry that hash itself."""
    return salted_hmac(_TOKEN_SALT, user.get_session_auth_hash()).hexdigest()[:32]


def _device_id(user) -> str:
    device = getattr(user, "otp_device", None)
    return device.persistent_id if device is not None else ""


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _microseconds(moment: dt.datetime) -> int:
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def end_tokens_at_logout(sender, request=None, user=None, **kwargs) -> None:
    """``user_logged_out``: every token of ``user`` issued until now stops working."""
    if user is not None and user.pk is not None:
        TokenCutoff.objects.update_or_create(
            user_id=user.pk, defaults={"not_before": timezone.now()}
        )


def _logged_out_since(user_id: int, issued: int) -> bool:
    """Whether the user logged out at or after the moment ``issued`` (microseconds)."""
    cutoff = TokenCutoff.objects.filter(user_id=user_id).values_list("not_before", flat=True)
    return any(issued <= _microseconds(moment) for moment in cutoff)


def issue_token(user: User, municipality: Municipality) -> tuple[str, dt.datetime]:
    """A personal token for ``user`` in ``municipality`` (the caller checked the role)."""
    now = timezone.now()
    expires_at = now + TOKEN_MAX_AGE
    payload = {
        "u": user.pk,
        "m": municipality.pk,
        "h": _password_stamp(user),
        "d": _device_id(user),
        "e": int(expires_at.timestamp()),
        "i": _microseconds(now),
    }
    token = signing.TimestampSigner(salt=_TOKEN_SALT).sign_object(payload, compress=True)
    return token, expires_at


def read_token(token: str) -> CaseApiToken:
    """Check a token; raises AuthenticationFailed when it is forged, expired or stale."""
    failed = exceptions.AuthenticationFailed("The token is invalid or has expired.")
    try:
        payload = signing.TimestampSigner(salt=_TOKEN_SALT).unsign_object(
            token, max_age=TOKEN_MAX_AGE
        )
    except (signing.BadSignature, ValueError):
        raise failed from None
    if not isinstance(payload, dict):
        raise failed
    user = (
        User.objects.filter(pk=payload.get("u"), is_active=True).first()
        if isinstance(payload.get("u"), int)
        else None
    )
    municipality = (
        Municipality.objects.filter(pk=payload.get("m")).first()
        if isinstance(payload.get("m"), int)
        else None
    )
    if user is None or municipality is None:
        raise failed
    if not hmac.compare_digest(str(payload.get("h", "")), _password_stamp(user)):
        raise failed
    issued = payload.get("i")
    if not isinstance(issued, int) or _logged_out_since(user.pk, issued):
        raise failed
    if second_factor_enabled() and needs_second_factor(user):
        device = Device.from_persistent_id(str(payload.get("d", ""))) if payload.get("d") else None
        if device is None or device.user_id != user.pk or not device.confirmed:
            raise failed
        user.otp_device = device
    expires_at = dt.datetime.fromtimestamp(int(payload.get("e") or 0), tz=dt.UTC)
    return CaseApiToken(user, municipality, expires_at)


class CaseTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; ``request.auth`` becomes a CaseApiToken."""

    def authenticate(self, request):
        token = credential(request, TOKEN_KEYWORD)
        if token is None:
            return None
        checked = read_token(token)
        return checked.user, checked

    def authenticate_header(self, request) -> str:
        return f'{TOKEN_KEYWORD} realm="omzien"'


# --- OpenAPI ------------------------------------------------------------------------------------


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "apiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "API key of a partner organisation, made by the municipality's coordinator: "
                "send `Authorization: Api-Key <key>`. The key decides the organisation and "
                "the municipality."
            ),
        }


class CaseTokenScheme(OpenApiAuthenticationExtension):
    target_class = CaseTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Personal token from POST /api/v1/tokens/ (needs a session with a verified "
                "second factor); valid for 8 hours and for one municipality."
            ),
        }
