"""The coordinator's letter pages: plan a round, download letters (one, a batch part) and the
"niet thuis" cards, confirm a batch was posted. Every download of personal data is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from omzien.core import audit
from omzien.core.permissions import municipality_view
from omzien.visits.letters import compose, planning, queries, services
from omzien.visits.letters.pdf import cards_pdf, letters_pdf
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
from omzien.visits.settings import settings_of

ACTION = "manage_visit_rounds"


def _round(request, municipality, pk) -> VisitRound:
    return get_object_or_404(VisitRound.objects.visible_to(request.user, municipality), pk=pk)


def _back(municipality, round) -> HttpResponse:
    return redirect("visits:round_detail", municipality_slug=municipality.slug, pk=round.pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _no_letter(request, municipality, round, reason: str, status: int = 200):
    return render(
        request,
        "visits/letters/no_letter.html",
        {"municipality": municipality, "round": round, "reason": reason},
        status=status,
    )


@municipality_view(ACTION)
@require_POST
def plan(request, municipality, pk: int):
    round = _round(request, municipality, pk)
    try:
        result = planning.plan_round(request.user, round)
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return _back(municipality, round)
    messages.success(
        request,
        ngettext("%(n)d bezoek ingepland.", "%(n)d bezoeken ingepland.", result.planned)
        % {"n": result.planned},
    )
    for count, one, many in (
        (result.not_fitting, _("%(n)d adres past niet in de periode van de ronde."),
         _("%(n)d adressen passen niet in de periode van de ronde.")),
        (result.volunteer_may_not_visit,
         _("%(n)d adres heeft een vrijwilliger zonder geldige VOG of training."),
         _("%(n)d adressen hebben een vrijwilliger zonder geldige VOG of training.")),
        (result.without_volunteer, _("%(n)d adres heeft nog geen vrijwilliger."),
         _("%(n)d adressen hebben nog geen vrijwilliger.")),
    ):  # fmt: skip
        if count:
            messages.warning(request, (one if count == 1 else many) % {"n": count})
    return _back(municipality, round)


@municipality_view(ACTION)
def letter(request, municipality, pk: int):
    address = get_object_or_404(
        VisitAddress.objects.visible_to(request.user, municipality).select_related(
            "round", "volunteer__user"
        ),
        pk=pk,
    )
    reason = _reason_without_letter(address)
    if reason:
        return _no_letter(request, municipality, address.round, reason)
    composed = compose.letter_for(
        address, settings_of(municipality), municipality, compose.today_text()
    )
    content = letters_pdf([composed], title=_("Uitnodiging voor een huisbezoek"))
    audit.record("visit_letter_downloaded", actor=request.user, obj=address)
    return _pdf(content, f"brief-{address.pk}.pdf")


def _reason_without_letter(address: VisitAddress) -> str:
    if address.status in (VisitAddress.Status.OBJECTION, VisitAddress.Status.DECEASED):
        return _("Dit adres krijgt geen brief: %(status)s.") % {
            "status": address.get_status_display().lower()
        }
    if address.status != VisitAddress.Status.TO_VISIT:
        return _("Dit adres is al afgerond; een brief is niet meer nodig.")
    if address.volunteer_id is None or address.proposed_at is None:
        return _(
            "Dit adres heeft nog geen vrijwilliger of geen voorgestelde tijd. Plan de ronde "
            "eerst; dan kunt u de brief maken."
        )
    return ""


@municipality_view(ACTION)
def batch(request, municipality, pk: int):
    round = _round(request, municipality, pk)
    parts = queries.parts_of(round)
    if not parts:
        return _no_letter(request, municipality, round, _("Er zijn geen brieven om te printen."))
    number = request.GET.get("deel", "1")
    part = parts[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(parts) else None
    version = request.GET.get("versie")
    if part is None or (version and version != part.version):
        reason = _(
            "De lijst van brieven is veranderd sinds u de pagina opende. Open de ronde opnieuw "
            "en download de brieven daar."
        )
        return _no_letter(request, municipality, round, reason, status=409)
    settings, date_text = settings_of(municipality), compose.today_text()
    letters = [
        compose.letter_for(address, settings, municipality, date_text)
        for address in queries.addresses_for_letters(part.ids)
    ]
    title = _("Brieven %(round)s, deel %(n)d") % {"round": round.name, "n": part.number}
    content = letters_pdf(letters, title=title)
    audit.record(
        "visit_letters_downloaded",
        actor=request.user,
        obj=round,
        part=part.number,
        count=len(letters),
        version=part.version,
    )
    return _pdf(content, f"brieven-ronde-{round.pk}-deel-{part.number}.pdf")


@municipality_view(ACTION)
@require_POST
def confirm_sent(request, municipality, pk: int):
    round = _round(request, municipality, pk)
    try:
        count = services.confirm_sent(request.user, round, request.POST.get("versie", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)d brief staat als verstuurd.", "%(n)d brieven staan als verstuurd.", count
            )
            % {"n": count},
        )
    return _back(municipality, round)


@municipality_view(ACTION)
def cards(request, municipality, pk: int):
    volunteer = get_object_or_404(
        Volunteer.objects.visible_to(request.user, municipality).select_related("user"), pk=pk
    )
    ronde = request.GET.get("ronde")
    round = queries.round_for_cards(volunteer, request.user, ronde)
    if ronde and round is None:
        raise Http404
    sheet = compose.card_sheet_for(volunteer, round, settings_of(municipality))
    content = cards_pdf(sheet, title=_("Niet-thuiskaartjes"))
    audit.record("visit_cards_downloaded", actor=request.user, obj=volunteer)
    return _pdf(content, f"niet-thuis-kaartjes-{volunteer.pk}.pdf")
