"""Which strategy the pages work on when nobody has chosen: the current one, by date."""

from datetime import date

import pytest

from tracker.core.strategy_period import StrategyDays, chosen_or_current, current_strategy

OLD = StrategyDays(1, date(2020, 4, 1), date(2023, 3, 31))
NEW = StrategyDays(2, date(2023, 4, 1), date(2026, 3, 31))
NEXT = StrategyDays(3, date(2026, 4, 1), date(2029, 3, 31))
BESIDE = StrategyDays(4, date(2024, 4, 1), date(2027, 3, 31))  # runs beside NEW


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2020, 4, 1), 1),  # its first day
        (date(2023, 3, 31), 1),  # its last day
        (date(2023, 4, 1), 2),
        (date(2026, 11, 10), 2),  # none runs: the latest to have started
        (date(2019, 1, 1), 1),  # none has started: the first loaded
    ],
)
def test_the_current_strategy_is_the_one_running_today(today, expected):
    assert current_strategy([OLD, NEW], today) == expected


def test_of_two_running_today_the_later_to_start_is_current():
    assert current_strategy([OLD, NEW, BESIDE], date(2025, 1, 1)) == 4
    assert current_strategy([OLD, NEW, BESIDE], date(2024, 1, 1)) == 2


def test_a_loaded_next_strategy_takes_over_on_its_first_day():
    assert current_strategy([OLD, NEW, NEXT], date(2026, 3, 31)) == 2
    assert current_strategy([OLD, NEW, NEXT], date(2026, 4, 1)) == 3


def test_a_strategy_without_days_counts_as_always_running():
    undated = StrategyDays(5, None, None)
    assert current_strategy([undated], date(2026, 1, 1)) == 5


def test_with_no_strategy_there_is_none():
    assert current_strategy([], date(2026, 1, 1)) is None


def test_the_choice_wins_when_it_exists_else_the_current_one():
    assert chosen_or_current([OLD, NEW], 1, date(2025, 1, 1)) == 1
    assert chosen_or_current([OLD, NEW], 99, date(2025, 1, 1)) == 2
    assert chosen_or_current([OLD, NEW], None, date(2025, 1, 1)) == 2
