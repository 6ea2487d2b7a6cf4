"""Friendly error pages that reveal nothing (issue 2)."""

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.issue(2)]


def test_too_large_body_gets_the_dutch_400_page(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get("/account/inloggen/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/account/inloggen/",
        {"username": "x" * 5000, "password": "y", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dat lukte niet" in body and "Traceback" not in body


def test_unknown_page_gets_the_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
