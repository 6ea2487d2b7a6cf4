"""The one small-number rule (core/suppression.py; DESIGN.md: counts below 5 are not shown):
counts, shares computed from hidden counts, and secondary suppression in a group with a
total, so that no hidden count is the total minus the shown ones."""

from __future__ import annotations

import pytest

from omzien.core.suppression import (
    FEW,
    derived_hidden,
    group_hidden,
    is_suppressed,
    protect_group,
    shown_count,
    shown_share,
)

pytestmark = pytest.mark.issue(12)


def test_a_count_below_5_is_shown_as_few():
    assert [shown_count(n) for n in (0, 4, 5, None)] == [FEW, FEW, "5", ""]
    assert is_suppressed(0) and not is_suppressed(None)
    assert shown_share(60.0, 4) is None and shown_share(60.0, 5) == 60.0


def test_a_share_of_a_hidden_count_is_hidden_whatever_its_base():
    # Contacted 10, within the norm 3 ("<5"): 30% of 10 would give the 3 away.
    assert derived_hidden(10, counts_hidden=True)
    assert not derived_hidden(10, counts_hidden=False)
    assert derived_hidden(4, counts_hidden=False) and derived_hidden(None, counts_hidden=False)


def test_one_hidden_part_hides_the_smallest_shown_part_too():
    # Total 40 = 3 + 12 + 8 + 17: 40 - 12 - 8 - 17 would give the 3 away.
    parts, total = group_hidden([3, 12, 8, 17], 40)
    assert parts == [True, False, True, False] and total is False


def test_two_hidden_parts_need_nothing_more():
    parts, total = group_hidden([3, 2, 8, 17], 30)
    assert parts == [True, True, False, False] and total is False


def test_nothing_hidden_changes_nothing():
    assert group_hidden([6, 7], 13) == ([False, False], False)


def test_the_first_of_equal_smallest_parts_is_hidden():
    assert group_hidden([1, 9, 9], 19)[0] == [True, True, False]


def test_a_hidden_total_with_shown_parts_hides_a_part():
    # Parts that overlap (an initiative of two kinds counts under both) can be shown while
    # their total is below 5; the total would be their sum, so a part goes too.
    parts, total = group_hidden([6, 5], 4)
    assert total is True and parts == [False, True]


def test_without_a_shown_part_the_total_is_hidden():
    assert group_hidden([2], 20) == ([True], True)


def test_protect_group_keeps_what_was_hidden_and_skips_unknown_parts():
    parts, total = protect_group([None, 12, 30], [False, False, False], total_hidden=True)
    assert parts == [False, True, False] and total is True
    assert protect_group([6, 7], [True, True]) == ([True, True], False)
