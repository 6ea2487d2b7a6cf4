"""The pages of referrals (issue 9): a case's needs, the match page, the refer form and one
referral with its steps and follow-up. Thin: parse with ``forms.py``, read with
``queries.py``, write with ``services.py`` (referring goes through the one gate)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.core.permissions import municipality_view
from omzien.signalling.cases import queries as case_queries
from omzien.signalling.cases.actions import Action, verdict
from omzien.signalling.cases.workflow import CaseState, TransitionError
from omzien.signalling.referrals import forms, queries, services
from omzien.signalling.referrals.states import NEVER_BEGAN, REFERRAL_MOVES


def _open_case(request, municipality, pk: int):
    case = case_queries.get_case(request.user, municipality, pk)
    if case.resident is None:
        raise Http404  # erased: nothing to match or refer
    return case


def refer_verdict(case, user):
    """May the user refer this case now (first referral or another one)?"""
    action = Action.REFER_AGAIN if case.state == CaseState.REFERRED else Action.REFER
    return verdict(case, user, action)


def _back_to_case(municipality, case):
    return redirect("signalling:case_detail", municipality_slug=municipality.slug, pk=case.pk)


@municipality_view("work_case")
def case_needs(request, municipality, pk: int):
    """Interests, barriers and wishes of the resident (used by the match page)."""
    case = _open_case(request, municipality, pk)
    needs = queries.needs_of(request.user, municipality, case)
    initial = None
    if needs is not None:
        initial = {
            "interests": needs.interests,
            "interests_text": needs.interests_text,
            "barriers": needs.barriers,
            "wishes": needs.wishes,
        }
    form = forms.NeedsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_needs(actor=request.user, case=case, **form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("De wensen en belemmeringen zijn vastgelegd."))
                return redirect(
                    "signalling:case_matches", municipality_slug=municipality.slug, pk=case.pk
                )
        status = 422
    context = {"municipality": municipality, "case": case, "form": form}
    return render(request, "signalling/referrals/needs.html", context, status=status)


@municipality_view("work_case")
def case_matches(request, municipality, pk: int):
    """The top ten initiatives for this resident, with their reasons in words."""
    case = _open_case(request, municipality, pk)
    basis = queries.match_basis(request.user, municipality, case)
    context = {
        "municipality": municipality,
        "case": case,
        "basis": basis,
        "matches": queries.matches(municipality, basis),
        "refer": refer_verdict(case, request.user),
        "referred_ids": {
            r.initiative_id for r in queries.case_referrals(request.user, municipality, case)
        },
    }
    return render(request, "signalling/referrals/matches.html", context)


def _refer_message(referral, share) -> str:
    initiative = referral.initiative
    done = _("Verwezen naar %(name)s.") % {"name": initiative.name}
    if not share:
        return (
            done
            + " "
            + _("U heeft niets aangevinkt om te delen: er gaat geen e-mail naar het initiatief.")
        )
    if not initiative.contact_email:
        return (
            done
            + " "
            + _("Dit initiatief heeft geen e-mailadres: neem zelf contact op (%(phone)s).")
            % {"phone": initiative.contact_phone or _("zie de sociale kaart")}
        )
    return done + " " + _("De warme overdracht gaat per e-mail naar het initiatief.")


@municipality_view("work_case")
def case_refer(request, municipality, pk: int):
    """Refer to an initiative (``?initiatief=<id>`` chooses it): what the resident allows to
    share, and the date."""
    case = _open_case(request, municipality, pk)
    chosen = request.GET.get("initiatief", "")
    form = forms.ReferForm(
        request.POST or None,
        initiatives=queries.referable_initiatives(request.user, municipality),
        initial={"initiative": chosen} if chosen.isdigit() else None,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = services.refer(actor=request.user, case=case, **data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _refer_message(referral, data["share"]))
                return _back_to_case(municipality, case)
        status = 422
    context = {
        "municipality": municipality,
        "case": case,
        "form": form,
        "refer": refer_verdict(case, request.user),
    }
    return render(request, "signalling/referrals/refer.html", context, status=status)


def _referral_page(request, municipality, referral, *, bound=None, status=200):
    """One referral: its steps, the form for the next one and the follow-up."""
    case = case_queries.get_case(request.user, municipality, referral.case_id)
    user = request.user
    move_form = follow_up_form = None
    if REFERRAL_MOVES[referral.state]:
        move_form = forms.ReferralMoveForm(referral=referral)
    if referral.state not in NEVER_BEGAN:
        follow_up_form = forms.FollowUpForm()
    if bound and bound[0] == "move":
        move_form = bound[1]
    elif bound:
        follow_up_form = bound[1]
    can_update = verdict(case, user, Action.REFERRAL_UPDATE).allowed
    context = {
        "municipality": municipality,
        "case": case,
        "referral": referral,
        "move_form": move_form if can_update else None,
        "follow_up_form": follow_up_form if can_update else None,
        "due": referral.followed_up_on is None and referral.follow_up_on <= timezone.localdate(),
        "can_assess": verdict(case, user, Action.ASSESS).allowed,
        "error_form": bound[0] if bound else "",
    }
    return render(request, "signalling/referrals/referral.html", context, status=status)


@municipality_view("work_case")
def referral_detail(request, municipality, pk: int):
    referral = queries.get_referral(request.user, municipality, pk)
    return _referral_page(request, municipality, referral)


def _referral_done(municipality, referral):
    return redirect(
        "signalling:referral_detail", municipality_slug=municipality.slug, pk=referral.pk
    )


@municipality_view("work_case")
@require_POST
def referral_move(request, municipality, pk: int):
    referral = queries.get_referral(request.user, municipality, pk)
    form = forms.ReferralMoveForm(request.POST, referral=referral)
    if form.is_valid():
        try:
            services.move_referral(actor=request.user, referral=referral, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De stand van de verwijzing is bijgewerkt."))
            return _referral_done(municipality, referral)
    return _referral_page(request, municipality, referral, bound=("move", form), status=422)


@municipality_view("work_case")
@require_POST
def referral_follow_up(request, municipality, pk: int):
    referral = queries.get_referral(request.user, municipality, pk)
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_referral(actor=request.user, referral=referral, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De opvolging is vastgelegd."))
            return _referral_done(municipality, referral)
    return _referral_page(request, municipality, referral, bound=("follow_up", form), status=422)
