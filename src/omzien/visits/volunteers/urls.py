"""Routes of the round's volunteers (issue 11); included by visits/urls.py."""

from django.urls import path

from omzien.visits.volunteers import views

patterns = [
    path("vrijwilligers/", views.volunteer_list, name="volunteer_list"),
    path("vrijwilligers/nieuw/", views.volunteer_create, name="volunteer_create"),
    path("vrijwilligers/<int:pk>/", views.volunteer_edit, name="volunteer_edit"),
    path("vrijwilligers/<int:pk>/overdragen/", views.volunteer_handover, name="volunteer_handover"),
    path("huisbezoeken/<int:pk>/verdelen/", views.round_distribute, name="round_distribute"),
    path(
        "huisbezoek-adressen/<int:pk>/toewijzen/", views.address_reassign, name="address_reassign"
    ),
    path("mijn-gegevens/", views.my_record, name="my_volunteer_record"),
]
