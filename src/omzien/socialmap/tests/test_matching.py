"""Matching for a case (issue 9, item 4): hard rules first (age, reachable, not full,
accessible), then a transparent score whose parts are exactly the reasons shown, in one fixed
order; the weights and the distance are settings of the municipality."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omzien.core.models import AuditEvent, Municipality, PostcodeArea
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.socialmap.choices import ActivityKind, Status, TargetGroup, Where
from omzien.socialmap.matching import (
    BARRIERS,
    DEFAULT_WEIGHTS,
    WISHES,
    Need,
    best_matches,
    brute_force,
    check_weights,
)
from omzien.socialmap.models import Event, Initiative, SocialMapSettings
from omzien.socialmap.settings import settings_of
from omzien.socialmap.settings_services import update_match_settings
from omzien.socialmap.tests.factories import initiative

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]
KINDS = [str(k) for k in ActivityKind]


def zeist() -> Municipality:
    return Municipality.objects.get(code="GM0355")


def point(pc4: str) -> tuple[float, float]:
    area = PostcodeArea.objects.get(pc4=pc4)
    return area.latitude, area.longitude


def offer(organisation, name: str, *, pc4: str = "3701", **fields) -> Initiative:
    """A published initiative at an address in ``pc4`` (or online / at home)."""
    lat, lon = point(pc4)
    if fields.get("where", Where.VENUE) != Where.VENUE:
        lat = lon = None
    values = {"latitude": lat, "longitude": lon, "postcode": f"{pc4} AB", **fields}
    return initiative(organisation, name=name, status=Status.PUBLISHED, **values)


def resident(kind: str, pc4: str = "3701", **fields) -> Need:
    lat, lon = point(pc4)
    return Need(kind=kind, age=fields.pop("age", 78), latitude=lat, longitude=lon, **fields)


def names(matches) -> list[str]:
    return [m.initiative.name for m in matches]


@pytest.fixture
def org():
    return OrganisationFactory(municipality=zeist(), name="Welzijn Zeist")


def test_emotional_loneliness_ranks_one_to_one_above_group_meetings_social_the_reverse(org):
    offer(org, "Maatje aan huis", kinds=["meaningful_contact"], where=Where.AT_HOME)
    offer(org, "Buddy in de buurt", kinds=["meaningful_contact"])
    offer(org, "Koffieochtend", kinds=["meeting"])
    offer(org, "Soos de Linde", kinds=["meeting"], pc4="3705")

    emotional = names(best_matches(zeist(), resident("emotional")))
    social = names(best_matches(zeist(), resident("social")))

    for one_to_one in ("Maatje aan huis", "Buddy in de buurt"):
        for group in ("Koffieochtend", "Soos de Linde"):
            assert emotional.index(one_to_one) < emotional.index(group)
            assert social.index(group) < social.index(one_to_one)
    reasons = best_matches(zeist(), resident("emotional"))[0].reasons
    assert "past bij emotionele eenzaamheid: een-op-een contact" in [r.text for r in reasons]
    group_reason = best_matches(zeist(), resident("emotional"))[-1].reasons[0]
    assert group_reason.points < 0 and group_reason.text.startswith("minder passend")


def test_a_wheelchair_user_never_gets_an_initiative_marked_inaccessible(org):
    rng = random.Random(9)
    for n in range(40):
        offer(org, f"Plek {n}", kinds=[rng.choice(KINDS)], wheelchair=rng.random() < 0.5,
              pc4=rng.choice(["3701", "3703", "3705", "3707"]))  # fmt: skip
    offer(org, "Bezoek thuis", kinds=["meaningful_contact"], where=Where.AT_HOME)
    need = resident("both", barriers=frozenset({"mobility"}))

    matches = best_matches(zeist(), need, limit=100)

    assert matches and all(
        m.initiative.wheelchair or m.initiative.where != Where.VENUE for m in matches
    )
    assert "Bezoek thuis" in names(matches)  # nobody has to get in anywhere: not refused
    venue = next(m for m in matches if m.initiative.where == Where.VENUE)
    assert ("wheelchair", "rolstoeltoegankelijk") in [(r.code, r.text) for r in venue.reasons]


def test_an_initiative_outside_the_target_age_or_full_is_never_shown(org):
    offer(org, "Voor jongeren", age_min=18, age_max=30)
    offer(org, "Voor ouderen", age_min=65)
    offer(org, "Vol", places_left=0, capacity=10)
    offer(org, "Vol, met wachtlijst", places_left=0, capacity=10, waiting_list=True)
    offer(org, "Nog plaats", places_left=3, capacity=10)

    old = names(best_matches(zeist(), resident("social", age=80)))
    young = names(best_matches(zeist(), resident("social", age=22)))

    assert "Voor jongeren" not in old and "Voor ouderen" in old
    assert "Voor ouderen" not in young and "Voor jongeren" in young
    assert "Vol" not in old + young
    # A waiting list keeps it in, lower, and says so.
    full = best_matches(zeist(), resident("social", age=80))
    waiting = next(m for m in full if m.initiative.name == "Vol, met wachtlijst")
    assert ("waiting_list", "vol, wel een wachtlijst") in [
        (r.code, r.text) for r in waiting.reasons
    ]
    places = next(m for m in full if m.initiative.name == "Nog plaats")
    assert "nog 3 plaatsen" in [r.text for r in places.reasons]
    assert old.index("Nog plaats") < old.index("Vol, met wachtlijst")


def test_ties_break_deterministically(org):
    # Equal in everything but name (and pk): made in an order that is not the answer.
    for name in ("Cursus C", "Cursus A", "Cursus B", "Cursus A"):
        offer(org, name, kinds=["social_skills"])
    first = best_matches(zeist(), resident("social"))
    assert len({m.score for m in first}) == 1
    assert names(first) == ["Cursus A", "Cursus A", "Cursus B", "Cursus C"]
    a1, a2 = first[0].initiative.pk, first[1].initiative.pk
    assert a1 < a2
    for _ in range(3):
        again = best_matches(zeist(), resident("social"))
        assert [m.initiative.pk for m in again] == [m.initiative.pk for m in first]


def test_nearer_wins_a_tie_and_distance_is_shown_in_km(org):
    offer(org, "Ver weg", kinds=["meeting"], pc4="3707")
    offer(org, "Dichtbij", kinds=["meeting"], pc4="3702")
    offer(org, "Te ver", kinds=["meeting"], pc4="1011")  # Amsterdam, not reachable
    matches = best_matches(zeist(), resident("social", pc4="3701"))
    assert names(matches) == ["Dichtbij", "Ver weg"]
    assert matches[0].distance_km < matches[1].distance_km
    assert [r.text for r in matches[0].reasons if r.code == "distance"] == ["0,9 km"]
    offer(org, "Om de hoek", kinds=["meeting"], pc4="3701")
    near = best_matches(zeist(), resident("social", pc4="3701"))[0]
    assert near.initiative.name == "Om de hoek"
    assert [r.text for r in near.reasons if r.code == "distance"] == ["in hetzelfde postcodegebied"]


def test_reachability_by_barrier(org):
    offer(org, "Online cursus", kinds=["social_skills"], where=Where.ONLINE)
    offer(org, "Met vervoer", kinds=["meeting"], pc4="3707", transport=True)
    offer(org, "Zonder vervoer", kinds=["meeting"], pc4="3707")
    offer(org, "Om de hoek", kinds=["meeting"], pc4="3701")
    offer(org, "Zaal met ringleiding", kinds=["meeting"], hearing_loop=True)
    all_ = set(names(best_matches(zeist(), resident("social"))))
    assert {"Online cursus", "Zonder vervoer", "Om de hoek"} <= all_
    digital = names(best_matches(zeist(), resident("social", barriers=frozenset({"digital"}))))
    assert "Online cursus" not in digital
    no_car = names(best_matches(zeist(), resident("social", barriers=frozenset({"transport"}))))
    assert "Zonder vervoer" not in no_car and {"Met vervoer", "Om de hoek"} <= set(no_car)
    hearing = names(best_matches(zeist(), resident("social", barriers=frozenset({"hearing"}))))
    assert hearing == ["Zaal met ringleiding"]


def test_money_interests_wishes_and_event_times_are_reasons(org):
    import datetime as dt

    from omzien.socialmap.agenda import TZ

    evening = offer(org, "Avondsoos", kinds=["meeting"], free=False, cost="2 euro")
    day = offer(org, "Middagsoos", kinds=["meeting"], free=True)
    offer(org, "Soos zonder tijden", kinds=["meeting"], free=True)
    for item, hour in ((evening, 19), (day, 14)):
        start = dt.datetime(2027, 1, 5, hour, tzinfo=TZ)
        Event.objects.create(
            initiative=item, municipality=item.municipality, starts_at=start, minutes=90
        )
    need = resident("social", barriers=frozenset({"money"}), wishes=frozenset({"daytime"}),
                    interests=frozenset({"meeting"}))  # fmt: skip
    matches = {m.initiative.name: m for m in best_matches(zeist(), need)}
    texts = {name: [r.text for r in m.reasons] for name, m in matches.items()}
    assert "gratis" in texts["Middagsoos"] and "gratis" not in texts["Avondsoos"]
    assert "wens: overdag (tussen 8 en 18 uur)" in texts["Middagsoos"]
    assert not any("overdag" in t for t in texts["Soos zonder tijden"])  # neutral
    assert any(t.startswith("wens was overdag") for t in texts["Avondsoos"])
    assert "sluit aan bij de interesse: ontmoeting" in texts["Avondsoos"]
    assert list(matches) == ["Middagsoos", "Soos zonder tijden", "Avondsoos"]


_initiatives = st.builds(
    dict,
    kinds=st.lists(st.sampled_from(KINDS), max_size=3, unique=True),
    where=st.sampled_from([str(w) for w in Where]),
    target_groups=st.lists(st.sampled_from([str(t) for t in TargetGroup]), max_size=2),
    languages=st.lists(st.sampled_from(["Nederlands", "Turks", "Arabisch"]), max_size=2),
    age_min=st.one_of(st.none(), st.integers(0, 90)),
    age_max=st.one_of(st.none(), st.integers(20, 120)),
    free=st.booleans(), wheelchair=st.booleans(), hearing_loop=st.booleans(),
    transport=st.booleans(), waiting_list=st.booleans(),
    places_left=st.one_of(st.none(), st.integers(0, 5)),
    latitude=st.floats(52.0, 52.2), longitude=st.floats(5.1, 5.4),
)  # fmt: skip
_needs = st.builds(
    Need,
    kind=st.sampled_from(["social", "emotional", "both", "none", "unknown"]),
    age=st.one_of(st.none(), st.integers(16, 100)),
    latitude=st.floats(52.0, 52.2), longitude=st.floats(5.1, 5.4),
    interests=st.frozensets(st.sampled_from(KINDS)),
    barriers=st.frozensets(st.sampled_from(BARRIERS)),
    wishes=st.frozensets(st.sampled_from([w for w in WISHES if w != "daytime"])),
)  # fmt: skip
_weights = st.dictionaries(st.sampled_from(list(DEFAULT_WEIGHTS)), st.floats(0, 10))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_initiatives, min_size=1, max_size=12), need=_needs, weights=_weights)
def test_the_reasons_are_exactly_the_scores_parts(rows, need, weights):
    items = []
    for pk, row in enumerate(rows, start=1):
        if row["where"] != Where.VENUE:
            row = {**row, "latitude": None, "longitude": None}
        items.append(Initiative(pk=pk, municipality_id=1, name=f"I{pk % 3}",
                                status=Status.PUBLISHED, **row))  # fmt: skip
    matches = brute_force(items, need, limit=20, weights=weights, max_km=15)
    known = set(DEFAULT_WEIGHTS)
    for match in matches:
        assert match.score == sum(r.points for r in match.reasons)
        assert all(r.points != 0 and r.code in known and r.text for r in match.reasons)
    keys = [(-m.score, m.distance_km if m.distance_km is not None else 1e9) for m in matches]
    assert keys == sorted(keys)


def _random_offer(rng: random.Random, organisation, n: int) -> Initiative:
    where = rng.choice(["venue"] * 6 + ["online", "at_home"])
    lat, lon = point(rng.choice(["3701", "3703", "3705", "3707", "3709", "3731", "3511"]))
    places = rng.choice([None, None, 0, 1, 5])
    return Initiative(
        municipality=organisation.municipality, organisation=organisation,
        name=f"Aanbod {n % 17}", description="-", status=rng.choice(["published"] * 5 + ["draft"]),
        kinds=rng.sample(KINDS, rng.randint(1, 2)), where=where,
        latitude=lat if where == "venue" else None, longitude=lon if where == "venue" else None,
        age_min=rng.choice([None, None, 18, 55, 65]), age_max=rng.choice([None, None, 30, 80]),
        free=rng.random() < 0.6, wheelchair=rng.random() < 0.5, hearing_loop=rng.random() < 0.3,
        transport=rng.random() < 0.2, places_left=places, waiting_list=rng.random() < 0.3,
        target_groups=rng.sample(["hearing_sight", "newcomers", "carers"], rng.randint(0, 1)),
        languages=rng.choice([[], ["Nederlands"], ["Nederlands", "Turks"]]),
    )  # fmt: skip


def test_best_matches_equals_brute_force_on_random_data(org):
    rng = random.Random(2026)
    elsewhere = OrganisationFactory(municipality=Municipality.objects.get(code="GM0344"))
    made = [_random_offer(rng, org, n) for n in range(250)]
    made += [_random_offer(rng, elsewhere, n) for n in range(50)]
    Initiative.objects.bulk_create(made)
    for item in rng.sample(list(Initiative.objects.filter(municipality=zeist())), 40):
        start = f"2027-01-0{rng.randint(1, 9)}T{rng.randint(6, 21):02d}:00Z"
        Event.objects.create(initiative=item, municipality=item.municipality, starts_at=start)
    everything = list(Initiative.objects.all())
    for _ in range(60):
        lat, lon = point(rng.choice(["3701", "3704", "3707", "3709", "3731"]))
        need = Need(
            kind=rng.choice(["social", "emotional", "both", "none", "unknown"]),
            age=rng.choice([None, 25, 70, 85]),
            latitude=lat if rng.random() < 0.9 else None, longitude=lon,
            interests=frozenset(rng.sample(KINDS, rng.randint(0, 2))),
            barriers=frozenset(rng.sample(BARRIERS, rng.randint(0, 3))),
            wishes=frozenset(rng.sample(WISHES, rng.randint(0, 2))),
        )  # fmt: skip
        fast = best_matches(zeist(), need)
        slow = brute_force(everything, need, municipality=zeist())
        assert fast, need
        assert [(m.initiative.pk, m.score, m.reasons, m.distance_km) for m in fast] == [
            (m.initiative.pk, m.score, m.reasons, m.distance_km) for m in slow
        ]


def test_the_weights_setting_changes_the_order(org):
    offer(org, "Maatje aan huis", kinds=["meaningful_contact"], where=Where.AT_HOME, free=False)
    offer(org, "Gratis soos", kinds=["meeting"], free=True)
    need = resident("emotional", barriers=frozenset({"money"}))
    assert names(best_matches(zeist(), need)) == ["Maatje aan huis", "Gratis soos"]
    coordinator = member(Role.COORDINATOR, zeist())
    update_match_settings(actor=coordinator, municipality=zeist(), max_km=10,
                          weights={**DEFAULT_WEIGHTS, "kind_fit": 0.5, "free": 10})  # fmt: skip
    assert names(best_matches(zeist(), need)) == ["Gratis soos", "Maatje aan huis"]
    assert settings_of(zeist()).match_weights == {"kind_fit": 0.5, "free": 10.0}
    event = AuditEvent.objects.get(action="socialmap_settings_changed")
    assert event.actor == coordinator


def test_the_coordinator_sets_weights_on_the_settings_page_and_bad_ones_are_refused_in_dutch(
    client,
):
    login_verified(client, member(Role.COORDINATOR, zeist()))
    page = client.get("/g/zeist/instellingen/")
    assert page.status_code == 200 and "Sociale kaart: passend aanbod zoeken" in page.text
    assert not SocialMapSettings.objects.exists()  # reading never writes
    form = {"onderdeel": "aanbod", "aanbod-match_max_km": "5"}
    form |= {f"aanbod-weight_{k}": str(v).replace(".", ",") for k, v in DEFAULT_WEIGHTS.items()}
    bad = client.post("/g/zeist/instellingen/", {**form, "aanbod-weight_distance": "-1",
                                                  "aanbod-weight_free": "veel"})  # fmt: skip
    assert bad.status_code == 422
    assert "Een gewicht is 0 of meer." in bad.text and "Vul een getal in" in bad.text
    assert 'value="veel"' in bad.text
    assert not SocialMapSettings.objects.exists()
    good = client.post("/g/zeist/instellingen/", {**form, "aanbod-weight_distance": "3,5"})
    assert good.status_code == 302
    stored = settings_of(zeist())
    assert stored.match_max_km == 5 and stored.match_weights == {"distance": 3.5}


def test_unknown_or_bad_weights_are_refused_in_dutch(org):
    with pytest.raises(ValidationError, match="Onbekend gewicht: snelheid"):
        check_weights({"snelheid": 1})
    with pytest.raises(ValidationError, match="ligt niet tussen 0 en 10"):
        check_weights({"distance": 11})
    with pytest.raises(ValidationError, match="is geen getal"):
        check_weights({"distance": "2"})
    with pytest.raises(ValidationError, match="Onbekend gewicht"):
        best_matches(zeist(), resident("social"), weights={"snelheid": 1})
    coordinator = member(Role.COORDINATOR, zeist())
    with pytest.raises(ValidationError, match="Onbekend gewicht"):
        update_match_settings(actor=coordinator, municipality=zeist(), max_km=10,
                              weights={"snelheid": 1})  # fmt: skip
    assert not SocialMapSettings.objects.exists()
