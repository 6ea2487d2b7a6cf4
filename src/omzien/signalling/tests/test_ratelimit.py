"""Rate limits of the public pages, counted per client in the shared cache (issue 4)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from omzien.signalling.public import ratelimit
from omzien.signalling.public.ratelimit import Rate, client_address, hit, parse_rate

pytestmark = [pytest.mark.django_db, pytest.mark.issue(4)]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def request_from(address: str = "192.0.2.1", **meta):
    return RequestFactory().post("/melden/zeist/", REMOTE_ADDR=address, **meta)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10/h", Rate(10, 3600)),
        ("5/15m", Rate(5, 900)),
        (" 3 / d ", Rate(3, 86400)),
        ("1/s", Rate(1, 1)),
        ("off", None),
        ("", None),
    ],
)
def test_rates_are_parsed(value, expected):
    assert parse_rate(value) == expected


@pytest.mark.parametrize("value", ["tien per uur", "10/w", "10", "/h"])
def test_a_wrong_rate_is_a_configuration_error(value):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(value)


def test_requests_over_the_rate_are_refused_with_a_retry_time():
    request = request_from()
    rate = Rate(2, 3600)
    assert hit(request, "test", rate).allowed
    assert hit(request, "test", rate).allowed
    third = hit(request, "test", rate)
    assert not third.allowed
    assert 0 < third.retry_after <= 3600


def test_clients_and_scopes_are_counted_apart():
    rate = Rate(1, 3600)
    assert hit(request_from("192.0.2.1"), "test", rate).allowed
    assert not hit(request_from("192.0.2.1"), "test", rate).allowed
    assert hit(request_from("192.0.2.2"), "test", rate).allowed
    assert hit(request_from("192.0.2.1"), "other", rate).allowed
    assert hit(request_from("192.0.2.1"), "test", rate, extra="link-7").allowed


def test_no_rate_means_no_limit():
    request = request_from()
    assert all(hit(request, "test", None).allowed for _ in range(50))


def test_the_cache_never_holds_the_address(monkeypatch):
    keys = []
    original = cache.add

    def spy(key, *args, **kwargs):
        keys.append(key)
        return original(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", spy)
    hit(request_from("198.51.100.77"), "test", Rate(5, 60))
    assert keys and all("198.51.100.77" not in key for key in keys)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.OMZIEN_TRUSTED_PROXY_HEADER = ""
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "10.0.0.1"


def test_behind_a_trusted_proxy_the_client_is_read_from_its_header(settings):
    settings.OMZIEN_TRUSTED_PROXY_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 1
    # A client may send its own (forged) X-Forwarded-For; our proxy appends the real one.
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"
    settings.OMZIEN_TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2")
    assert client_address(request) == "203.0.113.9"
    assert client_address(request_from("10.0.0.1")) == "10.0.0.1"


def test_the_settings_change_the_limits(settings):
    settings.OMZIEN_PUBLIC_FORM_RATE = "1/h"
    settings.OMZIEN_STATUS_RATE = "off"
    request = request_from()
    assert ratelimit.check_public_form(request).allowed
    assert not ratelimit.check_public_form(request).allowed
    assert all(ratelimit.check_status(request).allowed for _ in range(40))


def test_the_defaults():
    assert parse_rate(ratelimit.PUBLIC_FORM_RATE) == Rate(10, 3600)
    assert parse_rate(ratelimit.PARTNER_FORM_RATE) == Rate(60, 3600)
    assert parse_rate(ratelimit.STATUS_RATE) == Rate(30, 3600)
