"""The catalogue as Open Referral HSDS 3.0 JSON (issue 9, item 2): the coordinator downloads
it, and importing it gives the same catalogue back (into a fresh municipality, or into the
same one after its initiatives were removed); importing it again changes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from omzien.core.models import AuditEvent, Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    login_verified,
    member,
)
from omzien.socialmap import agenda, services
from omzien.socialmap.models import Event, ImportJob, Initiative, InitiativeVersion

pytestmark = [pytest.mark.django_db, pytest.mark.issue(9)]

BASE = {
    "description": "Samen koffie drinken.",
    "kinds": ["meeting"],
    "where": "venue",
    "street": "Slotlaan 1",
    "postcode": "3701 AB",
    "place": "Zeist",
}


def catalogue(municipality: Municipality, coordinator) -> list[Initiative]:
    """Initiatives of every shape: statuses, where, events, groups, languages, costs."""
    welfare = OrganisationFactory(municipality=municipality, name="Welzijn Zeist")
    library = OrganisationFactory(municipality=municipality, name="Bibliotheek")

    def make(organisation, **values):
        values = {**BASE, "organisation": organisation, **values}
        return services.save_initiative(actor=coordinator, municipality=municipality, values=values)

    coffee = make(welfare, name="Koffieochtend", reference="K-1", wheelchair=True,
                  hearing_loop=True, capacity=30, places_left=4, languages=["Nederlands", "Turks"],
                  contact_name="Anja", contact_email="anja@example.org",
                  contact_phone="030 1234567",
                  website="https://example.org/koffie", schedule="Dinsdag 10-12")  # fmt: skip
    buddy = make(welfare, name="Maatje", kinds=["meaningful_contact"], where="at_home",
                 target_groups=["widowhood", "carers"], age_min=65, age_max=110,
                 street="", postcode="", place="", waiting_list=True, transport=True)  # fmt: skip
    online = make(library, name="Online les", kinds=["practical_support", "social_skills"],
                  where="online", free=False, cost="€ 5 per keer", quiet_room=True,
                  website="https://example.org/les")  # fmt: skip
    course = make(library, name="Cursus", kinds=["realistic_expectations"], postcode="3705 BA")
    services.move_initiative(actor=coordinator, initiative=coffee, action="publish")
    services.move_initiative(actor=coordinator, initiative=online, action="submit")
    services.move_initiative(actor=coordinator, initiative=course, action="archive")
    services.add_event(actor=coordinator, initiative=coffee,
                       starts_at=dt.datetime(2026, 10, 20, 10, tzinfo=agenda.TZ),
                       rrule=services.rule_for("weekly", dt.date(2027, 3, 30)))  # fmt: skip
    services.add_event(actor=coordinator, initiative=coffee,
                       starts_at=dt.datetime(2026, 9, 30, 14, tzinfo=agenda.TZ), minutes=90,
                       title="Open middag in de Week tegen Eenzaamheid",
                       note="Met taart")  # fmt: skip
    services.add_event(actor=coordinator, initiative=online,
                       starts_at=dt.datetime(2026, 11, 2, 19, 30, tzinfo=agenda.TZ), minutes=60,
                       rrule="FREQ=MONTHLY;BYDAY=1MO;COUNT=6")  # fmt: skip
    return [coffee, buddy, online, course]


def export(client, slug: str) -> dict:
    answer = client.get(f"/g/{slug}/sociale-kaart/export.json")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("application/json")
    assert "attachment" in answer["Content-Disposition"]
    return json.loads(answer.content)


def import_json(client, slug: str, document: dict) -> ImportJob:
    answer = client.post(
        f"/g/{slug}/sociale-kaart/import/",
        {"file": SimpleUploadedFile("kaart.json", json.dumps(document).encode()),
         "status": "concept"},
    )  # fmt: skip
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return ImportJob.objects.get(pk=answer["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def zeist_catalogue(client):
    zeist = Municipality.objects.get(code="GM0355")
    coordinator = member(Role.COORDINATOR, zeist)
    made = catalogue(zeist, coordinator)
    login_verified(client, coordinator)
    return zeist, coordinator, made


def test_the_export_is_hsds_shaped_with_our_key_as_the_service_id(client, zeist_catalogue):
    zeist, _coordinator, (coffee, buddy, online, course) = zeist_catalogue
    document = export(client, "zeist")
    assert document["hsds_version"] == "3.0"
    services_by_name = {s["name"]: s for o in document["organizations"] for s in o["services"]}
    service = services_by_name["Koffieochtend"]
    assert service["id"] == str(coffee.hsds_id) and service["status"] == "active"
    location = service["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "3701 AB"
    assert (location["latitude"], location["longitude"]) == (coffee.latitude, coffee.longitude)
    assert {a["description"] for a in location["accessibility"]} == {"Rolstoeltoegankelijk",
                                                                    "Ringleiding"}  # fmt: skip
    weekly = next(s for s in service["schedules"] if s["freq"] == "WEEKLY")
    assert weekly["dtstart"] == "2026-10-20" and weekly["opens_at"] == "10:00+02:00"
    assert weekly["x-omzien"]["rrule"].startswith("FREQ=WEEKLY;UNTIL=")
    assert weekly["x-omzien"]["tzid"] == "Europe/Amsterdam"
    assert service["x-omzien"]["kinds"] == ["meeting"] and service["x-omzien"]["reference"] == "K-1"
    assert [t["taxonomy_term"]["code"] for t in service["attributes"]] == ["meeting"]
    maatje = services_by_name["Maatje"]
    assert (maatje["minimum_age"], maatje["maximum_age"]) == (65, 110)
    assert (
        maatje["service_at_locations"] == []
        and "Mantelzorgers" in maatje["eligibility_description"]
    )
    assert (
        services_by_name["Online les"]["service_at_locations"][0]["location"]["location_type"]
        == "virtual"
    )
    assert services_by_name["Cursus"]["status"] == "defunct"
    assert AuditEvent.objects.filter(action="catalogue_exported").count() == 1


def test_hsds_export_reimports_to_the_same_catalogue_in_a_fresh_municipality(
    client, zeist_catalogue
):
    first = export(client, "zeist")
    fresh = MunicipalityFactory(slug="proefstad")
    login_verified(client, member(Role.COORDINATOR, fresh))
    job = import_json(client, "proefstad", first)
    assert job.state == ImportJob.State.DONE, job.problems
    assert job.summary["created"] == 4
    assert job.summary["organisations"] == ["Bibliotheek", "Welzijn Zeist"]
    again = export(client, "proefstad")
    assert again["organizations"] == first["organizations"]
    assert Event.objects.filter(municipality=fresh).count() == 3


def test_hsds_export_reimports_to_the_same_catalogue_after_a_wipe(client, zeist_catalogue):
    zeist, _coordinator, _made = zeist_catalogue
    first = export(client, "zeist")
    Initiative.objects.filter(municipality=zeist).delete()
    job = import_json(client, "zeist", first)
    assert job.state == ImportJob.State.DONE, job.problems
    assert export(client, "zeist")["organizations"] == first["organizations"]


def test_the_same_hsds_file_twice_changes_nothing(client, zeist_catalogue):
    document = export(client, "zeist")
    versions, events = InitiativeVersion.objects.count(), Event.objects.count()
    job = import_json(client, "zeist", document)
    assert job.summary == {"created": 0, "changed": 0, "unchanged": 4, "organisations": []}
    assert (InitiativeVersion.objects.count(), Event.objects.count()) == (versions, events)


def test_a_changed_schedule_in_the_file_replaces_the_events(client, zeist_catalogue):
    zeist, _coordinator, (coffee, *_rest) = zeist_catalogue
    coffee.refresh_from_db()
    before = coffee.version
    document = export(client, "zeist")
    service = next(s for o in document["organizations"] for s in o["services"]
                   if s["name"] == "Koffieochtend")  # fmt: skip
    service["schedules"] = service["schedules"][:1]
    job = import_json(client, "zeist", document)
    assert job.summary["changed"] == 1 and coffee.events.count() == 1
    coffee.refresh_from_db()
    assert coffee.version == before + 1  # the meeting removed: one new version
    assert len(coffee.versions.get(number=coffee.version).data["events"]) == 1


def test_a_bad_hsds_file_changes_nothing_and_names_the_service(client, zeist_catalogue):
    document = export(client, "zeist")
    services_ = [s for o in document["organizations"] for s in o["services"]]
    services_[0]["x-omzien"]["kinds"] = ["knutselen"]
    services_[1]["schedules"] = [{"x-omzien": {"starts_at": "2026-10-20T10:00",
                                               "rrule": "FREQ=SOMS"}}]  # fmt: skip
    services_[2]["service_at_locations"] = [{"location": {
        "location_type": "physical", "addresses": [{"postal_code": "9999 ZZ"}]}}]  # fmt: skip
    services_[2]["x-omzien"]["where"] = "venue"
    versions = InitiativeVersion.objects.count()
    job = import_json(client, "zeist", document)
    assert job.state == ImportJob.State.REFUSED
    assert [(p["line"], p["column"]) for p in job.problems] == [
        (1, "kinds"), (2, "schedules[0]"), (3, "postal_code")]  # fmt: skip
    assert InitiativeVersion.objects.count() == versions
    page = client.get(f"/g/zeist/sociale-kaart/import/{job.pk}/").content.decode()
    assert "Dienst" in page and "Deze postcode kennen we niet." in page


def test_an_hsds_file_from_another_system_is_read_from_the_standard_fields(client, zeist_catalogue):
    service = {
        "id": "0b6c7d2e-1f3a-4b5c-8d9e-0f1a2b3c4d5e",
        "name": "Taalcafé",
        "description": "Samen Nederlands praten.",
        "status": "active",
        "minimum_age": 18,
        "languages": [{"name": "Nederlands"}],
        "attributes": [
            {"taxonomy_term": {"code": "meeting", "taxonomy": "omzien:werkzame-elementen"}}
        ],
        "service_at_locations": [{"location": {
            "location_type": "physical",
            "addresses": [{"address_1": "Markt 1", "city": "Zeist", "postal_code": "3701JZ"}],
            "accessibility": [{"description": "Rolstoeltoegankelijk"}],
        }}],
        "schedules": [{"dtstart": "2027-01-04", "opens_at": "19:00", "closes_at": "20:30",
                       "freq": "WEEKLY", "byday": "MO", "until": "2027-06-28"}],
    }  # fmt: skip
    job = import_json(client, "zeist", {"organizations": [{"name": "Buurtkamer",
                                                          "services": [service]}]})  # fmt: skip
    assert job.state == ImportJob.State.DONE, job.problems
    made = Initiative.objects.get(name="Taalcafé")
    assert str(made.hsds_id) == service["id"] and made.status == "published"
    assert made.kinds == ["meeting"] and made.wheelchair and made.postcode == "3701 JZ"
    assert (made.age_min, made.organisation.name) == (18, "Buurtkamer")
    event = made.events.get()
    assert event.minutes == 90 and event.rrule.startswith("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270628")
    assert event.starts_at == dt.datetime(2027, 1, 4, 19, tzinfo=agenda.TZ)
