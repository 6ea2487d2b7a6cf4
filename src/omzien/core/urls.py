from django.urls import include, path

from omzien.core import account_views, membership_views, onboarding_views, session_expiry, views
from omzien.core.sso import views as sso_views

account_patterns = [
    path("account/inloggen/", account_views.LoginView.as_view(), name="login"),
    path("account/uitloggen/", account_views.LogoutView.as_view(), name="logout"),
    path("account/actief/", session_expiry.keep_alive, name="keep_alive"),
    path("account/tweede-stap/", account_views.two_factor, name="two_factor"),
    path("account/sso/<slug:slug>/", sso_views.SsoStartView.as_view(), name="sso_start"),
    path("account/sso-terug/", sso_views.SsoCallbackView.as_view(), name="sso_callback"),
    path("account/sso-uitloggen/", sso_views.provider_logout, name="sso_logout"),
    path("account/wachtwoord-vergeten/", account_views.password_reset, name="password_reset"),
    path(
        "account/wachtwoord-vergeten/verstuurd/",
        account_views.password_reset_done,
        name="password_reset_done",
    ),
    path(
        "account/wachtwoord-kiezen/<uidb64>/<token>/",
        account_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "account/wachtwoord-kiezen/klaar/",
        account_views.password_reset_complete,
        name="password_reset_complete",
    ),
]

staff_patterns = [
    path("", views.municipality_home, name="municipality_home"),
    path("inwoners/", views.resident_list, name="resident_list"),
    path("inwoners/nieuw/", views.resident_create, name="resident_create"),
    path("inwoners/<int:pk>/", views.resident_detail, name="resident_detail"),
    path("inwoners/<int:pk>/wijzigen/", views.resident_edit, name="resident_edit"),
    path("instellingen/", views.municipality_settings, name="municipality_settings"),
    path("beheer/gebruikers/", membership_views.member_list, name="member_list"),
    path(
        "beheer/gebruikers/<int:pk>/intrekken/",
        membership_views.member_revoke,
        name="member_revoke",
    ),
    path("rollen/", membership_views.roles_page, name="roles"),
    path("teams/", onboarding_views.team_list, name="team_list"),
    path("teams/<int:pk>/", onboarding_views.team_detail, name="team_detail"),
    path(
        "rollen/<int:pk>/goedkeuren/",
        membership_views.invitation_approve,
        name="invitation_approve",
    ),
    path("rollen/<int:pk>/afwijzen/", membership_views.invitation_refuse, name="invitation_refuse"),
    path("beheer/audit/", views.audit_log, name="audit_log"),
    path("beheer/audit.csv", views.audit_log_csv, name="audit_log_csv"),
]

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("kies-gemeente/", views.choose_municipality, name="choose_municipality"),
    path("landelijk/", views.national_home, name="national_home"),
    path("landelijk/gemeenten/", onboarding_views.municipality_list, name="onboarding_list"),
    path("landelijk/gemeenten/<str:code>/aanmelden/", onboarding_views.onboard, name="onboard"),
    path("uitnodigingen/", membership_views.my_invitations, name="invitations"),
    path(
        "uitnodigingen/<int:pk>/aannemen/",
        membership_views.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "uitnodigingen/<int:pk>/afslaan/",
        membership_views.invitation_decline,
        name="invitation_decline",
    ),
    *account_patterns,
    path("g/<slug:municipality_slug>/", include(staff_patterns)),
]
