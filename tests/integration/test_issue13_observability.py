"""Observability across the apps (issue 13, item 5).

* a full journey, with every log line captured as production writes it (the console handler
  with its filters and the JSON formatter, the root logger at DEBUG): none of the names,
  addresses, phone numbers, e-mail addresses, texts or receipt codes it used appear in the
  logs, and every request has its own request id;
* the signalling point's gauges of /metrics equal counts of constructed data;
* the example alert rules parse and use only metrics the app exports.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from pathlib import Path

import pytest
import yaml
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import include, path, reverse
from prometheus_client.parser import text_string_to_metric_families

from omzien.assessment.scales import INSTRUMENTS
from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import OrganisationFactory, login_verified, member
from omzien.core.tests.log_capture import access_lines, captured_logs, json_lines
from omzien.signalling.intake import inbox
from omzien.signalling.models import AcceptedSignal, Case, Signal
from omzien.signalling.setup.services import create_api_key
from omzien.signalling.tests.factories import file_signal, go_live, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(13)]

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "scrape-token-for-the-integration-tests"
BEARER = {"Authorization": f"Bearer {TOKEN}"}

# What the journey types: each string is distinctive enough to be found anywhere in the logs.
PERSON = "Hendrika Zwanenburg-Quist"
POSTCODE = "3704 XQ"
HOUSE = ("117", "Qbis")
REPORTER = "Bartholomeus Vlijmscherp"
PHONE = "06-98765432"
EMAIL = "bartholomeus.vlijmscherp@voorbeeld.invalid"
WORRY = "praat alleen nog tegen de kanarie Pietje sinds de winter"
PARTNER_PERSON = "Gerritdina Olieslager"
PARTNER_WORRY = "mist haar volkstuin aan de Bessemerlaan heel erg"
NOTE = "Kleinzoon Ezechiel Bontekoning woont in Tiel"
ATTEMPT_NOTE = "Bereikt via zus Wilhelmina Kroonsbergen"
REJECTED_NAME = "Cornelia Vastgoedbeheer"
STAFF_LAST_NAME = "Terpstra-Oudeboon"

SECRETS = [PERSON, "Zwanenburg", REPORTER, "Vlijmscherp", PHONE, "0698765432", EMAIL, WORRY]
SECRETS += ["kanarie Pietje", PARTNER_PERSON, "Olieslager", PARTNER_WORRY, "Bessemerlaan"]
SECRETS += [NOTE, "Bontekoning", ATTEMPT_NOTE, "Kroonsbergen", REJECTED_NAME, "Vastgoed"]
SECRETS += [POSTCODE, POSTCODE.replace(" ", ""), "Qbis", STAFF_LAST_NAME]


def boom(request, name):
    """A view that fails with what was typed in its message (and its path)."""
    raise RuntimeError(f"could not handle {name} at {POSTCODE} {HOUSE[0]}")


# The site's URLs plus the failing view (``urls`` marker below).
urlpatterns = [path("boem/<str:name>/", boom), path("", include("omzien.urls"))]
handler404 = "omzien.core.api.not_found"
handler500 = "omzien.core.views.error_500"


@pytest.fixture
def world():
    cache.clear()
    municipality = go_live(zeist())
    coordinator = member(Role.COORDINATOR, municipality, last_name=STAFF_LAST_NAME)
    partner = OrganisationFactory(municipality=municipality, name="Bibliotheek Zeist")
    key = create_api_key(actor=coordinator, organisation=partner, name="Balie-app").secret
    yield municipality, coordinator, key
    cache.clear()


def public_signal(client, slug: str) -> str:
    """The public form's three steps with the journey's data; returns the receipt code."""
    url = reverse("signalling:signal_form", kwargs={"municipality_slug": slug})
    about = {"postcode": POSTCODE, "house_number": HOUSE[0], "house_number_addition": HOUSE[1]}
    steps = [
        {**about, "person_name": PERSON},
        {
            "signs": ["curtains_closed"],
            "concern": WORRY,
            "person_aware": "no",
            "relation": "neighbour",
        },
        {"reporter_name": REPORTER, "reporter_phone": PHONE, "reporter_email": EMAIL},
    ]
    for number, data in enumerate(steps, start=1):
        answer = client.post(url, {"step": number, "action": "next", **data})
        assert answer.status_code == 302, answer.content.decode()[:1000]
    return Signal.objects.get(person_name=PERSON).receipt_code


def partner_signal(client, key: str) -> str:
    body = {
        "postcode": "3701 AB",
        "house_number": "5",
        "person_name": PARTNER_PERSON,
        "concern": PARTNER_WORRY,
        "reporter_email": EMAIL,
    }
    answer = client.post(
        "/api/v1/signals/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Api-Key {key}", "Idempotency-Key": str(uuid.uuid4())},
    )
    assert answer.status_code == 201, answer.content[:500]
    assert inbox.process_pending().processed == 1  # the intake processor, logs captured too
    return answer.json()["receipt_code"]


def casework(client, municipality, coordinator) -> None:
    """The coordinator opens the case and assigns it; the caseworker records contact, a note
    and an assessment; the coordinator searches residents and exports a resident's data."""
    case = Case.objects.get(signals__person_name=PERSON)
    caseworker = member(Role.CASEWORKER, municipality, first_name="Ida", last_name=STAFF_LAST_NAME)
    login_verified(client, coordinator)

    def case_url(name):
        return reverse(name, kwargs={"municipality_slug": municipality.slug, "pk": case.pk})

    assert client.get(case_url("signalling:case_detail")).status_code == 200
    assign = {"toewijzen-caseworker": caseworker.pk}
    assert client.post(case_url("signalling:case_assign"), assign).status_code == 302
    login_verified(client, caseworker)
    assert client.get(case_url("signalling:case_detail")).status_code == 200
    for name, data in (
        (
            "signalling:case_attempt",
            {"poging-method": "phone", "poging-reached": "yes", "poging-note": ATTEMPT_NOTE},
        ),
        ("signalling:case_note", {"notitie-text": NOTE}),
        (
            "signalling:case_consent",
            {"toestemming-scope": "meting en buurtcoach", "toestemming-how": "written"},
        ),
    ):
        answer = client.post(case_url(name), data)
        assert answer.status_code == 302, (name, answer.content.decode()[:1000])
    instrument = INSTRUMENTS["djg11"]
    answers = {f"item_{item.number}": instrument.options[0].value for item in instrument.items}
    answer = client.post(
        case_url("signalling:case_assessment"), {**answers, "taken_on": dt.date.today()}
    )
    assert answer.status_code == 302, answer.content.decode()[:1000]
    login_verified(client, coordinator)
    residents = reverse("core:resident_list", kwargs={"municipality_slug": municipality.slug})
    assert PERSON in client.get(residents, {"q": "Zwanenburg"}).content.decode()
    export = reverse(
        "signalling:resident_export",
        kwargs={"municipality_slug": municipality.slug, "pk": case.resident_id},
    )
    assert WORRY in client.get(export).content.decode()
    client.logout()


def errors(client, municipality, codes: list[str]) -> None:
    """A refused form with the values, 404s with data in the path, a failed login, a 500."""
    url = reverse("signalling:signal_form", kwargs={"municipality_slug": "zeist"})
    refused = client.post(
        url,
        {
            "step": 1,
            "action": "next",
            "postcode": "ZZ",
            "house_number": "",
            "person_name": REJECTED_NAME,
        },
    )
    assert refused.status_code in (200, 422) and REJECTED_NAME in refused.content.decode()
    assert client.get(f"/{PERSON.replace(' ', '-')}/?email={EMAIL}").status_code == 404
    assert client.get(f"/status/{codes[0]}/", {"naam": PERSON}).status_code == 200
    assert client.get("/status/ZZZZ9999/").status_code == 404
    login = client.post(reverse("core:login"), {"username": EMAIL, "password": WORRY})
    assert login.status_code == 200
    failing = Client(raise_request_exception=False)
    assert failing.get(f"/boem/{PERSON}/", {"adres": POSTCODE}).status_code == 500


@pytest.mark.urls(__name__)
def test_a_full_journey_leaves_no_personal_data_in_the_logs(client, world):
    municipality, coordinator, key = world
    with captured_logs(logging.DEBUG) as logs:
        codes = [public_signal(client, municipality.slug), partner_signal(client, key)]
        casework(client, municipality, coordinator)
        errors(client, municipality, codes)
    text = logs.getvalue()
    lines = json_lines(logs)  # every line is one JSON object
    found = [secret for secret in [*SECRETS, *codes, key] if secret.lower() in text.lower()]
    assert found == [], f"personal data in the logs: {found}"

    access = access_lines(logs)
    assert len(access) >= 15
    ids = [line["request_id"] for line in access]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids)
    assert {line["status"] for line in access} >= {200, 201, 302, 404, 500}
    assert any(line["municipality"] == municipality.code for line in access)
    assert any(line["user_id"] == coordinator.pk for line in access)
    # The 500 is logged with the request's id, its route and the error's type only.
    (error,) = [line for line in lines if line["logger"] == "django.request"]
    assert error["request_id"] == access[-1]["request_id"]
    assert error["message"] == "Internal Server Error: /boem/<str:name>/"
    assert "builtins.RuntimeError (message not logged)" in error["exc_info"]
    # The intake processor's lines carry the intake's id instead of a request id.
    intake_id = AcceptedSignal.objects.get(receipt_code=codes[1]).pk
    assert any(line.get("intake_id") == intake_id for line in lines)


# --- Gauges of the signalling point ---------------------------------------------------------


def scrape(client) -> dict[tuple[str, tuple], float]:
    with override_settings(OMZIEN_METRICS_TOKEN=TOKEN):
        text = client.get("/metrics", headers=BEARER).content.decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_overdue_gauges_count_open_cases_past_their_deadline_per_municipality_code(client):
    from django.utils import timezone

    utrecht = Municipality.objects.get(code="GM0344")
    go_live(zeist())
    past = timezone.now() - dt.timedelta(days=3)
    cases = [
        file_signal(zeist(), postcode="3701 AB", house_number=str(n)).case for n in range(1, 6)
    ]
    file_signal(utrecht, postcode="3511 AB", house_number="1")  # on time
    # Zeist: 1 and 2 overdue (2 urgent), 3 overdue but contacted, 4 overdue but closed, 5 on time.
    Case.objects.filter(pk__in=[c.pk for c in cases[:4]]).update(contact_deadline=past)
    Case.objects.filter(pk=cases[1].pk).update(urgent=True)
    Case.objects.filter(pk=cases[2].pk).update(first_contact_at=timezone.now())
    Case.objects.filter(pk=cases[3].pk).update(state="closed")
    scraped = scrape(client)
    assert scraped[("omzien_cases_overdue", (("municipality", "GM0355"),))] == 2
    assert scraped[("omzien_cases_overdue_urgent", (("municipality", "GM0355"),))] == 1
    # Utrecht has a case but is not live and none is overdue: no series; live Zeist always.
    assert ("omzien_cases_overdue", (("municipality", "GM0344"),)) not in scraped
    Case.objects.filter(pk__in=[cases[0].pk, cases[1].pk]).update(first_contact_at=timezone.now())
    assert scrape(client)[("omzien_cases_overdue", (("municipality", "GM0355"),))] == 0
    assert not any("Zeist" in str(labels) for _name, labels in scraped)


def test_intake_gauges_count_waiting_and_failing_intakes(client, world):
    from django.utils import timezone

    _municipality, _coordinator, key = world
    empty = scrape(client)
    assert empty[("omzien_intake_pending", ())] == 0
    assert empty[("omzien_intake_oldest_age_seconds", ())] == 0
    for _ in range(3):
        answer = Client().post(
            "/api/v1/signals/",
            data=json.dumps({"postcode": "3701 AB", "house_number": "2", "concern": "Stil."}),
            content_type="application/json",
            headers={"Authorization": f"Api-Key {key}", "Idempotency-Key": str(uuid.uuid4())},
        )
        assert answer.status_code == 201
    first = AcceptedSignal.objects.order_by("pk").first()
    AcceptedSignal.objects.filter(pk=first.pk).update(
        attempts=2, created_at=timezone.now() - dt.timedelta(hours=2)
    )
    scraped = scrape(client)
    assert scraped[("omzien_intake_pending", ())] == 3
    assert scraped[("omzien_intake_failing", ())] == 1
    assert 7100 < scraped[("omzien_intake_oldest_age_seconds", ())] < 7300


# --- The example alert rules ----------------------------------------------------------------


def test_the_alert_rules_parse_and_use_only_exported_metrics(client, world):
    rules = yaml.safe_load((ROOT / "docs/examples/prometheus-alerts.yml").read_text())
    alerts = [rule for group in rules["groups"] for rule in group["rules"]]
    names = {alert["alert"] for alert in alerts}
    assert {"OmzienIntakeBacklog", "OmzienIntakeFailing", "OmzienOverdueUrgentCases"} <= names
    assert {"OmzienNotReady", "OmzienTaskFailures"} <= names
    Client().get("/gezond/")  # a request, so that the request metrics have samples
    exported = {name for name, _labels in scrape(client)}
    for alert in alerts:
        assert alert["labels"]["severity"] in {"warning", "critical"}
        assert alert["annotations"]["summary"]
        used = set(re.findall(r"\bomzien_[a-z_]+\b", alert["expr"]))
        assert used, alert["alert"]
        assert used <= exported, (alert["alert"], used - exported)
