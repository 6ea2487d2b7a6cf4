"""The risk map's boundaries as GeoJSON (issue 10, item 6): complete, valid after
simplification, cached with an ETag, gzipped when asked, and only for the roles that see the
risk map of their own municipality."""

from __future__ import annotations

import gzip
import json

import pytest
from django.urls import reverse

from omzien.core.models import District, Municipality
from omzien.core.roles import Role
from omzien.core.tests.factories import login_verified, member
from omzien.riskmap import boundaries
from omzien.riskmap.geometry import simplify_geometry, simplify_ring

pytestmark = [pytest.mark.django_db, pytest.mark.issue(10)]

ZEIST = "GM0355"
ALLOWED = (Role.COORDINATOR, Role.POLICY)
REFUSED = (Role.CASEWORKER, Role.VOLUNTEER, Role.REPORTER, Role.ADMIN)


@pytest.fixture
def zeist():
    return Municipality.objects.get(code=ZEIST)


def districts_url(municipality, **params) -> str:
    url = reverse("riskmap:district_boundaries", args=[municipality.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def rings_of(geometry: dict) -> list[list]:
    parts = geometry["coordinates"]
    parts = parts if geometry["type"] == "MultiPolygon" else [parts]
    return [ring for part in parts for ring in part]


def assert_valid_polygons(geometry: dict) -> None:
    assert geometry["type"] in ("Polygon", "MultiPolygon")
    for ring in rings_of(geometry):
        assert len(ring) >= 4
        assert ring[0] == ring[-1]
        for lon, lat in ring:
            assert round(lon, 5) == lon and round(lat, 5) == lat


def get_json(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return response, json.loads(content)


@pytest.mark.parametrize("detail", ["low", "medium", "high"])
def test_the_district_map_has_every_district_of_zeist_with_valid_polygons(client, zeist, detail):
    login_verified(client, member(Role.POLICY, zeist))
    response, data = get_json(client, districts_url(zeist, detail=detail))

    assert response["Content-Type"] == "application/geo+json"
    assert data["type"] == "FeatureCollection"
    expected = dict(District.objects.filter(municipality=zeist).values_list("code", "name"))
    assert len(expected) >= 5
    got = {f["properties"]["code"]: f["properties"]["name"] for f in data["features"]}
    assert got == expected
    for feature in data["features"]:
        assert set(feature["properties"]) == {"code", "name"}
        assert_valid_polygons(feature["geometry"])


def test_a_lower_detail_is_smaller(client, zeist):
    login_verified(client, member(Role.COORDINATOR, zeist))
    sizes = {
        detail: len(client.get(districts_url(zeist, detail=detail)).content)
        for detail in ("low", "medium", "high")
    }
    assert sizes["low"] < sizes["medium"] < sizes["high"]
    # A Leaflet zoom level picks the detail too.
    zoomed_out = client.get(districts_url(zeist, zoom=7)).content
    assert len(zoomed_out) == sizes["low"]


def test_a_second_request_with_the_etag_answers_304(client, zeist):
    login_verified(client, member(Role.POLICY, zeist))
    first = client.get(districts_url(zeist))
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert "private" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]

    second = client.get(districts_url(zeist), headers={"If-None-Match": etag})
    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == etag

    other_detail = client.get(districts_url(zeist, detail="low"), headers={"If-None-Match": etag})
    assert other_detail.status_code == 200


def test_the_etag_changes_when_a_boundary_changes(client, small_municipality):
    municipality = small_municipality.municipality
    login_verified(client, member(Role.COORDINATOR, municipality))
    before = client.get(districts_url(municipality))["ETag"]
    district = small_municipality.districts[0]
    district.name = "Noord-Oost"
    district.save()
    after = client.get(districts_url(municipality), headers={"If-None-Match": before})
    assert after.status_code == 200
    assert after["ETag"] != before
    assert "Noord-Oost" in after.content.decode()


def test_gzip_when_the_browser_accepts_it(client, zeist):
    login_verified(client, member(Role.POLICY, zeist))
    plain = client.get(districts_url(zeist))
    assert "Content-Encoding" not in plain
    response, data = get_json(client, districts_url(zeist), **{"Accept-Encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) < len(plain.content) / 2
    assert json.loads(plain.content) == data


def test_a_district_without_a_boundary_is_listed_with_a_null_geometry(client, small_municipality):
    municipality = small_municipality.municipality
    District.objects.filter(pk=small_municipality.districts[1].pk).update(geometry=None)
    login_verified(client, member(Role.POLICY, municipality))
    _response, data = get_json(client, districts_url(municipality))
    by_code = {f["properties"]["code"]: f for f in data["features"]}
    assert len(by_code) == 3
    assert by_code[small_municipality.districts[1].code]["geometry"] is None
    assert_valid_polygons(by_code[small_municipality.districts[0].code]["geometry"])


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_are_refused(client, zeist, role):
    login_verified(client, member(role, zeist))
    assert client.get(districts_url(zeist)).status_code in (403, 404)


@pytest.mark.parametrize("role", ALLOWED)
def test_staff_of_another_municipality_are_refused(client, zeist, role):
    utrecht = Municipality.objects.get(code="GM0344")
    for someone in (member(role, utrecht), member(Role.CASEWORKER, utrecht)):
        login_verified(client, someone)
        assert client.get(districts_url(zeist)).status_code in (403, 404)


def test_the_programme_team_sees_any_district_map(client, zeist):
    login_verified(client, member(Role.PROGRAMME))
    assert client.get(districts_url(zeist)).status_code == 200


def test_the_national_map_has_every_municipality(client):
    login_verified(client, member(Role.PROGRAMME))
    url = reverse("riskmap:municipality_boundaries")
    response, data = get_json(client, url + "?detail=low", **{"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) < 1_000_000
    features = data["features"]
    assert len(features) == 342
    names = {f["properties"]["code"]: f["properties"]["name"] for f in features}
    assert names[ZEIST] == "Zeist"
    for feature in features:
        assert_valid_polygons(feature["geometry"])
    again = client.get(url + "?detail=low", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("role", [*ALLOWED, Role.CASEWORKER, Role.ADMIN])
def test_the_national_map_is_only_for_the_programme_team(client, zeist, role):
    login_verified(client, member(role, zeist))
    assert client.get(reverse("riskmap:municipality_boundaries")).status_code == 403


def test_anonymous_users_are_sent_to_login(client, zeist):
    for url in (districts_url(zeist), reverse("riskmap:municipality_boundaries")):
        assert client.get(url).status_code == 302


def test_simplifying_keeps_rings_closed_and_drops_only_what_collapses():
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    wiggly = [[0, 0], [0.5, 0.00001], [1, 0], [1, 1], [0, 1], [0, 0]]
    assert simplify_ring(wiggly, 0.001) == square
    tiny_hole = [[0.5, 0.5], [0.50001, 0.5], [0.50001, 0.50001], [0.5, 0.5]]
    assert simplify_ring(tiny_hole, 0.01) is None
    polygon = {"type": "Polygon", "coordinates": [wiggly, tiny_hole]}
    assert simplify_geometry(polygon, 0.01) == {"type": "Polygon", "coordinates": [square]}
    # A part too small for the tolerance goes, unless it is the only one.
    islands = {"type": "MultiPolygon", "coordinates": [[square], [tiny_hole]]}
    assert simplify_geometry(islands, 0.01) == {"type": "Polygon", "coordinates": [square]}
    only = simplify_geometry({"type": "Polygon", "coordinates": [tiny_hole]}, 0.01)
    assert_valid_polygons(only)


def test_the_detail_follows_the_zoom():
    assert boundaries.detail_for("high", "3") == "high"
    assert [boundaries.detail_for(None, z) for z in ("6", "10", "14")] == [
        "low",
        "medium",
        "high",
    ]
    assert boundaries.detail_for("anything", "x") == boundaries.DEFAULT_DETAIL
