"""The soak's verdicts (bench/soak.py, issue 13): a lost, duplicated or unprocessed signal
fails the soak, and memory that grows is reported as growing, not as flat."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from django.utils import timezone

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the bench package

from bench import soak_checks, soak_report  # noqa: E402
from omzien.signalling.models import AcceptedSignal, Channel  # noqa: E402
from omzien.signalling.tests.factories import file_signal, go_live, zeist  # noqa: E402

pytestmark = [pytest.mark.issue(13)]


@pytest.fixture
def since(db):
    go_live()
    return timezone.now() - dt.timedelta(seconds=1)


def _codes(count: int, channel: str) -> list[str]:
    return [
        file_signal(house_number=str(n + 1), channel=channel).signal.receipt_code
        for n in range(count)
    ]


def test_every_signal_stored_once_passes(since):
    public, partner = _codes(3, Channel.PUBLIC_FORM), _codes(2, Channel.PARTNER_API)
    result = soak_checks.signal_check(public, partner, since)
    assert result["ok"]
    assert result["public"]["stored"] == 3 and result["partner"]["stored"] == 2
    assert result["public"]["unanswered_but_stored"] == 0


def test_a_receipt_code_without_its_signal_is_lost_and_fails(since):
    public = _codes(2, Channel.PUBLIC_FORM)
    result = soak_checks.signal_check([*public, "ZZZZ-ZZZZ"], [], since)
    assert not result["ok"]
    assert result["public"]["lost"] == 1 and result["public"]["stored"] == 2


def test_the_same_code_handed_out_twice_fails(since):
    public = _codes(2, Channel.PUBLIC_FORM)
    assert not soak_checks.signal_check([*public, public[0]], [], since)["ok"]


def test_a_signal_stored_without_an_answer_is_counted(since):
    public = _codes(3, Channel.PUBLIC_FORM)
    result = soak_checks.signal_check(public[:2], [], since)
    assert result["public"]["unanswered_but_stored"] == 1


def test_an_unprocessed_partner_signal_fails(since):
    partner = _codes(1, Channel.PARTNER_API)
    AcceptedSignal.objects.create(
        municipality=zeist(), idempotency_key="k", request_hash="h", payload={"postcode": "x"}
    )
    result = soak_checks.signal_check([], partner, since)
    assert result["intake_pending"] == 1 and not result["ok"]


def _snapshots(mb_per_minute: float, minutes: int = 30) -> list[dict]:
    return [
        {"minute": m, "rss": {"gunicorn": 400 + mb_per_minute * m, "intake": 120.0}}
        for m in range(minutes + 1)
    ]


def test_memory_that_grows_one_mb_a_minute_is_ten_mb_per_ten_minutes():
    summary = soak_report.memory_summary(_snapshots(1.0), 30)
    assert summary["gunicorn"]["slope_mb_per_10min"] == pytest.approx(10.0)
    assert summary["gunicorn"]["range_mb"] == pytest.approx(20.0)  # minutes 10 to 30
    assert summary["intake"]["slope_mb_per_10min"] == 0


def test_a_start_up_rise_in_the_first_third_does_not_count_as_growth():
    snapshots = _snapshots(0.0)
    for snapshot in snapshots[:5]:
        snapshot["rss"]["gunicorn"] -= 50  # workers warming up
    summary = soak_report.memory_summary(snapshots, 30)
    assert summary["gunicorn"]["slope_mb_per_10min"] == 0
    assert summary["gunicorn"]["start_mb"] == 350 and summary["gunicorn"]["end_mb"] == 400
