"""Retention with frozen time: after the period the personal data is gone everywhere, the
tombstones and the anonymous statistics remain; before it nothing changes (issue 4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from omzien.assessment.models import Assessment
from omzien.core import services as core_services
from omzien.core.models import AuditEvent, Municipality, Resident
from omzien.core.roles import Role
from omzien.core.tests.factories import member
from omzien.signalling.cases import services
from omzien.signalling.cases.workflow import CaseState, Outcome
from omzien.signalling.models import Case, CaseEvent, Signal, Tombstone
from omzien.signalling.privacy import retention
from omzien.signalling.settings import settings_of
from omzien.signalling.tests.factories import file_signal, zeist

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]

AMS = ZoneInfo("Europe/Amsterdam")
START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=AMS)
CLOSED = START + dt.timedelta(days=10)

#: Everything personal the scenario stores. None of it may survive erasure anywhere.
PERSONAL = {
    "name": "Wilhelmina Zonnebloem-Testpersoon",
    "street": "Kwartelhofje-Testlaan",
    "phone": "0698712345",
    "email": "wilhelmina.zonnebloem@example.invalid",
    "postcode": "3701 XK",
    "concern": "Mevrouw huilt vaak sinds haar kleinzoon Keesjan-Testkind verhuisde",
    "reporter_name": "Bertus Meldpersoon-Test",
    "reporter_email": "bertus.meldpersoon@example.invalid",
    "reporter_phone": "0612398745",
    "attempt_note": "Buurvrouw Gerritje-Testbuur zegt dat ze overdag slaapt",
    "consent": "Doorverwijzing naar het maatjesproject Testzonnebloem",
    "note": "Gesprek: mist haar overleden man Hendrikus-Testman",
}
#: Search strings: the values plus the postcode without its space.
NEEDLES = [*PERSONAL.values(), PERSONAL["postcode"].replace(" ", "")]


@dataclass
class World:
    municipality: Municipality
    coordinator: object
    caseworker: object
    resident: Resident
    case: Case
    signal: Signal
    assessment: Assessment


def closed_case_with_everything(municipality=None, *, close=True) -> World:
    """A resident with a full case: signal with reporter contact, attempt, consent, note,
    assessment, resident details; closed at CLOSED (unless ``close`` is False)."""
    municipality = municipality or zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    caseworker = member(Role.CASEWORKER, municipality)
    with time_machine.travel(START, tick=False):
        intake = file_signal(
            municipality,
            postcode=PERSONAL["postcode"],
            house_number="17",
            house_number_addition="B",
            person_name=PERSONAL["name"],
            concern=PERSONAL["concern"],
            signs=["curtains_closed", "life_event"],
            relation="neighbour",
            reporter_name=PERSONAL["reporter_name"],
            reporter_email=PERSONAL["reporter_email"],
            reporter_phone=PERSONAL["reporter_phone"],
        )
        case = intake.case
        resident = case.resident
        core_services.update_resident(
            actor=coordinator,
            resident=resident,
            data={
                "street": PERSONAL["street"],
                "phone": PERSONAL["phone"],
                "email": PERSONAL["email"],
                "birth_date": dt.date(1941, 3, 2),
            },
        )
        services.assign_case(actor=coordinator, case=case, caseworker=caseworker)
        services.log_attempt(
            actor=caseworker,
            case=case,
            method="visit",
            reached=True,
            note=PERSONAL["attempt_note"],
        )
        services.record_consent(
            actor=caseworker, case=case, scope=PERSONAL["consent"], how="verbal"
        )
        services.add_note(actor=caseworker, case=case, text=PERSONAL["note"])
        assessment = services.record_case_assessment(
            actor=caseworker, case=case, instrument="direct", answers={1: "often_always"}
        )
        services.move_case(actor=caseworker, case=case, target=CaseState.IN_PROGRESS)
    if close:
        with time_machine.travel(CLOSED, tick=False):
            services.close_case(actor=caseworker, case=case, outcome=Outcome.SUPPORTED)
    return World(municipality, coordinator, caseworker, resident, case, intake.signal, assessment)


# --- Database-wide helpers ----------------------------------------------------------------------


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names())


def _columns(cursor, table: str) -> list[str]:
    return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def find_personal_data(needles=NEEDLES) -> dict[str, list[str]]:
    """Every (table, column) of the whole database where one of ``needles`` occurs."""
    found: dict[str, list[str]] = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _tables():
            for column in _columns(cursor, table):
                condition = " OR ".join(f"CAST({qn(column)} AS TEXT) LIKE %s" for _ in needles)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {qn(table)} WHERE {condition}",
                    [f"%{needle}%" for needle in needles],
                )
                if cursor.fetchone()[0]:
                    found.setdefault(table, []).append(column)
    return found


def snapshot() -> dict[str, str]:
    """A fingerprint of every row of every table."""
    prints = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {qn(table)} ORDER BY 1")
            digest = hashlib.sha256()
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
            prints[table] = digest.hexdigest()
    return prints


def purge(*args: str) -> str:
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def at(moment):
    return time_machine.travel(moment, tick=False)


# --- Tests ----------------------------------------------------------------------------------


def test_the_scenario_stores_personal_data_that_the_scan_finds():
    """Guards the scan itself: before erasure it finds every kind of personal data."""
    closed_case_with_everything()
    found = find_personal_data()
    assert {"core_resident", "signalling_signal", "signalling_caseevent"} <= found.keys()
    # The audit log never held any of it.
    assert "core_auditevent" not in found


def test_after_the_period_personal_data_is_gone_everywhere():
    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=366)):
        output = purge()

    assert find_personal_data() == {}
    assert "GM0355" in output and "1 cases" in output and "1 residents" in output
    for needle in NEEDLES:
        assert needle not in output

    case = Case.objects.get(pk=world.case.pk)
    assert case.personal_data_erased_at is not None
    assert case.resident is None
    assert not Resident.objects.filter(pk=world.resident.pk).exists()
    assert not Assessment.objects.filter(pk=world.assessment.pk).exists()
    signal = Signal.objects.get(pk=world.signal.pk)
    assert signal.postcode == "3701"
    assert (signal.house_number, signal.person_name, signal.concern) == ("", "", "")
    assert (signal.signs, signal.crisis_words) == ([], [])
    assert signal.reporter_contact_erased_at is not None
    assert not CaseEvent.objects.filter(case=case).exclude(text="", consent_scope="").exists()


def test_the_audit_log_is_kept_and_holds_no_personal_data():
    world = closed_case_with_everything()
    events_before = AuditEvent.objects.count()
    with at(CLOSED + dt.timedelta(days=366)):
        purge()
    assert AuditEvent.objects.count() > events_before  # append-only: nothing removed
    assert "core_auditevent" not in find_personal_data()
    erased = AuditEvent.objects.get(action="case_personal_data_erased")
    assert erased.object_id == str(world.case.pk)
    assert erased.extra["reason"] == "retention"
    assert AuditEvent.objects.filter(action="resident_erased").count() == 1


def test_tombstones_say_what_was_removed_and_why_but_not_the_data():
    world = closed_case_with_everything()
    moment = CLOSED + dt.timedelta(days=366)
    with at(moment):
        purge()
    stones = {(t.object_type, t.object_ref): t for t in Tombstone.objects.all()}
    assert {t.reason for t in stones.values()} == {"retention"}
    assert {t.removed_at for t in stones.values()} == {moment}
    signal_stone = stones[("signalling.signal", world.signal.pk)]
    assert {"person_name", "concern", "postcode", "reporter_email", "house_number"} <= set(
        signal_stone.removed
    )
    assert stones[("signalling.case", world.case.pk)].removed == ["resident"]
    resident_stone = stones[("core.resident", world.resident.pk)]
    assert resident_stone.removed[0] == "record"
    assert {"name", "street", "phone", "email", "birth_date"} <= set(resident_stone.removed)
    assert stones[("assessment.assessment", world.assessment.pk)].removed[0] == "record"
    event_types = [key for key in stones if key[0] == "signalling.caseevent"]
    assert len(event_types) == 3  # the attempt note, the consent, the conversation note


def test_statistics_keep_the_anonymous_facts():
    world = closed_case_with_everything()
    before = retention.anonymous_facts(world.municipality)
    with at(CLOSED + dt.timedelta(days=366)):
        purge()
    after = retention.anonymous_facts(world.municipality)
    assert after == before
    assert after["cases_by_outcome"] == {"supported": 1}
    assert after["signals_by_channel"] == {"public_form": 1}
    assert sum(after["cases_by_district"].values()) == 1


def test_before_the_period_the_case_and_resident_are_untouched():
    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=364)):
        purge()
    case = Case.objects.get(pk=world.case.pk)
    assert case.personal_data_erased_at is None
    assert case.resident_id == world.resident.pk
    assert Resident.objects.get(pk=world.resident.pk).name == PERSONAL["name"]
    signal = Signal.objects.get(pk=world.signal.pk)
    assert signal.concern == PERSONAL["concern"]
    assert signal.reporter_name == ""  # only the reporter's contact went (after 30 days)
    assert Assessment.objects.filter(pk=world.assessment.pk).exists()


def test_nothing_changes_at_all_within_the_reporter_contact_period():
    closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=29)):
        before = snapshot()
        output = purge()
        assert snapshot() == before
    assert "Total: erased 0 cases" in output


def test_reporter_contact_is_erased_after_30_days_but_the_case_is_kept():
    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=31)):
        output = purge()
    assert "1 reporter contacts" in output
    signal = Signal.objects.get(pk=world.signal.pk)
    assert (signal.reporter_name, signal.reporter_email, signal.reporter_phone) == ("", "", "")
    assert signal.reporter_contact_erased_at is not None
    assert signal.concern == PERSONAL["concern"]
    assert signal.person_name == PERSONAL["name"]
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is None
    stone = Tombstone.objects.get()
    assert stone.reason == "reporter_contact"
    assert sorted(stone.removed) == ["reporter_email", "reporter_name", "reporter_phone"]
    found = find_personal_data(
        [PERSONAL["reporter_name"], PERSONAL["reporter_email"], PERSONAL["reporter_phone"]]
    )
    assert found == {}


def test_the_reporter_contact_period_is_a_setting():
    world = closed_case_with_everything()
    settings = settings_of(world.municipality)
    settings.reporter_contact_retention_days = 60
    settings.save()
    with at(CLOSED + dt.timedelta(days=31)):
        purge()
    assert Signal.objects.get(pk=world.signal.pk).reporter_name == PERSONAL["reporter_name"]
    with at(CLOSED + dt.timedelta(days=61)):
        purge()
    assert Signal.objects.get(pk=world.signal.pk).reporter_name == ""


def test_the_retention_period_is_the_municipality_setting():
    world = closed_case_with_everything()
    settings = settings_of(world.municipality)
    settings.retention_days = 60
    settings.save()
    with at(CLOSED + dt.timedelta(days=59)):
        purge()
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is None
    with at(CLOSED + dt.timedelta(days=61)):
        purge()
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is not None


def test_dry_run_changes_nothing_and_predicts_the_real_run():
    closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=366)):
        before = snapshot()
        dry = purge("--dry-run")
        assert snapshot() == before
        real = purge()
    assert dry.startswith("Dry run: nothing is changed.")
    dry_total = dry.splitlines()[-1].replace("would erase", "erased")
    assert dry_total == real.splitlines()[-1]
    assert "1 cases (1 signals, 3 timeline entries, 1 assessments), 1 residents" in dry_total


def test_a_second_run_finds_nothing_left_to_do():
    closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=366)):
        purge()
        stones = Tombstone.objects.count()
        second = purge()
    assert "Total: erased 0 cases" in second and "0 residents" in second
    assert Tombstone.objects.count() == stones


def test_a_record_erased_by_another_process_is_skipped():
    """Each record is re-checked under its lock: a second eraser finds nothing to do."""
    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=366)):
        first = retention.erase_case(world.case.pk, reason="retention")
        second = retention.erase_case(world.case.pk, reason="retention")
    assert first.cases == 1 and second is None
    assert Tombstone.objects.filter(object_type="signalling.case").count() == 1


def test_a_reopened_case_is_not_erased():
    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=100)):
        services.reopen_case(actor=world.caseworker, case=world.case)
    with at(CLOSED + dt.timedelta(days=400)):
        purge()
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is None
    assert Resident.objects.get(pk=world.resident.pk).name == PERSONAL["name"]


def test_a_resident_with_another_open_case_is_kept_but_the_old_case_is_erased():
    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=300)):
        newer = file_signal(
            world.municipality,
            postcode=PERSONAL["postcode"],
            house_number="17",
            house_number_addition="B",
            concern="Weer dicht, de gordijnen.",
        )
    assert newer.case.pk != world.case.pk and newer.case.resident_id == world.resident.pk
    with at(CLOSED + dt.timedelta(days=366)):
        purge()
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is not None
    assert Signal.objects.get(pk=world.signal.pk).concern == ""
    resident = Resident.objects.get(pk=world.resident.pk)
    assert resident.name == PERSONAL["name"]
    assert Signal.objects.get(pk=newer.signal.pk).concern == "Weer dicht, de gordijnen."
    # The old case's assessment went with it.
    assert not Assessment.objects.filter(pk=world.assessment.pk).exists()


def test_a_resident_without_cases_goes_after_a_period_without_changes():
    municipality = zeist()
    coordinator = member(Role.COORDINATOR, municipality)
    with at(START):
        resident = core_services.create_resident(
            actor=coordinator,
            municipality=municipality,
            data={"postcode": "3701 XK", "house_number": "3", "name": PERSONAL["name"]},
        )
    with at(START + dt.timedelta(days=364)):
        purge()
    assert Resident.objects.filter(pk=resident.pk).exists()
    with at(START + dt.timedelta(days=366)):
        output = purge()
    assert not Resident.objects.filter(pk=resident.pk).exists()
    assert "1 residents" in output
    assert find_personal_data([PERSONAL["name"]]) == {}


def test_only_the_chosen_municipality_with_the_municipality_option():
    world = closed_case_with_everything()
    utrecht = Municipality.objects.get(code="GM0344")
    other = file_signal(utrecht, postcode="3511 AB", house_number="5", concern="Zorgen.")
    caseworker = member(Role.CASEWORKER, utrecht)
    coordinator = member(Role.COORDINATOR, utrecht)
    with at(CLOSED):
        services.assign_case(actor=coordinator, case=other.case, caseworker=caseworker)
        services.close_case(actor=caseworker, case=other.case, outcome=Outcome.NO_CONCERN)
    with at(CLOSED + dt.timedelta(days=366)):
        output = purge("--municipality", "GM0344")
    assert "GM0344" in output and "GM0355" not in output
    assert Case.objects.get(pk=other.case.pk).personal_data_erased_at is not None
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is None


def test_an_unknown_municipality_code_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        purge("--municipality", "GM9999")


def test_the_daily_task_runs_the_same_retention():
    from omzien.signalling.tasks import purge_personal_data

    world = closed_case_with_everything()
    with at(CLOSED + dt.timedelta(days=366)):
        result = purge_personal_data.call()
    assert result["GM0355"]["cases"] == 1
    assert Case.objects.get(pk=world.case.pk).personal_data_erased_at is not None
    assert find_personal_data() == {}
