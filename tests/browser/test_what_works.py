"""Policy staff open "what works" of the demo (issue 9, item 6) in Chromium: the menu leads
there, the tables show figures and "<5", and the page passes axe-core."""

from __future__ import annotations

import pytest
from axe import assert_accessible
from django.core.cache import cache
from django.core.management import call_command

pytestmark = pytest.mark.issue(9)


@pytest.fixture
def site(transactional_db, live_url):
    call_command("load_demo", verbosity=0)
    cache.clear()
    return live_url


def test_policy_staff_read_what_works_and_download_it(page, site, sign_in):
    sign_in(page, site, "beleid")
    page.wait_for_url("**/g/zeist/")
    page.get_by_role("link", name="Wat werkt").first.click()
    page.wait_for_url("**/g/zeist/wat-werkt/")
    per_kind = page.get_by_test_id("per-kind")
    assert per_kind.get_by_role("row").count() == 8  # a header and the seven kinds
    assert "<5" in per_kind.inner_text() and "tot" in per_kind.inner_text()
    assert "geen onderzoek met loting" in page.get_by_test_id("not-a-trial").inner_text()
    assert_accessible(page, "wat werkt")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    assert download.value.suggested_filename.startswith("wat-werkt-zeist-djg11-")
