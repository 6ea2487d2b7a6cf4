"""Every 404 under /api/ is problem+json (issue 8, item 20): also a path the API's routes do
not match, such as a case id that is not a number (core/api.py: not_found, handler404)."""

import pytest

from omzien.core.roles import Role
from omzien.signalling.tests.factories import zeist

pytestmark = [pytest.mark.issue(8), pytest.mark.django_db]


def assert_problem_404(response) -> None:
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["type"] == "about:blank" and body["title"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/cases/abc/",
        "/api/v1/cases/-1/",
        "/api/v1/cases/1.5/",
        "/api/v1/cases/abc/notes/",
        "/api/v1/nothing/",
        "/api/v2/cases/",
    ],
)
def test_an_unmatched_api_path_is_a_problem_404(client_as, path):
    client = client_as(Role.COORDINATOR, zeist())
    assert_problem_404(client.get(path))


def test_a_post_to_a_non_integer_case_is_a_problem_404(client_as):
    client = client_as(Role.COORDINATOR, zeist())
    response = client.post(
        "/api/v1/cases/abc/move/", {"target": "assigned"}, content_type="application/json"
    )
    assert_problem_404(response)


def test_anonymous_callers_get_the_same_problem_404(client):
    assert_problem_404(client.get("/api/v1/cases/abc/"))


def test_a_missing_page_is_still_the_html_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
