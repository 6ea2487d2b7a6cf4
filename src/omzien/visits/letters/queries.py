"""Reads of the letters: what is ready to print, in parts small enough for one request, the
counts on the round page, and the volunteers of a round (for their cards). Each part of the
batch has a version: a hash of its address ids, so that "Brieven verstuurd" marks exactly the
letters that were downloaded."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from omzien.visits.letters.planning import WALKING_ORDER
from omzien.visits.models import VisitAddress, VisitRound, Volunteer
from omzien.visits.models.volunteers import may_visit_filter

#: Letters in one PDF download: about 3 s of work (docs/visits-letters.md, 1.4 s per 1,000
#: letters), well within a request's time limit. A larger batch comes in parts.
LETTERS_PER_PDF = 2000

TO_VISIT = VisitAddress.Status.TO_VISIT


def ready_to_print(round: VisitRound) -> QuerySet[VisitAddress]:
    """Planned to-visit addresses with no letter sent, whose volunteer may still visit today
    (active, trained, VOG valid: ``Volunteer.may_visit``; the letter names them), in postcode
    order."""
    today = timezone.localdate()
    return round.addresses.filter(
        may_visit_filter(today, via="volunteer__"),
        status=TO_VISIT,
        proposed_at__isnull=False,
        letter_sent_at__isnull=True,
    ).order_by(*WALKING_ORDER)


@dataclass(frozen=True)
class Part:
    number: int
    ids: tuple[int, ...]

    @property
    def version(self) -> str:
        return hashlib.sha256(",".join(map(str, self.ids)).encode()).hexdigest()[:16]

    @property
    def first(self) -> int:
        return (self.number - 1) * LETTERS_PER_PDF + 1

    @property
    def last(self) -> int:
        return self.first + len(self.ids) - 1


def parts_of(round: VisitRound) -> list[Part]:
    if round.status == VisitRound.Status.CLOSED:
        return []  # a closed round invites nobody any more
    ids = list(ready_to_print(round).values_list("pk", flat=True))
    return [
        Part(number=index // LETTERS_PER_PDF + 1, ids=tuple(ids[index : index + LETTERS_PER_PDF]))
        for index in range(0, len(ids), LETTERS_PER_PDF)
    ]


def addresses_for_letters(ids) -> list[VisitAddress]:
    """The addresses of ``ids`` in that order, with what a letter needs."""
    found = VisitAddress.objects.select_related("round", "volunteer__user").in_bulk(list(ids))
    return [found[pk] for pk in ids if pk in found]


def letter_counts(round: VisitRound) -> dict[str, int]:
    to_visit = Q(status=TO_VISIT)
    return round.addresses.aggregate(
        to_plan=Count("pk", filter=to_visit & Q(volunteer__isnull=False, proposed_at=None)),
        without_volunteer=Count("pk", filter=to_visit & Q(volunteer=None)),
        ready=Count(
            "pk",
            filter=to_visit
            & Q(volunteer__isnull=False, proposed_at__isnull=False, letter_sent_at=None),
        ),
        sent=Count("pk", filter=Q(letter_sent_at__isnull=False)),
        no_letter=Count(
            "pk",
            filter=Q(status__in=[VisitAddress.Status.OBJECTION, VisitAddress.Status.DECEASED]),
        ),
    )


def volunteers_of(round: VisitRound) -> QuerySet[Volunteer]:
    """The volunteers with addresses in ``round``, by first name."""
    return (
        Volunteer.objects.filter(addresses__round=round)
        .select_related("user")
        .annotate(n=Count("addresses", filter=Q(addresses__round=round)))
        .order_by("user__first_name", "pk")
    )


def round_for_cards(volunteer: Volunteer, user, ronde: str | None) -> VisitRound | None:
    """The round named in ``?ronde=`` (visible to ``user``), else the volunteer's latest
    open round, else None (the default text)."""
    rounds = VisitRound.objects.visible_to(user, volunteer.municipality)
    if ronde:
        return rounds.filter(pk=int(ronde)).first() if ronde.isdigit() else None
    mine = rounds.filter(addresses__volunteer=volunteer).exclude(status=VisitRound.Status.CLOSED)
    return mine.order_by("-starts_on", "-pk").first()
