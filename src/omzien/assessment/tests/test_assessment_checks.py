"""Assessments: an empty form is refused, a partial one is checked with the user before it is
saved, and a measurement entered by mistake is withdrawn, never deleted (issue 8, item 4)."""

import pytest
from django.urls import reverse

from omzien.assessment import services
from omzien.assessment.models import Assessment
from omzien.core.models import AuditEvent
from omzien.core.roles import Role
from omzien.core.tests.factories import ResidentFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.issue(8)]

LONELY_11 = {1: "nee", 2: "ja", 3: "ja", 4: "nee", 5: "ja", 6: "ja", 7: "nee", 8: "ja", 9: "ja",
             10: "ja", 11: "nee"}  # fmt: skip


def url(resident, instrument="djg11"):
    path = reverse(
        "assessment:assessment_create",
        kwargs={"municipality_slug": resident.municipality.slug, "pk": resident.pk},
    )
    return f"{path}?instrument={instrument}"


def post_data(answers, **extra):
    return {"taken_on": "2026-11-01", **{f"item_{n}": a for n, a in answers.items()}, **extra}


def test_an_empty_form_is_refused(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    response = client.post(url(resident), post_data({}))
    assert response.status_code == 422
    assert "geen enkele vraag beantwoord" in response.content.decode()
    # Not even when "confirmed".
    response = client.post(url(resident), post_data({}, confirm_partial="on"))
    assert response.status_code == 422 and not Assessment.objects.exists()


def test_a_partial_form_shows_what_is_missing_and_what_can_still_be_computed(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    answers = {n: a for n, a in LONELY_11.items() if n not in (2, 9)}  # 2 missing
    response = client.post(url(resident), post_data(answers))
    page = response.content.decode()
    assert response.status_code == 422 and not Assessment.objects.exists()
    assert 'data-testid="partial-check"' in page
    assert "vraag 2" in page and "vraag 9" in page
    # 2 of 11 missing: the total can still be computed; items 2 and 9 are both emotional,
    # two missing is one too many for that subscale, the social one is complete.
    assert "De totaalscore kan nog berekend worden" in page
    assert "emotionele eenzaamheid kan niet berekend worden" in page
    assert "sociale eenzaamheid kan nog berekend worden" in page
    # What was typed stays.
    assert response.context["form"]["item_3"].value() == "ja"
    saved = client.post(url(resident), post_data(answers, confirm_partial="on"))
    assert saved.status_code == 302
    assert Assessment.objects.get().total is not None


def test_the_check_says_when_a_score_cannot_be_computed(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    answers = {n: "nee" for n in range(1, 9)}  # 3 of 11 missing
    page = client.post(url(resident), post_data(answers)).content.decode()
    assert "De totaalscore kan niet berekend worden" in page


def withdraw_url(assessment):
    return reverse(
        "assessment:assessment_withdraw",
        kwargs={
            "municipality_slug": assessment.municipality.slug,
            "pk": assessment.resident_id,
            "assessment_pk": assessment.pk,
        },
    )


def test_a_mistaken_measurement_is_withdrawn_with_a_reason_and_kept(client_as):
    resident = ResidentFactory()
    client = client_as(Role.COORDINATOR, resident.municipality)
    for day, answers in (("2026-01-10", LONELY_11), ("2026-03-10", LONELY_11),
                         ("2026-06-10", {n: "nee" for n in range(1, 12)})):  # fmt: skip
        client.post(url(resident), {**post_data(answers), "taken_on": day})
    mistaken = Assessment.objects.get(taken_on="2026-03-10")
    # No reason: refused, nothing changes.
    client.post(withdraw_url(mistaken), {"reason": "  "})
    mistaken.refresh_from_db()
    assert mistaken.withdrawn_at is None
    client.post(withdraw_url(mistaken), {"reason": "Ingevuld bij de verkeerde inwoner"})
    mistaken.refresh_from_db()
    assert mistaken.withdrawn_at is not None and mistaken.withdrawn_by == client.user
    assert Assessment.objects.count() == 3  # kept
    assert AuditEvent.objects.filter(action="assessment_withdrawn").count() == 1
    page = client.get(
        reverse(
            "core:resident_detail",
            kwargs={"municipality_slug": resident.municipality.slug, "pk": resident.pk},
        )
    ).content.decode()
    assert 'data-testid="withdrawn"' in page and "Ingevuld bij de verkeerde inwoner" in page
    # The trend leaves it out: two points, not three.
    assert page.count("<circle") == 2


def test_a_withdrawal_is_final_and_needs_the_right_to_assess():
    resident = ResidentFactory()
    coordinator = member(Role.COORDINATOR, resident.municipality)
    assessment = services.record_assessment(
        actor=coordinator, resident=resident, instrument="djg11", answers=LONELY_11
    )
    services.withdraw_assessment(actor=coordinator, assessment=assessment, reason="dubbel")
    with pytest.raises(services.WithdrawError, match="al ingetrokken"):
        services.withdraw_assessment(actor=coordinator, assessment=assessment, reason="nog eens")
    from django.core.exceptions import PermissionDenied

    reporter = member(Role.REPORTER, resident.municipality)
    other = services.record_assessment(
        actor=coordinator, resident=resident, instrument="djg11", answers=LONELY_11
    )
    with pytest.raises(PermissionDenied):
        services.withdraw_assessment(actor=reporter, assessment=other, reason="weg ermee")
