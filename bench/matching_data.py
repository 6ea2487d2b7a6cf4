"""Data of the matching benchmark (``bench/matching.py``): published initiatives across the
country and random cases, drawn in Python with one seed (the same on SQLite and PostgreSQL)
and written with ``bulk_create``."""

from __future__ import annotations

import datetime as dt
import random

KINDS = [
    "meaningful_activity", "meeting", "practical_support", "meaningful_contact",
    "social_skills", "meaningful_role", "realistic_expectations",
]  # fmt: skip
TARGET_GROUPS = ["widowhood", "retirement", "moved", "carers", "newcomers", "hearing_sight"]
LANGUAGES = [[], [], ["Nederlands"], ["Nederlands", "Turks"], ["Nederlands", "Arabisch"]]
LONELINESS = ["social", "emotional", "both", "none", "unknown"]


def areas() -> list[tuple[str, int, float, float, int]]:
    """(pc4, municipality id, latitude, longitude, inhabitants) of every PC4 area."""
    from omzien.core.models import PostcodeArea

    return list(
        PostcodeArea.objects.filter(municipality__isnull=False)
        .order_by("pc4")
        .values_list("pc4", "municipality_id", "latitude", "longitude", "inhabitants")
    )


def generate(count: int, seed: int) -> None:
    """``count`` published initiatives in PC4 areas drawn by inhabitants (so a town gets
    offer in proportion to its size), with a weekly meeting for a third of them."""
    from django.db import connection, transaction

    from omzien.core.models import Municipality, Organisation
    from omzien.socialmap.models import Event, Initiative

    rng = random.Random(seed)
    pool = areas()
    weights = [max(1, a[4] or 0) for a in pool]
    with transaction.atomic():
        organisations = {
            m.pk: Organisation.objects.create(municipality=m, name=f"Welzijn {m.name}")
            for m in Municipality.objects.order_by("pk")
        }
        for start in range(0, count, 5000):
            size = min(5000, count - start)
            chosen = rng.choices(pool, weights=weights, k=size)
            rows = [
                _initiative(rng, start + i, area, organisations) for i, area in enumerate(chosen)
            ]
            made = Initiative.objects.bulk_create(rows, batch_size=1000)
            Event.objects.bulk_create(
                [_event(rng, item) for item in made if rng.random() < 1 / 3], batch_size=1000
            )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _initiative(rng: random.Random, n: int, area, organisations):
    from omzien.socialmap.models import Initiative

    pc4, municipality_id, lat, lon, _people = area
    where = rng.choices(["venue", "online", "at_home"], weights=[8, 1, 1])[0]
    age_min, age_max = rng.choice([(None, None)] * 6 + [(55, None), (65, None), (18, 30), (12, 23)])
    capacity = rng.choice([None, None, 8, 12, 20])
    places = None if capacity is None else rng.choice([0, 0, 1, 3, capacity])
    venue = where == "venue"
    return Initiative(
        municipality_id=municipality_id, organisation=organisations[municipality_id],
        name=f"Initiatief {n:06d}", description="Bench.", status="published",
        kinds=rng.sample(KINDS, rng.choice([1, 1, 2, 3])),
        target_groups=rng.sample(TARGET_GROUPS, rng.choice([0, 0, 0, 1, 2])),
        age_min=age_min, age_max=age_max, languages=rng.choice(LANGUAGES), where=where,
        postcode=f"{pc4} AA" if venue else "", latitude=lat if venue else None,
        longitude=lon if venue else None, free=rng.random() < 0.6,
        wheelchair=rng.random() < 0.55, hearing_loop=rng.random() < 0.25,
        transport=rng.random() < 0.15, quiet_room=rng.random() < 0.2,
        capacity=capacity, places_left=places, waiting_list=rng.random() < 0.3,
    )  # fmt: skip


def _event(rng: random.Random, initiative):
    from omzien.socialmap.agenda import TZ
    from omzien.socialmap.models import Event

    day = dt.date(2027, 1, 4) + dt.timedelta(days=rng.randrange(7))
    start = dt.datetime.combine(day, dt.time(rng.choice([9, 10, 13, 14, 16, 19, 20])), TZ)
    return Event(
        initiative=initiative, municipality_id=initiative.municipality_id, starts_at=start,
        minutes=rng.choice([60, 90, 120]), rrule="FREQ=WEEKLY;UNTIL=20271231T000000Z",
    )  # fmt: skip


def cases(count: int, seed: int):
    """``count`` random cases: (municipality id, Need). The municipality is drawn uniformly
    among those with initiatives, the point from its PC4 areas (one in ten unknown)."""
    from omzien.socialmap.matching import BARRIERS, WISHES, Need
    from omzien.socialmap.models import Initiative

    rng = random.Random(seed + 1)
    with_offer = set(Initiative.objects.values_list("municipality_id", flat=True).distinct())
    by_municipality: dict[int, list] = {}
    for area in areas():
        if area[1] in with_offer:
            by_municipality.setdefault(area[1], []).append(area)
    ids = sorted(by_municipality)
    found = []
    for _ in range(count):
        mid = rng.choice(ids)
        _pc4, _m, lat, lon, _people = rng.choice(by_municipality[mid])
        known = rng.random() < 0.9
        need = Need(
            kind=rng.choice(LONELINESS), age=rng.choice([None] + list(range(18, 96))),
            latitude=lat if known else None, longitude=lon if known else None,
            interests=frozenset(rng.sample(KINDS, rng.choice([0, 0, 1, 2]))),
            barriers=frozenset(b for b in BARRIERS if rng.random() < 0.15),
            wishes=frozenset(w for w in WISHES if rng.random() < 0.2),
        )  # fmt: skip
        found.append((mid, need))
    return found
