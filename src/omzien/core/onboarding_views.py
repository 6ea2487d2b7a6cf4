"""Screens of onboarding (issue 8): the programme team's list of municipalities with their
first coordinator, and the form that invites the first coordinator and admin; the
coordinator's teams page (``core/teams.py``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.core import onboarding, teams
from omzien.core.models import District, Membership, Municipality, Organisation, Team
from omzien.core.permissions import municipality_view
from omzien.core.roles import Role


class OnboardForm(forms.Form):
    coordinator_first_name = forms.CharField(
        label=gettext_lazy("Voornaam kartrekker"), max_length=150
    )
    coordinator_last_name = forms.CharField(
        label=gettext_lazy("Achternaam kartrekker"), max_length=150
    )
    coordinator_email = forms.EmailField(
        label=gettext_lazy("E-mailadres kartrekker"), max_length=254
    )
    admin_first_name = forms.CharField(
        label=gettext_lazy("Voornaam functioneel beheerder"), max_length=150, required=False
    )
    admin_last_name = forms.CharField(
        label=gettext_lazy("Achternaam functioneel beheerder"), max_length=150, required=False
    )
    admin_email = forms.EmailField(
        label=gettext_lazy("E-mailadres functioneel beheerder"),
        max_length=254,
        required=False,
        help_text=gettext_lazy("Mag leeg blijven; de kartrekker kan later iemand uitnodigen."),
    )

    def people(self) -> tuple[onboarding.Person, onboarding.Person | None]:
        data = self.cleaned_data
        coordinator = onboarding.Person(
            data["coordinator_email"], data["coordinator_first_name"], data["coordinator_last_name"]
        )
        admin = None
        if data.get("admin_email"):
            admin = onboarding.Person(
                data["admin_email"], data["admin_first_name"], data["admin_last_name"]
            )
        return coordinator, admin


def _programme_only(request) -> None:
    if not onboarding.may_onboard(request.user):
        raise PermissionDenied


@login_required
def municipality_list(request):
    """All municipalities, whether they have a coordinator (onboarded) or not."""
    _programme_only(request)
    search = request.GET.get("q", "").strip()[:100]
    coordinators = Membership.objects.filter(municipality=OuterRef("pk"), role=Role.COORDINATOR)
    municipalities = Municipality.objects.annotate(onboarded=Exists(coordinators)).order_by("name")
    if search:
        municipalities = municipalities.filter(Q(name__icontains=search) | Q(code__iexact=search))
    page = Paginator(municipalities, 50).get_page(request.GET.get("pagina"))
    return render(request, "core/onboarding_list.html", {"page": page, "search": search})


@login_required
def onboard(request, code: str):
    _programme_only(request)
    municipality = get_object_or_404(Municipality, code=code)
    form = OnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        coordinator, admin = form.people()
        try:
            onboarding.onboard_municipality(
                actor=request.user,
                municipality=municipality,
                coordinator=coordinator,
                admin=admin,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is aangemeld. De uitnodigingen zijn verstuurd.")
                % {"name": municipality.name},
            )
            return redirect("core:onboarding_list")
    return render(
        request,
        "core/onboarding_form.html",
        {
            "municipality": municipality,
            "form": form,
            "done": onboarding.has_coordinator(municipality),
        },
        status=422 if form.errors else 200,
    )


# --- The coordinator's teams ---------------------------------------------------------------


class TeamForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam van het team"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("Een nieuwe organisatie (vul hieronder de naam in)"),
    )
    new_organisation = forms.CharField(
        label=gettext_lazy("Naam van de nieuwe organisatie"), max_length=200, required=False
    )

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality=municipality
        ).order_by("name")


@municipality_view("manage_teams")
def team_list(request, municipality):
    form = TeamForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        try:
            team = teams.create_team(
                actor=request.user, municipality=municipality, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is gemaakt.") % {"name": team.name})
            return redirect("core:team_detail", municipality_slug=municipality.slug, pk=team.pk)
    all_teams = (
        Team.objects.visible_to(request.user, municipality)
        .select_related("organisation")
        .prefetch_related("districts", "membership_set")
        .order_by("name")
    )
    return render(
        request,
        "core/team_list.html",
        {"municipality": municipality, "teams": all_teams, "form": form},
        status=422 if form.errors else 200,
    )


@municipality_view("manage_teams")
def team_detail(request, municipality, pk: int):
    team = get_object_or_404(Team.objects.visible_to(request.user, municipality), pk=pk)
    districts = District.objects.filter(municipality=municipality).prefetch_related("teams")
    districts = districts.order_by("name")
    members = (
        Membership.objects.visible_to(request.user, municipality)
        .filter(role__in=teams.TEAM_ROLES)
        .select_related("user", "team")
        .order_by("user__first_name", "user__last_name")
    )
    if request.method == "POST" and request.POST.get("onderdeel") == "wijken":
        chosen = districts.filter(pk__in=request.POST.getlist("wijk"))
        teams.set_team_districts(actor=request.user, team=team, districts=chosen)
        messages.success(request, _("De wijken van het team zijn opgeslagen."))
        return redirect("core:team_detail", municipality_slug=municipality.slug, pk=team.pk)
    if request.method == "POST" and request.POST.get("onderdeel") == "leden":
        chosen = {int(v) for v in request.POST.getlist("lid") if v.isdigit()}
        for membership in members:
            wanted = team if membership.pk in chosen else None
            if membership.team_id == team.pk or wanted is not None:
                teams.set_member_team(actor=request.user, membership=membership, team=wanted)
        messages.success(request, _("De leden van het team zijn opgeslagen."))
        return redirect("core:team_detail", municipality_slug=municipality.slug, pk=team.pk)
    return render(
        request,
        "core/team_detail.html",
        {"municipality": municipality, "team": team, "districts": districts, "members": members},
    )
