"""Issue 12 across the apps: the factsheet PDF with every real section (risk map, benchmark,
monitoring), read back with pypdf, holds the figures worked out here by hand: Proefdorp with a
district figure for the risk map (the round national table and the districts' ages), signals
and first contacts in its districts, and a submitted benchmark, as 4 other municipalities of
its province and one elsewhere (so the province and the country compare)."""

from __future__ import annotations

import datetime as dt
import statistics
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from omzien.benchmark.models import AnswerType, Pillar
from omzien.benchmark.questionnaire import services
from omzien.benchmark.questionnaire.definition import ensure_questionnaire
from omzien.benchmark.tests.factories_questionnaire import on_day
from omzien.benchmark.tests.factories_results import ProvinceFactory
from omzien.core.models import Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, login_verified, member
from omzien.monitoring.dashboard.filters import last_twelve_months
from omzien.monitoring.tests.factories_factsheet import pdf_text, pdf_url
from omzien.riskmap.tests.factories import give_ages, use_round_prevalence
from omzien.signalling.models import Case
from omzien.signalling.tests.factories import file_signal, go_live

pytestmark = [pytest.mark.django_db, pytest.mark.issue(12)]

AMS = ZoneInfo("Europe/Amsterdam")
YEAR = 2025  # the benchmark year: its results are out (1 December 2025)


def decimal(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def fill_in_and_submit(municipality, questionnaire, variant: int):
    """Answer the yes/no questions (a different mix per ``variant``) and submit."""
    user = member(Role.POLICY, municipality)
    with on_day(dt.date(YEAR, 9, 15)):
        response = services.open_response(
            actor=user, municipality=municipality, questionnaire=questionnaire
        )
        yes_no = questionnaire.questions.filter(answer_type=AnswerType.YES_NO).order_by("position")
        for index, question in enumerate(yes_no):
            if not question.prefill_key:
                raw = "ja" if (index + variant) % 3 else "nee"
                services.save_answer(actor=user, response=response, question=question, raw=raw)
        return services.submit_response(actor=user, response=response)


def _signals_and_contacts(small) -> None:
    """Noord 3 and Midden 7 signals, a day inside the last 12 whole months (and the last 12
    months of the risk map); first contact 10 hours later, for two of Midden 100 hours (late:
    the norm is 48 hours)."""
    since, until = last_twelve_months()
    day = dt.datetime.combine(until - dt.timedelta(days=60), dt.time(10), tzinfo=AMS)
    noord, midden, _zuid = small.districts
    with time_machine.travel(day, tick=False):
        for district, n in ((noord, 3), (midden, 7)):
            for number in range(1, n + 1):
                file_signal(small.municipality, house_number=str(number),
                            postcode=small.postcode_in(district))  # fmt: skip
    cases = list(Case.objects.filter(municipality=small.municipality).order_by("pk"))
    for index, case in enumerate(cases):
        hours = 100 if index >= len(cases) - 2 else 10
        Case.objects.filter(pk=case.pk).update(
            first_contact_at=case.created_at + dt.timedelta(hours=hours)
        )


def test_the_factsheet_pdf_holds_the_figures_of_every_section(small_municipality):
    small = small_municipality
    town = small.municipality
    province = ProvinceFactory(name="Proefprovincie")
    Municipality.objects.filter(pk=town.pk).update(
        province=province, key_figures={"aantal_inwoners": 6000}
    )
    town.refresh_from_db()
    use_round_prevalence()
    give_ages(small.districts)
    go_live(town)
    _signals_and_contacts(small)

    questionnaire = ensure_questionnaire(YEAR)
    neighbours = [
        MunicipalityFactory(province=province, key_figures={"aantal_inwoners": 10_000 * n})
        for n in range(1, 5)
    ]
    elsewhere = Municipality.objects.get(code="GM0363")  # Amsterdam: the country only
    responses = [fill_in_and_submit(m, questionnaire, n) for n, m in enumerate([town, *neighbours])]
    everyone = [*responses, fill_in_and_submit(elsewhere, questionnaire, 9)]

    client = Client()
    login_verified(client, member(Role.POLICY, town))
    response = client.get(pdf_url(town))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)

    # The risk map, by hand (riskmap/tests/test_riskmap_factsheet.py): 82% of 6,000 are adults;
    # the round table makes 3500/82% of them lonely and 1090/82% severely lonely. Reached per
    # 1,000 severely lonely: Zuid 0 of 327, Noord 3 of 109 ("<5"), Midden 7 of 218 = 32.1.
    assert "Risicokaart: eenzaamheid in de wijken" in text
    assert "Proefdorp heeft 3 wijken met samen 6.000 inwoners (CBS)." in text
    assert "Naar schatting voelen 2.100 volwassenen zich eenzaam" in text
    assert "van wie 654 ernstig eenzaam" in text
    assert "Zuid 1 3.000 327 model <5 <15,3" in text
    assert "Noord 2 1.000 109 model <5 <45,9" in text
    assert "Midden 3 2.000 218 model 7 32,1" in text

    # The benchmark: own score, the province's mean (5) and the country's (6), per pillar.
    assert "Benchmark vijf pijlers" in text
    labels = dict(Pillar.choices)
    for pillar in range(1, 6):
        key = str(pillar)
        own = decimal(responses[0].scores[key])
        in_province = decimal(statistics.mean(r.scores[key] for r in responses))
        country = decimal(statistics.mean(r.scores[key] for r in everyone))
        assert f"{own} {in_province} {country}" in text, (pillar, labels[pillar])
    assert len({decimal(r.scores["1"]) for r in everyone}) > 1  # the means are not trivial

    # Monitoring over the last 12 whole months: 10 signals, 10 per 6,000 inhabitants = 1.7
    # per 1,000, 8 of 10 first contacts within the norm, no referrals.
    assert "Monitoring" in text
    assert "Meldingen 10" in text
    assert "Meldingen per 1.000 inwoners 1,7" in text
    assert "Eerste contact binnen de norm (%) 80,0%" in text
    assert "Verwijzingen ingezet <5" in text
