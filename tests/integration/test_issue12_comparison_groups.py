"""Issue 12 across the apps: comparison groups and suppression below 5 with the real reference
data (the test subset: Zeist, De Bilt and Utrecht in the province Utrecht, Amsterdam in
Noord-Holland) and the real questionnaire. Municipalities fill in and submit through the
questionnaire's services (the real scoring); the results page of Zeist shows "te weinig
gemeenten" for its province while 4 of it submitted, and the province's mean and median, equal
to those counted here from the stored scores, once 5 did."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from html import unescape

import pytest
from django.test import Client

from omzien.benchmark.models import AnswerType, BenchmarkResponse
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.tests.factories_questionnaire import on_day
from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

YEAR = 2025
IN_WINDOW = dt.date(YEAR, 9, 15)
FEW = "te weinig gemeenten"


def fill_in_and_submit(municipality, questionnaire, variant: int) -> BenchmarkResponse:
    """Answer the yes/no questions (a different mix per ``variant``) and submit."""
    user = member(Role.POLICY, municipality)
    with on_day(IN_WINDOW):
        response = services.open_response(
            actor=user, municipality=municipality, questionnaire=questionnaire
        )
        yes_no = questionnaire.questions.filter(answer_type=AnswerType.YES_NO).order_by("position")
        for index, question in enumerate(yes_no):
            if question.prefill_key:
                continue
            raw = "ja" if (index + variant) % 3 else "nee"
            services.save_answer(actor=user, response=response, question=question, raw=raw)
        return services.submit_response(actor=user, response=response)


def decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def score_table(html: str) -> tuple[list[str], dict[int, list[str]]]:
    body = re.search(r'data-testid="scores-table">(.*?)</table>', html, re.S).group(1)
    header = [unescape(h).strip() for h in re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", body)]
    rows = {}
    for pillar, row in re.findall(r'<tr data-pillar="(\d)">(.*?)</tr>', body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows[int(pillar)] = [unescape(c).strip() for c in cells]
    return header, rows


def expected(responses, statistic) -> dict[int, str]:
    return {p: decimal(statistic([r.scores[str(p)] for r in responses])) for p in range(1, 6)}


def column(rows, header, title) -> dict[int, str]:
    index = header.index(title)
    return {p: cells[index] for p, cells in rows.items()}


def test_a_province_of_four_shows_too_few_and_of_five_shows_its_figures():
    questionnaire = ensure_questionnaire(YEAR)
    zeist = Municipality.objects.select_related("province").get(code="GM0355")
    province = zeist.province
    in_province = [
        zeist,
        Municipality.objects.get(code="GM0310"),  # De Bilt
        Municipality.objects.get(code="GM0344"),  # Utrecht
        MunicipalityFactory(province=province, key_figures={"aantal_inwoners": 25_000}),
    ]
    amsterdam = Municipality.objects.get(code="GM0363")
    assert amsterdam.province_id != province.pk
    responses = {
        m.pk: fill_in_and_submit(m, questionnaire, variant)
        for variant, m in enumerate([*in_province, amsterdam])
    }
    assert len({tuple(sorted(r.scores.items())) for r in responses.values()}) > 1

    client = Client()
    login_verified(client, member(Role.POLICY, zeist))
    url = f"/g/{zeist.slug}/benchmark/resultaten/"
    html = client.get(url, {"jaar": YEAR}).content.decode()
    header, rows = score_table(html)
    # Four in the province: nothing of the province; five in the country: its figures.
    assert set(column(rows, header, f"Gemiddelde {province.name}").values()) == {FEW}
    assert set(column(rows, header, f"Mediaan {province.name}").values()) == {FEW}
    assert f"{province.name}: te weinig gemeenten om te vergelijken" in html
    everyone = list(responses.values())
    assert column(rows, header, "Gemiddelde Nederland") == expected(everyone, statistics.mean)
    assert column(rows, header, "Mediaan Nederland") == expected(everyone, statistics.median)
    assert "Nederland: 5 gemeenten ingediend." in html
    own = {p: decimal(responses[zeist.pk].scores[str(p)]) for p in range(1, 6)}
    assert {p: cells[1] for p, cells in rows.items()} == own

    fifth = MunicipalityFactory(province=province, key_figures={"aantal_inwoners": 40_000})
    responses[fifth.pk] = fill_in_and_submit(fifth, questionnaire, 7)
    html = client.get(url, {"jaar": YEAR}).content.decode()
    header, rows = score_table(html)
    mine = [r for pk, r in responses.items() if pk != amsterdam.pk]
    assert len(mine) == 5
    mean = column(rows, header, f"Gemiddelde {province.name}")
    assert mean == expected(mine, statistics.mean)
    assert column(rows, header, f"Mediaan {province.name}") == expected(mine, statistics.median)
    assert FEW not in set(mean.values())
    assert f"{province.name}: 5 gemeenten ingediend." in html
