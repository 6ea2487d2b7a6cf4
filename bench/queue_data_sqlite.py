"""Data of the queue benchmark on SQLite: the same distribution as on PostgreSQL
(``bench/queue_data_pg.py``), drawn in Python and written with ``executemany``."""

from __future__ import annotations

import datetime as dt
import random

from bench.queue_common import (
    CHANNELS,
    FIRST_NAMES,
    LAST_NAMES,
    LETTERS,
    NAME_PREFIXES,
    OUTCOMES,
    receipt_code,
)


def generate_sqlite(cases: int, seed: float) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        municipalities, team_of_district, caseworkers = _staff()
        residents, case_rows, signal_rows = _rows(
            cases, rng, now, municipalities, team_of_district, caseworkers
        )
        _insert(residents, case_rows, signal_rows)
        del residents, case_rows, signal_rows
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _staff():
    """Per municipality an organisation, a coordinator and teams with four caseworkers:
    the municipalities, the team of each district and the caseworkers of each team."""
    from omzien.core.models import District, Membership, Municipality, Organisation, Team, User

    districts: dict[int, list[int]] = {}
    for d in District.objects.order_by("municipality_id", "code").values("id", "municipality_id"):
        districts.setdefault(d["municipality_id"], []).append(d["id"])
    municipalities = list(Municipality.objects.order_by("pk"))
    team_of_district: dict[int, int] = {}
    caseworkers: dict[int, list[int]] = {}
    for m in municipalities:
        org = Organisation.objects.create(municipality=m, name=f"Welzijn {m.name}", kind="welfare")
        coordinator = User.objects.create(
            username=f"co-{m.code}",
            email=f"co-{m.code}@bench.invalid",
            password="!",
            first_name="Kartrekker",
            last_name=m.code,
        )
        Membership.objects.create(user=coordinator, municipality=m, role="coordinator")
        for idx, district_id in enumerate(districts.get(m.pk, [])):
            team, created = Team.objects.get_or_create(
                municipality=m, name=f"Team {idx // 3 + 1}", defaults={"organisation": org}
            )
            if created:
                caseworkers[team.pk] = _caseworkers(m, org, team)
            if idx % 10 != 9:
                team.districts.add(district_id)
                team_of_district[district_id] = team.pk
    return municipalities, team_of_district, caseworkers


def _caseworkers(m, org, team) -> list[int]:
    from omzien.core.models import Membership, User

    caseworkers = []
    for k in range(4):
        username = f"cw-{team.pk}-{k}"
        user = User.objects.create(
            username=username,
            email=f"{username}@bench.invalid",
            password="!",
            first_name="Werker",
            last_name=username,
        )
        Membership.objects.create(
            user=user,
            municipality=m,
            role="caseworker",
            organisation=org,
            team=team,
        )
        caseworkers.append(user.pk)
    return caseworkers


def _rows(cases: int, rng, now, municipalities, team_of_district, caseworkers):
    """The rows of the residents, cases and signals (5% of the cases get a second signal)."""
    pc4s, inhabitants = _pc4s_and_inhabitants(municipalities)
    total = sum(inhabitants.values())
    residents, case_rows, signal_rows = [], [], []
    n = 0
    for m in municipalities:
        if m.pk not in pc4s:
            continue  # as on PostgreSQL: no PC4 area, no generated cases
        for _ in range(max(1, round(cases * inhabitants[m.pk] / total))):
            n += 1
            resident, case_row, signal_row = _case(
                rng, n, m.pk, now, pc4s[m.pk], team_of_district, caseworkers
            )
            residents.append(resident)
            case_rows.append(case_row)
            signal_rows.append(signal_row)
    for row in case_rows[: len(case_rows) // 20]:
        n += 1
        signal_rows.append(
            (n, row[1], row[0], receipt_code(n), "phone", residents[row[0] - 1][4],
             residents[row[0] - 1][5], residents[row[0] - 1][2], False, row[5], row[11])
        )  # fmt: skip
    return residents, case_rows, signal_rows


def _pc4s_and_inhabitants(municipalities):
    from omzien.core.models import District, PostcodeArea

    pc4s: dict[int, list[tuple[str, int | None]]] = {}
    for p in (
        PostcodeArea.objects.exclude(municipality=None)
        .order_by("pc4")
        .values_list("pc4", "municipality_id", "district_id")
    ):
        pc4s.setdefault(p[1], []).append((p[0], p[2]))
    inhabitants = {m.pk: 1 for m in municipalities}
    for d in District.objects.values("municipality_id", "inhabitants"):
        inhabitants[d["municipality_id"]] += d["inhabitants"] or 0
    return pc4s, inhabitants


def _case(rng, n: int, m_pk: int, now, pc4s, team_of_district, caseworkers):
    """One case's resident, case and signal rows, drawn in the order the rows always were."""
    r = rng.random()
    state = (
        "closed" if r < 0.90 else "new" if r < 0.92 else "assigned" if r < 0.935
        else "contacting" if r < 0.965 else "in_progress" if r < 0.985
        else "referred" if r < 0.995 else "reopened"
    )  # fmt: skip
    urgent = rng.random() < 0.05
    days = 1095 if state == "closed" else 5 if state in ("new", "assigned") else 60
    created = now - dt.timedelta(days=days * rng.random())
    pc4, district_id = rng.choice(pc4s)
    team_id = team_of_district.get(district_id)
    worker = rng.choice(caseworkers[team_id]) if team_id and state != "new" else None
    contact = rng.random()
    first_contact = (
        None
        if state in ("new", "assigned")
        or (state == "contacting" and contact < 0.5)
        or (state == "closed" and contact < 0.1)
        else created + dt.timedelta(hours=52 * contact)
    )
    postcode = f"{pc4} {LETTERS[n % 21]}{LETTERS[(n // 21) % 21]}"
    name = (
        f"{rng.choice(FIRST_NAMES)} {NAME_PREFIXES[n % len(NAME_PREFIXES)]}{rng.choice(LAST_NAMES)}"
    )
    resident = (
        n, m_pk, name, "Bankstraat", postcode, str(1 + n % 180), "", "", "", "",
        district_id, created, created
    )  # fmt: skip
    case_row = (
        n, m_pk, n, state, rng.choice(OUTCOMES) if state == "closed" else "",
        district_id, team_id, worker, urgent,
        created + dt.timedelta(hours=4 if urgent else 48), first_contact, created,
        created, created + dt.timedelta(days=60 * rng.random())
        if state == "closed" else None, None
    )  # fmt: skip
    signal_row = (
        n, m_pk, n, receipt_code(n), rng.choice(CHANNELS), postcode,
        str(1 + n % 180), name, urgent, district_id, created
    )  # fmt: skip
    return resident, case_row, signal_row


def _insert(residents, case_rows, signal_rows) -> None:
    from django.db import connection

    from omzien.core.models import Resident
    from omzien.signalling.models import Case, Signal

    # Store datetimes exactly as Django does on SQLite (naive UTC text).
    adapt = connection.ops.adapt_datetimefield_value

    def adapted(rows):
        return [tuple(adapt(v) if isinstance(v, dt.datetime) else v for v in row) for row in rows]

    residents, case_rows, signal_rows = (
        adapted(residents),
        adapted(case_rows),
        adapted(signal_rows),
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"""INSERT INTO {Resident._meta.db_table} (id, municipality_id, name, street,
                postcode, house_number, house_number_addition, place, phone, email,
                district_id, created_at, updated_at) VALUES ({",".join(["%s"] * 13)})""",
            residents,
        )
        cursor.executemany(
            f"""INSERT INTO {Case._meta.db_table} (id, municipality_id, resident_id, state,
                outcome, district_id, team_id, caseworker_id, urgent, contact_deadline,
                first_contact_at, created_at, updated_at, closed_at, personal_data_erased_at)
                VALUES ({",".join(["%s"] * 15)})""",
            case_rows,
        )
        cursor.executemany(
            f"""INSERT INTO {Signal._meta.db_table} (id, municipality_id, case_id,
                receipt_code, channel, organisation_id, reporter_id, postcode, house_number,
                house_number_addition, person_name, signs, concern, person_aware, relation,
                reporter_name, reporter_email, reporter_phone, reporter_contact_erased_at,
                urgent, crisis_words, district_id, idempotency_key, request_hash, created_at)
                VALUES (%s, %s, %s, %s, %s, NULL, NULL, %s, %s, '', %s,
                '["curtains_closed"]', 'Ik maak me zorgen.', 'unknown', '', '', '', '', NULL,
                %s, '[]', %s, '', '', %s)""",
            signal_rows,
        )
