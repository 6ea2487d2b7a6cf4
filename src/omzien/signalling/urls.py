"""The pages of the signalling point, namespace ``signalling`` (the API: ``api/urls.py``).

Public pages (no login) live under /melden/ and /status/; staff and reporter pages under
/g/<municipality_slug>/ (``core.permissions.municipality_view`` resolves the slug).
"""

from django.urls import include, path

from omzien.signalling.cases import lists, views
from omzien.signalling.intake import phone
from omzien.signalling.privacy import views as privacy
from omzien.signalling.public import self_referral, signal_form, status
from omzien.signalling.referrals.urls import urlpatterns as referral_patterns
from omzien.signalling.setup import views as setup
from omzien.signalling.whatworks import views as whatworks

app_name = "signalling"

public_patterns = [
    path("melden/<slug:municipality_slug>/", signal_form.signal_form, name="signal_form"),
    path(
        "melden/<slug:municipality_slug>/ontvangen/",
        signal_form.signal_received,
        name="signal_received",
    ),
    path(
        "melden/<slug:municipality_slug>/zelf/", self_referral.self_referral, name="self_referral"
    ),
    path(
        "melden/<slug:municipality_slug>/p/<str:token>/",
        signal_form.partner_signal_form,
        name="partner_signal_form",
    ),
    path("status/", status.status_lookup, name="signal_status"),
    path("status/<str:code>/", status.status_detail, name="signal_status_detail"),
]

reporter_patterns = [
    path("melden/", signal_form.reporter_signal_form, name="reporter_signal_form"),
    path(
        "melden/ontvangen/", signal_form.reporter_signal_received, name="reporter_signal_received"
    ),
    path("mijn-meldingen/", status.reporter_signals, name="reporter_signals"),
]

case_patterns = [
    path("meldingen/", lists.case_queue, name="case_queue"),
    path("meldingen/nieuw/", phone.phone_signal, name="phone_signal"),
    path("meldingen/overzicht/", lists.signalling_overview, name="overview"),
    path("meldingen/overzicht/toewijzen/", lists.overview_assign, name="overview_assign"),
    path("meldingen/<int:pk>/", views.case_detail, name="case_detail"),
    path("meldingen/<int:pk>/oppakken/", views.case_take, name="case_take"),
    path("meldingen/<int:pk>/toewijzen/", views.case_assign, name="case_assign"),
    path("meldingen/<int:pk>/contactpoging/", views.case_attempt, name="case_attempt"),
    path("meldingen/<int:pk>/gesprek/", views.case_note, name="case_note"),
    path("meldingen/<int:pk>/toestemming/", views.case_consent, name="case_consent"),
    path("meldingen/<int:pk>/status/", views.case_move, name="case_move"),
    path("meldingen/<int:pk>/afsluiten/", views.case_close, name="case_close"),
    path("meldingen/<int:pk>/heropenen/", views.case_reopen, name="case_reopen"),
    path("meldingen/<int:pk>/meting/", views.case_assessment, name="case_assessment"),
]

setup_patterns = [
    path("signaalpunt/", setup.signalling_setup, name="setup"),
    path("signaalpunt/open/", setup.signalling_live, name="setup_live"),
    path("signaalpunt/sleutels/<int:pk>/intrekken/", setup.api_key_revoke, name="api_key_revoke"),
    path(
        "signaalpunt/links/<int:pk>/intrekken/",
        setup.partner_link_revoke,
        name="partner_link_revoke",
    ),
]

privacy_patterns = [
    path("inwoners/<int:pk>/inzage/", privacy.resident_export, name="resident_export"),
    path(
        "inwoners/<int:pk>/inzage.json", privacy.resident_export_json, name="resident_export_json"
    ),
    path("inwoners/<int:pk>/wissen/", privacy.resident_erase, name="resident_erase"),
]

whatworks_patterns = [
    path("wat-werkt/", whatworks.what_works, name="what_works"),
    path("wat-werkt.csv", whatworks.what_works_csv, name="what_works_csv"),
]

urlpatterns = [
    *public_patterns,
    path(
        "g/<slug:municipality_slug>/",
        include(
            reporter_patterns
            + case_patterns
            + referral_patterns
            + setup_patterns
            + privacy_patterns
        ),
    ),
    path("g/<slug:municipality_slug>/", include(whatworks_patterns)),
]
