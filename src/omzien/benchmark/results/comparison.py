"""The benchmark's comparison (issue 12, item 2; docs/benchmark-scores.md): a year's submitted
scores per pillar, and a municipality against its province, its size class and the country.

* **Groups**: the municipalities that submitted that year, in the same province
  (``Municipality.province``), in the same size class (:data:`SIZE_CLASSES`, on
  ``key_figures["aantal_inwoners"]``), and all of them (the country).
* Per group and pillar: the mean, the median and the number of municipalities.
* **Percentile** of a municipality in a group: the share of the *other* municipalities of the
  group that score lower, ties counting half: ``100 * (lower + equal / 2) / (n - 1)``, rounded.
  The lowest scores 0, the highest 100, the middle one 50.
* A group of fewer than ``core.suppression.MIN_GROUP`` municipalities publishes nothing (no
  mean, no median, no percentile): "te weinig gemeenten".

One query reads a year's responses with their municipality, province and inhabitants; responses
whose scores were not stored are scored from their answers (two more queries, only then).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from omzien.benchmark.models import Answer, BenchmarkResponse, Pillar, Question
from omzien.benchmark.scoring import pillar_scores, scored
from omzien.core.suppression import MIN_GROUP, is_suppressed

#: The size classes (a coarser CBS gemeentegrootteklasse): (key, label, lower bound inclusive).
SIZE_CLASSES = (
    ("tot-20000", _("minder dan 20.000 inwoners"), 0),
    ("20000-50000", _("20.000 tot 50.000 inwoners"), 20_000),
    ("50000-100000", _("50.000 tot 100.000 inwoners"), 50_000),
    ("vanaf-100000", _("100.000 inwoners of meer"), 100_000),
)
UNKNOWN_SIZE = "onbekend"
FEW_MUNICIPALITIES = _("te weinig gemeenten")
PILLARS = tuple(int(p) for p in Pillar.values)


def size_class(inhabitants) -> str:
    """The key of the size class of a number of inhabitants; ``"onbekend"`` without one."""
    if isinstance(inhabitants, bool) or not isinstance(inhabitants, int | float):
        return UNKNOWN_SIZE
    key = UNKNOWN_SIZE
    for class_key, _label, lower in SIZE_CLASSES:
        if inhabitants >= lower:
            key = class_key
    return key


def size_class_label(key: str) -> str:
    for class_key, label, _lower in SIZE_CLASSES:
        if class_key == key:
            return str(label)
    return str(_("grootte onbekend"))


def percentile(value: float, others: list[float]) -> int | None:
    """The percentile of ``value`` among the other scores of its group (see the module)."""
    if not others:
        return None
    lower = sum(1 for other in others if other < value)
    equal = sum(1 for other in others if other == value)
    return round(100 * (lower + equal / 2) / len(others))


@dataclass(frozen=True)
class Entry:
    """A municipality's submitted scores of a year (``scores``: pillar -> 0-100)."""

    municipality_id: int
    name: str
    code: str
    province_id: int | None
    province: str
    inhabitants: int | None
    size: str
    scores: dict[int, float]

    @property
    def mean(self) -> float | None:
        values = [self.scores[p] for p in PILLARS if p in self.scores]
        return round(sum(values) / len(values), 1) if values else None


@dataclass(frozen=True)
class PillarFigures:
    """A group's figures of one pillar; all None when the group is suppressed."""

    pillar: int
    mean: float | None = None
    median: float | None = None
    percentile: int | None = None  # of the municipality compared, when it is in the group


@dataclass(frozen=True)
class Group:
    kind: str  # "province", "size", "country"
    label: str
    count: int
    pillars: dict[int, PillarFigures] = field(default_factory=dict)

    @property
    def suppressed(self) -> bool:
        return is_suppressed(self.count, MIN_GROUP)


def _group(kind: str, label: str, members: list[Entry], own: Entry | None) -> Group:
    if is_suppressed(len(members), MIN_GROUP):
        return Group(kind, label, len(members), {p: PillarFigures(p) for p in PILLARS})
    pillars = {}
    for pillar in PILLARS:
        values = [e.scores[pillar] for e in members if pillar in e.scores]
        rank = None
        if own is not None and pillar in own.scores and own in members:
            others = [e.scores[pillar] for e in members if e is not own and pillar in e.scores]
            rank = percentile(own.scores[pillar], others)
        pillars[pillar] = PillarFigures(
            pillar,
            round(statistics.fmean(values), 1) if values else None,
            round(statistics.median(values), 1) if values else None,
            rank,
        )
    return Group(kind, label, len(members), pillars)


@dataclass
class YearScores:
    """Every submitted municipality's scores of one year."""

    year: int
    entries: list[Entry]

    def entry(self, municipality_id: int) -> Entry | None:
        return next((e for e in self.entries if e.municipality_id == municipality_id), None)

    def groups_of(self, municipality, own: Entry | None = None) -> list[Group]:
        """The province, size class and country of ``municipality`` (a model instance)."""
        own = own or self.entry(municipality.pk)
        size = size_class((municipality.key_figures or {}).get("aantal_inwoners"))
        province = municipality.province
        result = []
        if province is not None:
            members = [e for e in self.entries if e.province_id == province.pk]
            result.append(_group("province", province.name, members, own))
        if size != UNKNOWN_SIZE:
            members = [e for e in self.entries if e.size == size]
            result.append(_group("size", size_class_label(size), members, own))
        result.append(_group("country", str(_("Nederland")), self.entries, own))
        return result

    def country(self) -> Group:
        return _group("country", str(_("Nederland")), self.entries, None)

    def groups_by(self, kind: str) -> list[Group]:
        """Every province's (``"province"``) or size class's (``"size"``) figures."""
        buckets: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            key = (entry.province or "") if kind == "province" else entry.size
            buckets[key].append(entry)
        if kind == "province":
            labels = {key: key or str(_("provincie onbekend")) for key in buckets}
            order = sorted(buckets, key=lambda k: (k == "", k))
        else:
            labels = {key: size_class_label(key) for key in buckets}
            keys = [k for k, _label, _lower in SIZE_CLASSES] + [UNKNOWN_SIZE]
            order = [k for k in keys if k in buckets]
        return [_group(kind, labels[key], buckets[key], None) for key in order]


def stored_scores(raw) -> dict[int, float]:
    result = {}
    for key, value in (raw or {}).items():
        if str(key).isdigit() and isinstance(value, int | float) and not isinstance(value, bool):
            result[int(key)] = float(value)
    return result


def _number(value) -> float | None:
    """Inhabitants as read from JSON (a number, or text on some databases)."""
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def computed_scores(response_ids: list[int], questionnaire_id: int) -> dict[int, dict[int, float]]:
    """Scores from the answers of responses whose scores were not stored (two queries)."""
    if not response_ids:
        return {}
    questions = [scored(q) for q in Question.objects.filter(questionnaire_id=questionnaire_id)]
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    rows = Answer.objects.filter(response_id__in=response_ids).values_list(
        "response_id", "question__code", "value"
    )
    for response_id, code, value in rows:
        answers[response_id][code] = value
    return {rid: pillar_scores(questions, answers.get(rid, {})) for rid in response_ids}


def year_scores(year: int) -> YearScores:
    """The submitted scores of ``year`` (one query; see the module)."""
    rows = list(
        BenchmarkResponse.objects.filter(questionnaire__year=year, submitted_at__isnull=False)
        .values_list(
            "pk",
            "questionnaire_id",
            "municipality_id",
            "municipality__name",
            "municipality__code",
            "municipality__province_id",
            "municipality__province__name",
            "municipality__key_figures__aantal_inwoners",
            "scores",
        )
        .order_by("municipality__name")
    )
    missing = [row[0] for row in rows if not stored_scores(row[8])]
    computed = computed_scores(missing, rows[0][1]) if missing else {}
    entries = []
    for pk, _q, mid, name, code, province_id, province, inhabitants, raw in rows:
        number = _number(inhabitants)
        entries.append(
            Entry(
                mid,
                name,
                code,
                province_id,
                province or "",
                int(number) if number is not None else None,
                size_class(number),
                stored_scores(raw) or computed.get(pk, {}),
            )
        )
    return YearScores(year, entries)
