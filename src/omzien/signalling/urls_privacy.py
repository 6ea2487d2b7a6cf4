"""Residents' rights (inzage, erasure on request), mounted under /g/<municipality_slug>/."""

from django.urls import path

from omzien.signalling import views_privacy as views

urlpatterns = [
    path("inwoners/<int:pk>/inzage/", views.resident_export, name="resident_export"),
    path("inwoners/<int:pk>/inzage.json", views.resident_export_json, name="resident_export_json"),
    path("inwoners/<int:pk>/wissen/", views.resident_erase, name="resident_erase"),
]
