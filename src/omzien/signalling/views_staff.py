"""Staff screens of the signalling point: queue, case page, phone intake, overview, setup.

Views are thin: they parse with ``forms_staff``, read with ``queries``/``queries_staff`` and
write with ``services``/``services_setup``/``services_staff``.

Case actions are plain POST forms (redirect to the case page) that htmx enhances: with the
``HX-Request`` header the view answers with the case's work area only (status, actions,
timeline) and a status message for the page's aria-live region. A refused action answers 422
with the form as typed and the Dutch message; the case page configures htmx
(``responseHandling``) to swap 422 answers, so the errors show in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from omzien.assessment.forms import AssessmentForm
from omzien.assessment.scales import INSTRUMENTS
from omzien.core.models import Organisation, Team
from omzien.core.navigation import register
from omzien.core.permissions import municipality_view
from omzien.core.scoping import can
from omzien.signalling import forms_staff, queries, queries_staff, services, services_setup
from omzien.signalling.models import ApiKey, Case, PartnerLink, SignallingSettings
from omzien.signalling.services_staff import record_case_assessment
from omzien.signalling.workflow import CaseState, TransitionError, allowed_moves

PAGE_SIZE = 25
DEFAULT_INSTRUMENT = "djg11"

URGENT_TEXT = gettext_lazy(
    "Let op: deze melding wijst mogelijk op acuut gevaar of gedachten aan zelfdoding. "
    "Is er direct gevaar? Bel 112. Denkt iemand aan zelfdoding? Bel 113 Zelfmoordpreventie "
    "op 0800-0113 (gratis, dag en nacht) of ga naar 113.nl. De kartrekker krijgt direct "
    "een e-mail."
)


def register_navigation() -> None:
    """The menu entries of the signalling point (idempotent; called from apps.py)."""
    register(gettext_lazy("Meldingen"), "case_queue", "view_cases", 10)
    register(gettext_lazy("Overzicht"), "signalling_overview", "assign_case", 30)
    register(gettext_lazy("Signaalpunt instellen"), "signalling_setup", "manage_routing", 85)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- The queue -------------------------------------------------------------------------------


@dataclass
class QueueRow:
    case: Case
    codes: list[str]
    deadline: str
    overdue: bool


@municipality_view("view_cases")
def case_queue(request, municipality):
    user = request.user
    tabs = queries_staff.tabs_for(user, municipality)
    tab = request.GET.get("lijst", queries_staff.TAB_ALL)
    if tab not in tabs:
        tab = queries_staff.TAB_ALL
    search = request.GET.get("q", "").strip()[:100]
    match = queries_staff.search_filter(user, municipality, search) if search else None
    page, shown = queries_staff.queue_page(
        user,
        municipality,
        tab=tab,
        match=match,
        number=request.GET.get("pagina"),
        per_page=PAGE_SIZE,
    )
    queries_staff.audit_case_page(user, municipality, shown)
    codes = queries_staff.receipt_codes([c.pk for c in shown])
    now = timezone.now()
    rows = [
        QueueRow(
            case=c,
            codes=codes.get(c.pk, []),
            deadline=queries_staff.deadline_text(c, now),
            overdue=c.is_overdue(now),
        )
        for c in shown
    ]
    counts = queries_staff.tab_counts(user, municipality, tabs, match=match)
    return render(
        request,
        "signalling/staff/queue.html",
        {
            "municipality": municipality,
            "tabs": [(t, queries_staff.TAB_LABELS[t], counts.get(t, 0)) for t in tabs],
            "tab": tab,
            "tab_label": queries_staff.TAB_LABELS[tab],
            "search": search,
            "page": page,
            "rows": rows,
            "can_intake": can(user, "work_case", municipality),
        },
    )


# --- The case page -----------------------------------------------------------------------------

ACTION_FORMS = {
    "assign": forms_staff.AssignForm,
    "attempt": forms_staff.AttemptForm,
    "note": forms_staff.NoteForm,
    "consent": forms_staff.ConsentForm,
    "move": forms_staff.MoveForm,
    "close": forms_staff.CloseForm,
    "reopen": forms_staff.ReopenForm,
}


def _form_kwargs(name: str, request, municipality, case: Case) -> dict:
    if name == "assign":
        return {"caseworkers": queries_staff.caseworkers_of(request.user, municipality)}
    if name == "move":
        return {"state": case.state}
    return {}


def _case_context(request, municipality, case: Case, *, bound=None, live_message="") -> dict:
    """Everything the case page and its htmx partial show. ``bound`` = (name, form) of the
    action that failed, so it is shown again with what was typed."""
    user = request.user
    state = case.state
    is_open = state != CaseState.CLOSED
    allowed = allowed_moves(state)
    can_work = can(user, "work_case", municipality)
    offered = {
        "assign": is_open and can(user, "assign_case", municipality),
        "attempt": can_work and state not in (CaseState.NEW, CaseState.CLOSED),
        "note": can_work,
        "consent": can_work and is_open,
        "move": can_work and bool(forms_staff.move_choices(state)),
        "close": can_work and CaseState.CLOSED in allowed,
        "reopen": can_work and CaseState.REOPENED in allowed and not case.personal_data_erased_at,
    }
    forms = {}
    for name, form_class in ACTION_FORMS.items():
        if bound and bound[0] == name:
            forms[name] = bound[1]
        elif offered[name]:
            initial = {"caseworker": case.caseworker_id} if name == "assign" else None
            forms[name] = form_class(
                initial=initial, **_form_kwargs(name, request, municipality, case)
            )
    failed = queries_staff.failed_attempt_count(case)
    return {
        "municipality": municipality,
        "case": case,
        "codes": queries_staff.receipt_codes([case.pk]).get(case.pk, []),
        "deadline": queries_staff.deadline_text(case),
        "overdue": case.is_overdue(),
        "timeline": queries_staff.case_timeline(user, municipality, case),
        "forms": forms,
        "offered": offered,
        "can_assess": (
            can_work
            and is_open
            and case.resident_id is not None
            and can(user, "assess_resident", municipality)
            and services.has_consent(case)
        ),
        "can_view_resident": case.resident_id is not None
        and can(user, "view_resident", municipality),
        "failed_attempts": failed,
        "attempts_needed": municipality.unreachable_attempts,
        "live_message": live_message,
        "error_action": bound[0] if bound else "",
    }


@municipality_view("view_cases")
def case_detail(request, municipality, pk: int):
    case = queries.get_case(request.user, municipality, pk)
    return render(
        request, "signalling/staff/case_detail.html", _case_context(request, municipality, case)
    )


def _perform(name: str, request, case: Case, data: dict) -> str:
    """Call the service of one action; returns the status message to show."""
    user = request.user
    if name == "assign":
        services.assign_case(actor=user, case=case, caseworker=data["caseworker"])
        return _("Het traject is toegewezen aan %(name)s.") % {
            "name": data["caseworker"].display_name
        }
    if name == "attempt":
        services.log_attempt(
            actor=user,
            case=case,
            method=data["method"],
            reached=data["reached"],
            note=data["note"],
        )
        if data["reached"]:
            return _("De contactpoging is vastgelegd: de persoon is gesproken.")
        return _("De contactpoging is vastgelegd: de persoon is niet bereikt.")
    if name == "note":
        services.add_note(actor=user, case=case, text=data["text"])
        return _("Het gesprek is vastgelegd.")
    if name == "consent":
        services.record_consent(
            actor=user, case=case, scope=data["scope"], how=data["how"], given_at=data["given_at"]
        )
        return _("De toestemming is vastgelegd.")
    if name == "move":
        services.move_case(actor=user, case=case, target=data["target"], note=data["note"])
        return _("De status is nu: %(state)s.") % {"state": CaseState(data["target"]).label}
    if name == "close":
        services.close_case(actor=user, case=case, outcome=data["outcome"], note=data["note"])
        return _("Het traject is afgesloten.")
    if name == "reopen":
        services.reopen_case(actor=user, case=case, note=data["note"])
        return _("Het traject is heropend.")
    raise Http404


def _case_action(name: str):
    """A POST-only view for one case action; htmx gets the partial, others a redirect."""

    def view(request, municipality, pk: int):
        case = queries.get_case(request.user, municipality, pk)
        form = ACTION_FORMS[name](request.POST, **_form_kwargs(name, request, municipality, case))
        if form.is_valid():
            try:
                message = _perform(name, request, case, form.cleaned_data)
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                if _is_htmx(request):
                    case.refresh_from_db()
                    context = _case_context(request, municipality, case, live_message=message)
                    context["focus_status"] = True
                    return render(request, "signalling/staff/_case_response.html", context)
                messages.success(request, message)
                return redirect("case_detail", municipality_slug=municipality.slug, pk=case.pk)
        # Refused: show the form again as typed, with the reason, and nothing changed.
        case.refresh_from_db()
        context = _case_context(
            request,
            municipality,
            case,
            bound=(name, form),
            live_message=_("Dit is niet gelukt. Bekijk de melding bij het formulier."),
        )
        template = (
            "signalling/staff/_case_response.html"
            if _is_htmx(request)
            else "signalling/staff/case_detail.html"
        )
        return render(request, template, context, status=422)

    view.__name__ = f"case_{name}"
    return view


case_assign = municipality_view("assign_case")(require_POST(_case_action("assign")))
case_attempt = municipality_view("work_case")(require_POST(_case_action("attempt")))
case_note = municipality_view("work_case")(require_POST(_case_action("note")))
case_consent = municipality_view("work_case")(require_POST(_case_action("consent")))
case_move = municipality_view("work_case")(require_POST(_case_action("move")))
case_close = municipality_view("work_case")(require_POST(_case_action("close")))
case_reopen = municipality_view("work_case")(require_POST(_case_action("reopen")))


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
                assessment = record_case_assessment(
                    actor=request.user,
                    case=case,
                    instrument=instrument,
                    answers=form.answers(),
                    taken_on=form.cleaned_data["taken_on"],
                )
            except TransitionError as error:
                form.add_error(None, str(error))
            else:
                if assessment.total is None:
                    messages.warning(
                        request,
                        _(
                            "De meting is opgeslagen, maar er ontbreken te veel antwoorden voor "
                            "een score."
                        ),
                    )
                else:
                    messages.success(
                        request,
                        _("De meting is opgeslagen: %(category)s.")
                        % {"category": assessment.category},
                    )
                return redirect("case_detail", municipality_slug=municipality.slug, pk=case.pk)
        status = 422
    return render(
        request,
        "signalling/staff/case_assessment.html",
        {
            "municipality": municipality,
            "case": case,
            "resident": case.resident,
            "form": form,
            "instrument": INSTRUMENTS[instrument],
            "instruments": INSTRUMENTS.values(),
        },
        status=status,
    )


# --- Phone intake ------------------------------------------------------------------------------


@municipality_view("work_case")
def case_intake(request, municipality):
    form = forms_staff.IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.submit_signal(
            actor=request.user,
            municipality=municipality,
            channel=form.cleaned_data["channel"],
            data=form.signal_input(),
        )
        code = result.signal.receipt_code
        if result.urgent:
            messages.error(request, URGENT_TEXT)
        if result.joined_existing_case:
            messages.success(
                request,
                _("Melding %(code)s is opgeslagen en toegevoegd aan het lopende traject.")
                % {"code": code},
            )
        else:
            messages.success(
                request, _("Melding %(code)s is opgeslagen als nieuw traject.") % {"code": code}
            )
        visible = Case.objects.visible_to(request.user, municipality).filter(pk=result.case.pk)
        if visible.exists():
            return redirect("case_detail", municipality_slug=municipality.slug, pk=result.case.pk)
        messages.info(
            request,
            _("Het traject valt buiten uw wijken of team; de kartrekker of het team pakt het op."),
        )
        return redirect("case_queue", municipality_slug=municipality.slug)
    return render(
        request,
        "signalling/staff/intake.html",
        {"municipality": municipality, "form": form},
        status=422 if form.errors else 200,
    )


# --- The coordinator's overview -----------------------------------------------------------------


@municipality_view("assign_case")
def signalling_overview(request, municipality):
    data = queries_staff.overview(request.user, municipality)
    shown = {c.pk for c in data.overdue} | {c.pk for c in data.unassigned}
    now = timezone.now()
    codes = queries_staff.receipt_codes(sorted(shown))

    def rows(cases):
        return [
            QueueRow(
                case=c,
                codes=codes.get(c.pk, []),
                deadline=queries_staff.deadline_text(c, now),
                overdue=c.is_overdue(now),
            )
            for c in cases
        ]

    return render(
        request,
        "signalling/staff/overview.html",
        {
            "municipality": municipality,
            "overview": data,
            "overdue_rows": rows(data.overdue),
            "unassigned_rows": rows(data.unassigned),
        },
    )


# --- Setup --------------------------------------------------------------------------------------

SETUP_SECTIONS = ("routering", "teksten", "sleutel", "link")


def _organisations(request, municipality) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(request.user, municipality).order_by("name")


@municipality_view("manage_routing")
def signalling_setup(request, municipality):
    """Routing table, reporter texts, partners' API keys and links: one page, four forms."""
    user = request.user
    table = queries_staff.routing_table(user, municipality)
    teams = Team.objects.visible_to(user, municipality).order_by("name")
    organisations = _organisations(request, municipality)
    settings_obj = SignallingSettings.for_municipality(municipality)
    section = request.POST.get("onderdeel") if request.method == "POST" else None
    if request.method == "POST" and section not in SETUP_SECTIONS:
        section = None

    def bound(name):
        return request.POST if section == name else None

    routing_form = forms_staff.RoutingForm(bound("routering"), table=table, teams=teams)
    texts_form = forms_staff.ReporterTextsForm(bound("teksten"), instance=settings_obj)
    key_form = forms_staff.ApiKeyForm(bound("sleutel"), organisations=organisations)
    link_form = forms_staff.PartnerLinkForm(bound("link"), organisations=organisations)
    issued_key = issued_link = None
    status = 200
    slug = municipality.slug

    if section == "routering" and routing_form.is_valid():
        changed = services_setup.set_routing(
            actor=user, municipality=municipality, routing=routing_form.routing()
        )
        messages.success(
            request,
            _("De verdeling over de teams is opgeslagen (%(n)d wijken gewijzigd).")
            % {"n": len(changed)},
        )
        return redirect(reverse("signalling_setup", kwargs={"municipality_slug": slug}))
    if section == "teksten" and texts_form.is_valid():
        services_setup.update_reporter_texts(
            actor=user, municipality=municipality, values=texts_form.cleaned_data
        )
        messages.success(request, _("De teksten zijn opgeslagen."))
        return redirect(
            reverse("signalling_setup", kwargs={"municipality_slug": slug}) + "#teksten"
        )
    if section == "sleutel" and key_form.is_valid():
        try:
            issued_key = services_setup.create_api_key(
                actor=user,
                organisation=key_form.cleaned_data["organisation"],
                name=key_form.cleaned_data["name"],
            )
        except services_setup.SetupError as error:
            key_form.add_error(None, str(error))
        else:
            key_form = forms_staff.ApiKeyForm(organisations=organisations)
    if section == "link" and link_form.is_valid():
        issued = services_setup.create_partner_link(
            actor=user, organisation=link_form.cleaned_data["organisation"]
        )
        issued_link = {
            "record": issued.record,
            "url": request.build_absolute_uri(
                services_setup.partner_link_path(municipality, issued.secret)
            ),
        }
        link_form = forms_staff.PartnerLinkForm(organisations=organisations)
    if section and (issued_key is None and issued_link is None):
        # Only failed forms get here: the successful ones redirected or issued a secret.
        status = 422
    if request.method == "POST" and section is None:
        status = 400

    response = render(
        request,
        "signalling/staff/setup.html",
        {
            "municipality": municipality,
            "routing_form": routing_form,
            "texts_form": texts_form,
            "key_form": key_form,
            "link_form": link_form,
            "issued_key": issued_key,
            "issued_link": issued_link,
            "api_keys": ApiKey.objects.visible_to(user, municipality)
            .select_related("organisation")
            .order_by("revoked_at", "-created_at"),
            "partner_links": PartnerLink.objects.visible_to(user, municipality)
            .select_related("organisation")
            .order_by("revoked_at", "-created_at"),
            "can_texts": can(user, "manage_texts", municipality),
            "can_partners": can(user, "manage_partners", municipality),
            "has_teams": teams.exists(),
        },
        status=status,
    )
    if issued_key or issued_link:
        # The secret is in this page only: never keep a copy in a cache.
        response["Cache-Control"] = "no-store"
    return response


@municipality_view("manage_partners")
@require_POST
def api_key_revoke(request, municipality, pk: int):
    api_key = get_object_or_404(ApiKey.objects.visible_to(request.user, municipality), pk=pk)
    services_setup.revoke_api_key(actor=request.user, api_key=api_key)
    messages.success(
        request, _("De sleutel %(prefix)s… is ingetrokken.") % {"prefix": api_key.prefix}
    )
    return redirect(
        reverse("signalling_setup", kwargs={"municipality_slug": municipality.slug}) + "#sleutels"
    )


@municipality_view("manage_partners")
@require_POST
def partner_link_revoke(request, municipality, pk: int):
    link = get_object_or_404(PartnerLink.objects.visible_to(request.user, municipality), pk=pk)
    services_setup.revoke_partner_link(actor=request.user, link=link)
    messages.success(request, _("De partnerlink is ingetrokken."))
    return redirect(
        reverse("signalling_setup", kwargs={"municipality_slug": municipality.slug}) + "#links"
    )


def resident_cases_section(request, municipality, resident):
    """On the resident page: every case about this resident the user may see, closed ones
    too, so a closed case can be found and reopened."""
    from omzien.signalling.models import Case

    cases = (
        Case.objects.visible_to(request.user, municipality)
        .filter(resident=resident)
        .prefetch_related("signals")
        .order_by("-created_at")
    )
    return (
        "signalling/staff/resident_cases.html",
        {"cases": list(cases), "municipality": municipality},
    )
