"""Overdue, due soon and stale: the rules every page, the API and the reports share."""

from datetime import date

import pytest

from tracker.plans.slipping import DUE_SOON_DAYS, is_due_soon, is_stale, slipping

Q2_LAST_DAY, Q3_FIRST_DAY = date(2020, 9, 30), date(2020, 10, 1)


def test_an_update_on_the_last_day_of_a_quarter_keeps_the_action_fresh_until_the_quarter_ends():
    assert not is_stale("green", date(2020, 9, 30), Q2_LAST_DAY)
    assert is_stale("green", date(2020, 9, 30), Q3_FIRST_DAY)


def test_an_update_on_the_first_day_of_a_quarter_counts_for_that_quarter():
    assert not is_stale("amber", Q3_FIRST_DAY, Q3_FIRST_DAY)
    assert not is_stale("amber", Q3_FIRST_DAY, date(2020, 12, 31))
    assert is_stale("amber", Q3_FIRST_DAY, date(2021, 1, 1))


def test_the_financial_year_turns_in_april_not_january():
    # 2020-21 Q4 is January to March 2021; Q1 of 2021-22 starts on 1 April 2021.
    assert not is_stale("red", date(2021, 1, 1), date(2021, 3, 31))
    assert is_stale("red", date(2021, 3, 31), date(2021, 4, 1))
    assert is_stale("red", date(2020, 12, 31), date(2021, 1, 1))


def test_an_action_never_updated_is_stale_and_a_complete_one_never_is():
    assert is_stale(None, None, Q2_LAST_DAY)
    assert not is_stale("blue", date(2019, 6, 30), Q2_LAST_DAY)


def test_an_update_dated_after_the_day_shown_does_not_count():
    assert is_stale("green", date(2020, 10, 5), date(2020, 10, 4))


def test_overdue_starts_the_day_after_the_due_date_and_counts_days():
    due = date(2020, 9, 30)
    on_the_day = slipping(due=due, recurring=None, rag="amber", last_update=None, as_at=due)
    assert not on_the_day.overdue and on_the_day.due_soon and on_the_day.days_to_due == 0
    next_day = slipping(due=due, recurring=None, rag="amber", last_update=None, as_at=Q3_FIRST_DAY)
    assert next_day.overdue and next_day.days_overdue == 1 and not next_day.due_soon
    assert next_day.days_to_due == -1


def test_due_soon_means_within_thirty_days():
    today = date(2020, 9, 1)
    assert DUE_SOON_DAYS == 30
    assert is_due_soon(date(2020, 10, 1), None, "green", today)  # 30 days on
    assert not is_due_soon(date(2020, 10, 2), None, "green", today)  # 31 days on
    assert not is_due_soon(date(2020, 8, 31), None, "green", today)  # overdue instead


@pytest.mark.parametrize("recurring", ["quarterly", "ongoing"])
def test_recurring_actions_are_never_overdue_or_due_soon_but_go_stale(recurring):
    state = slipping(
        due=date(2021, 3, 31),
        recurring=recurring,
        rag="green",
        last_update=date(2020, 9, 30),
        as_at=date(2021, 4, 1),
    )
    assert not state.overdue and state.days_overdue == 0
    assert not state.due_soon and state.days_to_due is None
    assert state.stale and state.any


def test_a_complete_action_is_not_slipping_in_any_way():
    state = slipping(
        due=date(2020, 6, 30), recurring=None, rag="blue", last_update=None, as_at=date(2021, 1, 1)
    )
    assert state == type(state)(False, 0, False, None, False)
    assert not state.any


def test_an_action_with_no_due_date_can_only_be_stale():
    state = slipping(due=None, recurring=None, rag="red", last_update=None, as_at=Q2_LAST_DAY)
    assert (state.overdue, state.due_soon, state.stale) == (False, False, True)
