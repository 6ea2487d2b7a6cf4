"""A bad rate setting fails the start-up checks with a message naming it (issue 4)."""

import pytest

from omzien.signalling.checks import rate_settings

pytestmark = pytest.mark.issue(4)


def test_a_bad_rate_is_named(settings):
    settings.OMZIEN_STATUS_RATE = "banana"
    errors = rate_settings(None)
    assert [e.id for e in errors] == ["omzien.E101"]
    assert "OMZIEN_STATUS_RATE" in errors[0].msg


def test_good_rates_pass(settings):
    settings.OMZIEN_PUBLIC_FORM_RATE = "5/15m"
    settings.OMZIEN_STATUS_RATE = "off"
    assert rate_settings(None) == []
