"""The case page and its actions: what a caseworker or coordinator does with one case.

Views are thin: they parse with ``forms.py``, read with ``queries.py``/``queue.py``, ask the
gate (``actions.available_actions``) which actions to offer and perform them with
``services.perform``.

Case actions are plain POST forms (redirect to the case page) that htmx enhances: with the
``HX-Request`` header the view answers with the case's work area only (status, actions,
timeline) and a status message for the page's aria-live region. A refused action answers 422
with the form as typed and the Dutch message; the case page configures htmx
(``responseHandling``) to swap 422 answers, so the errors show in place.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omzien.assessment.forms import AssessmentForm
from omzien.assessment.scales import INSTRUMENTS
from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.signalling.cases import actions, queries, queue, services
from omzien.signalling.cases import forms as case_forms
from omzien.signalling.cases.actions import (
    ACTION_FOR_TARGET,
    PLAIN_MOVES,
    TARGET_STATE,
    Action,
    available_actions,
)
from omzien.signalling.cases.workflow import CaseState, TransitionError
from omzien.signalling.models import Case
from omzien.signalling.referrals import queries as referral_queries
from omzien.signalling.settings import settings_of

DEFAULT_INSTRUMENT = "djg11"

#: The forms of the case page, by the name the templates and URLs use.
ACTION_FORMS = {
    "take": case_forms.TakeForm,
    "assign": case_forms.AssignForm,
    "attempt": case_forms.AttemptForm,
    "note": case_forms.NoteForm,
    "consent": case_forms.ConsentForm,
    "move": case_forms.MoveForm,
    "close": case_forms.CloseForm,
    "reopen": case_forms.ReopenForm,
}


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def offered_actions(case: Case, user) -> tuple[dict[str, bool], list[str]]:
    """Which forms the case page shows, from the gate: (form name -> shown, the targets of
    the "Status wijzigen" form)."""
    verdicts = available_actions(case, user)
    targets = [TARGET_STATE[a] for a in PLAIN_MOVES if verdicts[a].shown]
    offered = {name: verdicts[name].shown for name in ACTION_FORMS if name != "move"}
    offered["move"] = bool(targets)
    offered["assess"] = verdicts[Action.ASSESS].allowed
    return offered, targets


def _form_kwargs(name: str, request, municipality, targets: list[str]) -> dict:
    if name == "assign":
        return {"caseworkers": queries.caseworkers_of(request.user, municipality)}
    if name == "move":
        return {"targets": targets}
    return {}


def _case_forms(request, municipality, case, offered, targets, bound) -> dict:
    forms = {}
    for name, form_class in ACTION_FORMS.items():
        if bound and bound[0] == name:
            forms[name] = bound[1]
        elif offered[name]:
            initial = {"caseworker": case.caseworker_id} if name == "assign" else None
            forms[name] = form_class(
                initial=initial, **_form_kwargs(name, request, municipality, targets)
            )
    return forms


def case_context(request, municipality, case: Case, *, bound=None, live_message="") -> dict:
    """Everything the case page and its htmx partial show. ``bound`` = (name, form) of the
    action that failed, so it is shown again with what was typed."""
    user = request.user
    offered, targets = offered_actions(case, user)
    return {
        "municipality": municipality,
        "case": case,
        "codes": queue.receipt_codes([case.pk]).get(case.pk, []),
        "deadline": queue.deadline_text(case),
        "overdue": case.is_overdue(),
        "timeline": queries.case_timeline(user, municipality, case),
        "forms": _case_forms(request, municipality, case, offered, targets, bound),
        "offered": offered,
        "can_assess": offered["assess"],
        "can_view_resident": case.resident_id is not None
        and can(user, "view_resident", municipality),
        "unreachable": actions.unreachable_rule(case),
        "needs_close_note": case.urgent and case.first_contact_at is None,
        "first_contact_guide": settings_of(municipality).first_contact_guide,
        "referral_section": referral_queries.case_section(user, municipality, case),
        "live_message": live_message,
        "error_action": bound[0] if bound else "",
    }


@municipality_view("view_cases")
def case_detail(request, municipality, pk: int):
    case = queries.get_case(request.user, municipality, pk)
    return render(
        request, "signalling/staff/case_detail.html", case_context(request, municipality, case)
    )


def _done_message(name: str, data: dict) -> str:
    if name == "assign":
        return _("Het traject is toegewezen aan %(name)s.") % {
            "name": data["caseworker"].display_name
        }
    if name == "take":
        return _("U heeft het traject opgepakt. Het staat nu bij uw trajecten.")
    if name == "attempt":
        if data["reached"]:
            return _("De contactpoging is vastgelegd: de persoon is gesproken.")
        return _("De contactpoging is vastgelegd: de persoon is niet bereikt.")
    if name == "move":
        return _("De status is nu: %(state)s.") % {"state": CaseState(data["target"]).label}
    return {
        "note": _("Het gesprek is vastgelegd."),
        "consent": _("De toestemming is vastgelegd."),
        "close": _("Het traject is afgesloten."),
        "reopen": _("Het traject is heropend."),
    }[name]


def _perform(name: str, request, case: Case, data: dict) -> str:
    """Perform one form's action through the gate; returns the status message to show."""
    params = dict(data)
    action = ACTION_FOR_TARGET[params.pop("target")] if name == "move" else name
    if name == "note":
        params = {"text": data["text"]}
    services.perform(actor=request.user, case=case, action=action, **params)
    return _done_message(name, data)


def _refused(request, municipality, case: Case, name: str, form):
    """Show the form again as typed, with the reason; nothing changed."""
    case.refresh_from_db()
    context = case_context(
        request,
        municipality,
        case,
        bound=(name, form),
        live_message=_("Dit is niet gelukt. Bekijk de melding bij het formulier."),
    )
    template = (
        "signalling/staff/_case_response.html"
        if is_htmx(request)
        else "signalling/staff/case_detail.html"
    )
    return render(request, template, context, status=422)


def _case_action(name: str):
    """A POST-only view for one case action; htmx gets the partial, others a redirect."""

    def view(request, municipality, pk: int):
        case = queries.get_case(request.user, municipality, pk)
        _offered, targets = offered_actions(case, request.user)
        form_kwargs = _form_kwargs(name, request, municipality, targets)
        if name == "move":
            # Accept every plain move here; the gate explains a refusal.
            form_kwargs["targets"] = [TARGET_STATE[a] for a in PLAIN_MOVES]
        form = ACTION_FORMS[name](request.POST, **form_kwargs)
        if not form.is_valid():
            return _refused(request, municipality, case, name, form)
        try:
            message = _perform(name, request, case, form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, str(error))
            return _refused(request, municipality, case, name, form)
        if is_htmx(request):
            case.refresh_from_db()
            context = case_context(request, municipality, case, live_message=message)
            context["focus_status"] = True
            return render(request, "signalling/staff/_case_response.html", context)
        messages.success(request, message)
        return redirect("signalling:case_detail", municipality_slug=municipality.slug, pk=case.pk)

    view.__name__ = f"case_{name}"
    return view


case_take = municipality_view("work_case")(require_POST(_case_action("take")))
case_assign = municipality_view("assign_case")(require_POST(_case_action("assign")))
case_attempt = municipality_view("work_case")(require_POST(_case_action("attempt")))
case_note = municipality_view("work_case")(require_POST(_case_action("note")))
case_consent = municipality_view("work_case")(require_POST(_case_action("consent")))
case_move = municipality_view("work_case")(require_POST(_case_action("move")))
case_close = municipality_view("work_case")(require_POST(_case_action("close")))
case_reopen = municipality_view("work_case")(require_POST(_case_action("reopen")))


def _assessment_saved(request, assessment) -> None:
    if assessment.total is None:
        messages.warning(
            request,
            _("De meting is opgeslagen, maar er ontbreken te veel antwoorden voor een score."),
        )
    else:
        messages.success(
            request,
            _("De meting is opgeslagen: %(category)s.") % {"category": assessment.category},
        )


@municipality_view("work_case")
def case_assessment(request, municipality, pk: int):
    """The assessment form of the assessment app, taken within this case."""
    case = queries.get_case(request.user, municipality, pk)
    if case.resident is None or not case.is_open:
        raise Http404
    instrument = request.GET.get("instrument", DEFAULT_INSTRUMENT)
    if instrument not in INSTRUMENTS:
        raise Http404
    form = AssessmentForm(request.POST or None, instrument=instrument)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.record_case_assessment(
                    actor=request.user,
                    case=case,
                    instrument=instrument,
                    answers=form.answers(),
                    taken_on=form.cleaned_data["taken_on"],
                )
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                _assessment_saved(request, assessment)
                return redirect(
                    "signalling:case_detail", municipality_slug=municipality.slug, pk=case.pk
                )
        status = 422
    context = {
        "municipality": municipality,
        "case": case,
        "resident": case.resident,
        "form": form,
        "instrument": INSTRUMENTS[instrument],
        "instruments": INSTRUMENTS.values(),
    }
    return render(request, "signalling/staff/case_assessment.html", context, status=status)
