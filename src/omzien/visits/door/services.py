"""Recording what happened at the door (issue 11, item 5): one attempt, its report, the
address's progress, and for "hulp nodig" with consent a signal to the signalling point.

Idempotent by ``client_id``: a phone that sends the same visit again (a weak connection, a
visit stored offline) gets the stored attempt back and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omzien.assessment.scales import INSTRUMENTS
from omzien.core import audit
from omzien.core.scoping import require
from omzien.signalling.intake.services import submit_signal
from omzien.signalling.intake.signal_input import SignalInput
from omzien.signalling.models import Barrier, Channel
from omzien.socialmap.choices import ActivityKind
from omzien.socialmap.finder.search import published
from omzien.visits.models import (
    FollowUp,
    Outcome,
    VisitAddress,
    VisitAttempt,
    VisitReport,
    VisitRound,
)
from omzien.visits.settings import settings_of

#: Outcomes after which the address needs no further attempt.
FINAL_OUTCOMES = {Outcome.VISITED, Outcome.DECLINED, Outcome.MOVED, Outcome.DECEASED}
#: Addresses that take no new attempt: an objection (never approach) or already finished.
CLOSED_STATUSES = {
    VisitAddress.Status.OBJECTION: gettext_lazy("Dit adres heeft bezwaar gemaakt: niet benaderen."),
    VisitAddress.Status.DECEASED: gettext_lazy("Deze inwoner is overleden."),
    VisitAddress.Status.DONE: gettext_lazy("Dit adres is al afgerond."),
}
REPORT_FIELDS = (
    "self_care", "household", "administration", "outside", "mobility_aid", "someone_to_talk",
    "someone_to_accompany", "someone_for_jobs", "wants_more_contact", "barriers", "activities",
    "wants_activities", "life_satisfaction", "scale_answers", "follow_up", "consent",
    "contact_phone", "referral_initiative_id",
)  # fmt: skip


@dataclass(frozen=True)
class VisitResult:
    attempt: VisitAttempt
    report: VisitReport | None
    #: True when this client_id was already stored: nothing changed.
    replayed: bool = False

    @property
    def help_without_consent(self) -> bool:
        report = self.report
        return bool(report and report.follow_up == FollowUp.HELP and not report.consent)


def _stored(client_id) -> VisitResult | None:
    found = VisitAttempt.objects.filter(client_id=client_id).select_related("report").first()
    if found is None:
        return None
    return VisitResult(found, getattr(found, "report", None), replayed=True)


def refusal_for(address: VisitAddress) -> str | None:
    """Why this address takes no new attempt, or None: the round does not run, an objection,
    a deceased resident, or the address is done."""
    if address.round.status != VisitRound.Status.RUNNING:
        return _("Deze ronde loopt niet: er kan geen bezoek bij.")
    refusal = CLOSED_STATUSES.get(address.status)
    return str(refusal) if refusal else None


def _check_address(address: VisitAddress) -> None:
    refusal = refusal_for(address)
    if refusal:
        raise ValidationError(refusal)


def record_visit(*, actor, address: VisitAddress, client_id, at, outcome: str, report=None):
    """Store one attempt at ``address`` (volunteer: own address in a running round with a valid
    VOG; coordinator: any address, e.g. a paper form). ``report`` (a dict of VisitReport
    fields) only for a visit that took place. Returns a ``VisitResult``."""
    require(actor, "record_visit", address)
    stored = _stored(client_id)
    if stored is not None:
        return _replay(stored, address)
    try:
        return _record(actor, address, client_id, at, outcome, report)
    except IntegrityError:
        # The same visit arrived twice at once: the other request stored it.
        stored = _stored(client_id)
        if stored is None:
            raise
        return _replay(stored, address)


def _replay(stored: VisitResult, address: VisitAddress) -> VisitResult:
    if stored.attempt.address_id != address.pk:
        raise ValidationError(_("Dit bezoek hoort bij een ander adres."))
    return stored


@transaction.atomic
def _record(actor, address, client_id, at, outcome, report) -> VisitResult:
    address = VisitAddress.objects.select_for_update().select_related("round").get(pk=address.pk)
    _check_address(address)
    if outcome not in Outcome.values:
        raise ValidationError(_("Kies een uitkomst."))
    attempt = VisitAttempt.objects.create(
        address=address,
        round=address.round,
        district=address.district,
        municipality=address.municipality,
        volunteer=address.volunteer,
        client_id=client_id,
        at=at,
        outcome=outcome,
    )
    stored_report = None
    if outcome == Outcome.VISITED:
        stored_report = _store_report(attempt, report or {})
        _pass_on(actor, address, stored_report)
    _advance(address, outcome)
    audit.record(
        "visit_recorded",
        actor=actor,
        obj=attempt,
        municipality=address.municipality,
        address=address.pk,
        outcome=outcome,
        follow_up=stored_report.follow_up if stored_report else "",
        signal=stored_report.signal_id if stored_report else None,
    )
    return VisitResult(attempt, stored_report)


def _advance(address: VisitAddress, outcome: str) -> None:
    """Count the attempt; the address is done after a final outcome or the municipality's
    number of "niet thuis"."""
    address.attempts += 1
    address.last_outcome = outcome
    max_attempts = settings_of(address.municipality).max_attempts
    if outcome in FINAL_OUTCOMES or address.attempts >= max_attempts:
        address.status = VisitAddress.Status.DONE
    address.save(update_fields=["attempts", "last_outcome", "status"])


def _store_report(attempt: VisitAttempt, values: dict) -> VisitReport:
    report = VisitReport(attempt=attempt, municipality=attempt.municipality)
    for name in REPORT_FIELDS:
        if values.get(name) is not None:
            setattr(report, name, values[name])
    if report.follow_up != FollowUp.HELP or not report.consent:
        report.contact_phone = ""  # only kept to call back someone who asked for help
    if report.follow_up != FollowUp.ACTIVITY:
        report.referral_initiative_id = None
    elif report.referral_initiative_id and not (
        published(attempt.municipality).filter(pk=report.referral_initiative_id).exists()
    ):
        raise ValidationError(_("Kies een activiteit uit de sociale kaart van de gemeente."))
    _score(report)
    # None is "not asked" or "unknown" (these model fields have no blank=True).
    report.full_clean(exclude=["attempt", "municipality", "mobility_aid", "is_lonely"])
    report.save()
    return report


def _score(report: VisitReport) -> None:
    """The 6-item De Jong Gierveld scale, scored by assessment.scales (unknown if too many
    answers are missing)."""
    answers = {int(number): answer for number, answer in (report.scale_answers or {}).items()}
    if not answers:
        return
    result = INSTRUMENTS["djg6"].score(answers)
    report.scale_total = result.total
    report.scale_emotional = result.emotional
    report.scale_social = result.social
    report.is_lonely = result.is_lonely


def _pass_on(actor, address: VisitAddress, report: VisitReport) -> None:
    """Follow-up "hulp nodig" with consent becomes a signal (channel home visit); without consent
    nothing is passed on."""
    if report.follow_up != FollowUp.HELP or not report.consent:
        return
    data = SignalInput.from_values(
        {
            "postcode": address.postcode,
            "house_number": str(address.house_number),
            "house_number_addition": f"{address.house_letter}{address.addition}",
            "person_name": address.full_name,
            "concern": concern_of(report),
            "person_aware": "yes",
        }
    )
    result = submit_signal(
        actor=actor, municipality=address.municipality, channel=Channel.HOME_VISIT, data=data
    )
    report.signal_id = result.signal.pk
    report.save(update_fields=["signal_id"])


def concern_of(report: VisitReport) -> str:
    """A short concern for the caseworker: the follow-up and the main needs, no answers of the
    scale and nothing about health."""
    parts = [_("Huisbezoek 75+: de inwoner wil hulp en vindt contact met een welzijnswerker goed.")]
    missing = [
        label
        for name, label in (
            ("someone_to_talk", _("iemand om mee te praten")),
            ("someone_to_accompany", _("iemand om mee op pad te gaan")),
            ("someone_for_jobs", _("iemand voor klusjes")),
        )
        if getattr(report, name) == "no"
    ]
    if missing:
        parts.append(_("Heeft niet: %(list)s.") % {"list": ", ".join(missing)})
    if report.wants_more_contact == "yes":
        parts.append(_("Wil meer contact."))
    if report.barriers:
        labels = [str(Barrier(code).label) for code in report.barriers if code in Barrier.values]
        parts.append(_("Wat tegenhoudt: %(list)s.") % {"list": ", ".join(labels).lower()})
    if report.wants_activities:
        kinds = report.wants_activities
        labels = [str(ActivityKind(code).label) for code in kinds if code in ActivityKind.values]
        parts.append(_("Zou graag willen: %(list)s.") % {"list": ", ".join(labels).lower()})
    if report.contact_phone:
        parts.append(_("Terugbellen op %(phone)s.") % {"phone": report.contact_phone})
    return " ".join(parts)
