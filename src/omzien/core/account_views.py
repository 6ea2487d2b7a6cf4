"""Login, the second factor (TOTP), logout and password reset."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from omzien.core import audit, ratelimit
from omzien.core.forms import LoginForm, TokenForm
from omzien.core.lockout import account_for, lockout_username


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from omzien.core.models import SsoProvider

        context = super().get_context_data(**kwargs)
        context["sso_providers"] = (
            SsoProvider.objects.filter(enabled=True).select_related("municipality").order_by("name")
        )
        return context


def _safe_next(request, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback


@login_required
def two_factor(request):
    """Ask for the TOTP code; on first use, set up the device (show secret and QR code)."""
    user = request.user
    if user.is_verified():
        return redirect(_safe_next(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setting_up = device is None
    if setting_up:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if setting_up:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                audit.record("second_factor_set_up", actor=user)
            otp_login(request, device)
            audit.record("second_factor_verified", actor=user)
            return redirect(_safe_next(request))
        audit.record("second_factor_failed", actor=user)
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de nieuwste code."))
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request)}
    if setting_up:
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr_svg"] = segno.make(device.config_url, micro=False).svg_data_uri(scale=4)
    return render(request, "registration/two_factor.html", context)


LOGGED_OUT = _lazy("U bent uitgelogd. Tot ziens!")


class LogoutView(auth_views.LogoutView):
    """Log out and say so on the login page (issue 8)."""

    def post(self, request, *args, **kwargs):
        from omzien.core.sso import views as sso

        provider_logout = sso.logout_target(request)  # before the session is gone
        response = super().post(request, *args, **kwargs)
        if provider_logout:
            return sso.after_logout(request, provider_logout)
        messages.success(request, LOGGED_OUT)
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, limited per e-mail address and per IP address
    (``OMZIEN_PASSWORD_RESET_ACCOUNT_RATE``, ``OMZIEN_PASSWORD_RESET_IP_RATE``). The limit per
    address typed holds whether or not an account has it, so the answer tells nothing."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("core:password_reset_done")

    def form_valid(self, form):
        typed = form.cleaned_data["email"]
        within_ip = ratelimit.hit(
            "reset-ip", ratelimit.client_address(self.request), ratelimit.reset_ip_rate()
        )
        within_account = ratelimit.hit(
            "reset-account",
            lockout_username(None, {"username": typed}),
            ratelimit.reset_account_rate(),
        )
        if within_ip and within_account:
            return super().form_valid(form)
        user = account_for(typed)
        audit.record(
            "password_reset_limited",
            obj=user,
            known_account=user is not None,
            scope="address" if not within_ip else "account",
        )
        form.add_error(
            None,
            _(
                "U heeft te vaak een nieuw wachtwoord aangevraagd. Wacht een uur en probeer "
                "het dan opnieuw. Kijk ook in uw map met ongewenste e-mail."
            ),
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)


password_reset = PasswordResetView.as_view()
password_reset_done = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/password_reset_done.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    template_name="registration/password_reset_confirm.html",
    success_url=reverse_lazy("core:password_reset_complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/password_reset_complete.html"
)


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "registration/locked_out.html", status=429)
