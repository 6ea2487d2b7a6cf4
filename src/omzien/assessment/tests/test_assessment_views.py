"""Recording assessments of residents through the form (issue 3)."""

import pytest
from django.urls import reverse

from omzien.assessment.models import Assessment
from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import MunicipalityFactory, ResidentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.issue(3)]

LONELY_11 = {  # total 9: "ernstig eenzaam"; emotional 6, social 3
    1: "nee", 2: "ja", 3: "ja", 4: "nee", 5: "ja", 6: "ja",
    7: "nee", 8: "ja", 9: "ja", 10: "ja", 11: "ja",
}  # fmt: skip


def url(resident, instrument="djg11"):
    base = reverse("assessment:assessment_create", args=[resident.municipality.slug, resident.pk])
    return f"{base}?instrument={instrument}"


def post_data(answers, taken_on="2026-11-01"):
    data = {"taken_on": taken_on}
    data.update({f"item_{n}": v for n, v in answers.items()})
    return data


def test_form_shows_the_exact_stem_and_items(client_as):
    resident = ResidentFactory()
    page = client_as(Role.COORDINATOR, resident.municipality).get(url(resident))
    body = page.content.decode()
    assert "zoals u de laatste tijd bent, van toepassing is?" in body
    assert "Vaak voel ik me in de steek gelaten." in body
    assert body.count('type="radio"') == 33


def test_saving_stores_answers_and_scores_and_shows_the_category(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    response = client.post(url(resident), post_data(LONELY_11), follow=True)
    assessment = Assessment.objects.get(resident=resident)
    assert (assessment.total, assessment.emotional, assessment.social) == (9, 6, 3)
    assert assessment.category == "ernstig eenzaam"
    assert assessment.kind == "both"
    assert assessment.answers["10"] == "ja"
    assert assessment.taken_by == client.user
    body = response.content.decode()
    assert "ernstig eenzaam" in body and "9 van 11" in body
    assert AuditEvent.objects.filter(
        action="assessment_recorded", resident_id_ref=resident.pk
    ).exists()


def test_too_many_missing_answers_is_stored_as_unknown_not_zero(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    answers = {n: "nee" for n in range(1, 9)}  # 3 of 11 missing: total unknown
    data = {**post_data(answers), "confirm_partial": "on"}  # confirmed (issue 8)
    response = client.post(url(resident), data, follow=True)
    assessment = Assessment.objects.get(resident=resident)
    assert assessment.total is None
    assert "te veel antwoorden ontbreken" in response.content.decode()


def test_a_rejected_form_keeps_the_answers(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    response = client.post(url(resident), post_data(LONELY_11, taken_on="2999-01-01"))
    assert response.status_code == 422
    assert "niet in de toekomst" in response.content.decode()
    assert response.context["form"]["item_2"].value() == "ja"
    assert not Assessment.objects.exists()


def test_caseworker_of_another_municipality_cannot_open_the_form(client_as):
    resident = ResidentFactory()
    client = client_as(Role.CASEWORKER, MunicipalityFactory())
    assert client.get(url(resident)).status_code == 404
    assert client.post(url(resident), post_data(LONELY_11)).status_code == 404
    assert not Assessment.objects.exists()


def test_resident_page_shows_change_over_time(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    client.post(url(resident), post_data(LONELY_11, "2026-01-10"))
    better = dict(LONELY_11) | {2: "nee", 3: "nee", 5: "nee", 6: "nee", 9: "nee"}
    client.post(url(resident), post_data(better, "2026-06-10"))
    page = client.get(
        reverse("core:resident_detail", args=[resident.municipality.slug, resident.pk])
    )
    body = page.content.decode()
    assert "10-01-2026: 9" in body and "10-06-2026: 4" in body  # the chart's points
    assert body.index("10 juni 2026") < body.index("10 januari 2026")  # newest first


def test_unknown_instrument_is_not_found(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    assert client.get(url(resident, "nonsense")).status_code == 404
