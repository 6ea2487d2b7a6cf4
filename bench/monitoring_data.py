"""The data of the monitoring benchmark (``bench/monitoring.py``), not timed: cases with one
signal each, closed cases with outcomes, assessments before and after help, a staff member in
every municipality and five years of benchmark answers. The rows of the cases, signals and
assessments are made by one ``INSERT ... SELECT`` each (the same SQL on both databases but
for a date sum)."""

from __future__ import annotations

import datetime as dt
import random

DAYS = 600
#: Every ``PAIR_EVERY``-th case first contacted gets an assessment at first contact and one
#: 60 days later on the same instrument (a before/after pair, ``case_pairs``).
PAIR_EVERY = 10
CASE_SQL = """
WITH RECURSIVE seq(i) AS (
  SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < (SELECT max(n) FROM bench_district)
)
INSERT INTO signalling_case (municipality_id, state, outcome, district_id, urgent,
  contact_deadline, first_contact_at, created_at, updated_at, closed_at)
SELECT d.municipality_id,
  CASE WHEN (seq.i + d.id) % 3 = 0 THEN 'closed' ELSE 'new' END,
  CASE WHEN (seq.i + d.id) % 3 = 0 THEN
    CASE (seq.i % 8) WHEN 0 THEN 'supported' WHEN 1 THEN 'referred' WHEN 2 THEN 'declined'
    WHEN 3 THEN 'unreachable' WHEN 4 THEN 'already_in_care' WHEN 5 THEN 'no_concern'
    WHEN 6 THEN 'moved_or_deceased' ELSE 'duplicate' END
  ELSE '' END,
  d.id, (seq.i % 17 = 0), t.deadline,
  CASE WHEN (seq.i + d.id) % 5 < 3 THEN t.contact END, t.created, t.created,
  CASE WHEN (seq.i + d.id) % 3 = 0 THEN t.closed END
FROM bench_district d JOIN seq ON seq.i <= d.n
JOIN bench_day t ON t.k = (seq.i * 7 + d.id) % {days}
"""
SIGNAL_SQL = """
INSERT INTO signalling_signal (municipality_id, case_id, receipt_code, channel, postcode,
  house_number, house_number_addition, person_name, postcode_check, signs, concern,
  person_aware, relation, reporter_name, reporter_email, reporter_phone, urgent, crisis_words,
  district_id, idempotency_key, request_hash, created_at)
SELECT c.municipality_id, c.id, 'S' || CAST((10000000 + c.id) AS TEXT),
  CASE c.id % 6 WHEN 0 THEN 'public_form' WHEN 1 THEN 'partner_link' WHEN 2 THEN 'reporter'
  WHEN 3 THEN 'partner_api' WHEN 4 THEN 'phone' ELSE 'self_referral' END,
  '1234 AB', '1', '', '', '', '[]', '', 'unknown', '', '', '', '', c.urgent, '[]',
  c.district_id, '', '', c.created_at
FROM signalling_case c
"""
#: ``{taken_on}``: the day of first contact, plus ``{later}`` days (per database).
ASSESSMENT_SQL = """
INSERT INTO assessment_assessment (municipality_id, resident_id, instrument, answers, total,
  category, kind, context, context_id, taken_on, created_at, withdrawn_reason)
SELECT c.municipality_id, r.id, 'djg11', '{{}}', {total}, '', 'unknown', 'case', c.id,
  {taken_on}, c.first_contact_at, ''
FROM signalling_case c JOIN bench_resident r ON r.municipality_id = c.municipality_id
WHERE c.first_contact_at IS NOT NULL AND c.id % {every} = 0
"""
TAKEN_ON = {
    "postgresql": "(CAST(c.first_contact_at AS date) + {later})",
    "sqlite": "date(c.first_contact_at, '+{later} days')",
}


def _day_rows(now: dt.datetime) -> list[tuple]:
    """(k, created, first contact, deadline, closed) of each of the last ``DAYS`` days: first
    contact 1 to 3 days after the case began, the norm 48 hours (two thirds within)."""
    rows = []
    for k in range(DAYS):
        created = now - dt.timedelta(days=k, hours=k % 24)
        contact = created + dt.timedelta(days=1 + k % 3)
        closed = min(now, created + dt.timedelta(days=20))
        rows.append((k, created, contact, created + dt.timedelta(hours=48), closed))
    return rows


def generate_cases(cases: int) -> None:
    """``cases`` cases over the districts by inhabitants, one signal each (six channels),
    a third closed with an outcome, 60% first contacted, every 17th urgent."""
    from django.db import connection, transaction
    from django.utils import timezone

    from omzien.core.models import District

    districts = list(District.objects.values_list("id", "municipality_id", "inhabitants"))
    total = sum(inhabitants or 0 for _i, _m, inhabitants in districts)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_district (id integer, municipality_id "
                       "integer, n integer)")  # fmt: skip
        cursor.execute("CREATE TEMPORARY TABLE bench_day (k integer, created timestamp, "
                       "contact timestamp, deadline timestamp, closed timestamp)")  # fmt: skip
        cursor.executemany(
            "INSERT INTO bench_district VALUES (%s, %s, %s)",
            [(i, m, round(cases * (n or 0) / total)) for i, m, n in districts],
        )
        cursor.executemany(
            "INSERT INTO bench_day VALUES (%s, %s, %s, %s, %s)", _day_rows(timezone.now())
        )
        cursor.execute(CASE_SQL.format(days=DAYS))
        cursor.execute(SIGNAL_SQL)
        cursor.execute("DROP TABLE bench_district")
        cursor.execute("DROP TABLE bench_day")


def generate_assessments() -> int:
    """Every ``PAIR_EVERY``-th contacted case: a De Jong Gierveld assessment at first contact
    and one 60 days later, 0 to 3 points lower (one resident per municipality holds them: the
    figures pair by case)."""
    from django.db import connection, transaction

    from omzien.assessment.models import Assessment
    from omzien.core.models import Municipality, Resident

    taken_on = TAKEN_ON[connection.vendor]
    with transaction.atomic(), connection.cursor() as cursor:
        Resident.objects.bulk_create(
            Resident(municipality_id=pk, house_number="1", postcode="1234 AB")
            for pk in Municipality.objects.values_list("pk", flat=True)
        )
        cursor.execute("CREATE TEMPORARY TABLE bench_resident AS SELECT MIN(id) AS id, "
                       "municipality_id FROM core_resident GROUP BY municipality_id")  # fmt: skip
        for later, total in ((0, "3 + c.id % 9"), (60, "3 + c.id % 9 - c.id % 4")):
            sql = ASSESSMENT_SQL.format(
                total=total, taken_on=taken_on.format(later=later), every=PAIR_EVERY
            )
            cursor.execute(sql)
        cursor.execute("DROP TABLE bench_resident")
    return Assessment.objects.count()


def generate_staff() -> None:
    """A coordinator in every municipality: ``participating_municipalities`` counts all 342."""
    from omzien.core.models import Membership, Municipality, User
    from omzien.core.roles import Role

    pks = list(Municipality.objects.values_list("pk", flat=True))
    users = User.objects.bulk_create(
        User(username=f"bench-{pk}", email=f"bench-{pk}@example.invalid") for pk in pks
    )
    Membership.objects.bulk_create(
        Membership(user=user, municipality_id=pk, role=Role.COORDINATOR)
        for user, pk in zip(users, pks, strict=True)
    )


def _value(question, rng: random.Random):
    if question.answer_type == "yes_no":
        return rng.random() < 0.6
    if question.answer_type == "number":
        full = float((question.scoring or {}).get("full", 10) or 10)
        return round(rng.uniform(0, full * 1.2), 1)
    values = [str(option["value"]) for option in question.options or []]
    if question.answer_type == "choice":
        return rng.choice(values) if values else None
    return rng.sample(values, rng.randint(0, len(values))) if values else []


def generate_benchmark(years: list[int]) -> int:
    """For every municipality and year a submitted response with every question answered, on
    the questionnaire of that year (``ensure_questionnaire``), scored by ``pillar_scores``."""
    from django.db import transaction
    from django.utils import timezone

    from omzien.benchmark.models import Answer, BenchmarkResponse
    from omzien.benchmark.questionnaire.definition import ensure_questionnaire
    from omzien.benchmark.scoring import pillar_scores, scored
    from omzien.core.models import Municipality

    rng = random.Random(12)
    municipalities = list(Municipality.objects.order_by("code"))
    answers = []
    with transaction.atomic():
        for year in years:
            questionnaire = ensure_questionnaire(year)
            questions = list(questionnaire.questions.all())
            shapes = [scored(question) for question in questions]
            values = [{q.code: _value(q, rng) for q in questions} for _m in municipalities]
            responses = BenchmarkResponse.objects.bulk_create(
                BenchmarkResponse(
                    municipality=municipality,
                    questionnaire=questionnaire,
                    submitted_at=timezone.now(),
                    scores={str(k): v for k, v in pillar_scores(shapes, given).items()},
                )
                for municipality, given in zip(municipalities, values, strict=True)
            )
            answers += [
                Answer(response=response, question=q, value=given[q.code])
                for response, given in zip(responses, values, strict=True)
                for q in questions
            ]
        Answer.objects.bulk_create(answers, batch_size=5000)
    return len(answers)
