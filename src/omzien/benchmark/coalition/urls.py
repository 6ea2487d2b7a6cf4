"""Routes of the benchmark app's coalition part (issue 12): ``patterns`` go under
``/g/<municipality_slug>/``, ``national_patterns`` under the site root (paths start with
``landelijk/``)."""

from django.urls import path

from omzien.benchmark.coalition import national, views

patterns: list = [
    path("coalitie/", views.coalition_overview, name="coalition"),
    path("coalitie/nieuw/", views.member_create, name="coalition_member_create"),
    path("coalitie/kartrekker/", views.kartrekker_edit, name="coalition_kartrekker"),
    path("coalitie/<int:pk>/", views.member_edit, name="coalition_member_edit"),
    path("coalitie-activiteiten/nieuw/", views.activity_create, name="coalition_activity_create"),
    path("coalitie-activiteiten/<int:pk>/", views.activity_edit, name="coalition_activity_edit"),
    path("samenwerkingen/nieuw/", views.participation_create, name="participation_create"),
    path("samenwerkingen/<int:pk>/", views.participation_edit, name="participation_edit"),
]
national_patterns: list = [
    path("landelijk/partnerschappen/", national.partnership_list, name="partnership_list"),
    path(
        "landelijk/partnerschappen/nieuw/",
        national.partnership_create,
        name="partnership_create",
    ),
    path("landelijk/partnerschappen/<int:pk>/", national.partnership_edit, name="partnership_edit"),
]
