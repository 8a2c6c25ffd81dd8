"""The quarters the pickers offer, bounded by the strategy, and the quarter under review."""

from datetime import UTC, date, datetime

import pytest

from tracker.core.dates import Quarter
from tracker.core.strategy_period import (
    StrategyPeriod,
    check_review_quarter,
    collecting,
    under_review,
)

STRATEGY = StrategyPeriod(date(2020, 4, 1), date(2023, 3, 31))


def labels(offered) -> list[str]:
    return [item.described for item in offered]


def test_a_strategy_under_way_offers_its_quarters_newest_first_with_the_current_one_marked():
    offered = STRATEGY.quarters(date(2021, 8, 15))
    assert len(offered) == 12
    assert offered[0].label == "2022-23 Q4" and offered[-1].label == "2020-21 Q1"
    assert [item.label for item in offered if item.current] == ["2021-22 Q2"]
    assert "2021-22 Q2 (current quarter)" in labels(offered)
    assert [item.label for item in offered if item.future][-1] == "2021-22 Q3"
    assert offered[0].described == "2022-23 Q4 (not started yet)"


def test_no_quarter_before_the_strategy_starts_is_offered():
    offered = STRATEGY.quarters(date(2020, 5, 1))
    assert offered[-1].quarter == Quarter(2020, 1)
    assert Quarter(2019, 4) not in [item.quarter for item in offered]


def test_after_the_strategy_ends_the_quarters_since_are_offered_and_marked():
    offered = STRATEGY.quarters(date(2023, 11, 10))
    assert labels(offered)[:3] == [
        "2023-24 Q3 (current quarter)",
        "2023-24 Q2 (after the strategy ended)",
        "2023-24 Q1 (after the strategy ended)",
    ]
    assert offered[3].described == "2022-23 Q4"
    assert offered[-1].label == "2020-21 Q1"
    assert STRATEGY.ended_note(date(2023, 11, 10)) == (
        "The strategy ended on 31 Mar 2023: the quarters after it are offered until the next "
        "strategy is loaded."
    )
    assert STRATEGY.ended_note(date(2022, 11, 10)) is None


def test_without_a_strategy_two_years_up_to_today_are_offered():
    offered = StrategyPeriod().quarters(date(2021, 8, 15))
    assert offered[0].quarter == Quarter(2021, 2)
    assert offered[-1].quarter == Quarter(2019, 2)


def test_a_quarter_outside_the_strategy_is_bounded_to_the_nearest_offered():
    today = date(2021, 8, 15)
    assert STRATEGY.bounded(Quarter(2018, 1), today) == Quarter(2020, 1)
    assert STRATEGY.bounded(Quarter(2030, 1), today) == Quarter(2022, 4)
    assert STRATEGY.bounded(Quarter(2021, 3), today) == Quarter(2021, 3)


def test_the_quarter_under_review_is_the_one_being_collected_or_this_one():
    today = date(2020, 10, 10)
    assert collecting(today) == Quarter(2020, 2)
    assert [item.label for item in STRATEGY.review_quarters(today)] == [
        "2020-21 Q2",
        "2020-21 Q3",
    ]
    assert STRATEGY.default_review(today) == Quarter(2020, 2)
    # In the strategy's first quarter there is nothing before it to review.
    assert [item.label for item in STRATEGY.review_quarters(date(2020, 5, 1))] == ["2020-21 Q1"]


@pytest.mark.parametrize(
    ("typed", "chosen", "problem"),
    [
        ("", Quarter(2020, 2), None),
        ("2020-21-Q3", Quarter(2020, 3), None),
        ("2020-21 Q2", Quarter(2020, 2), None),
        ("2020-21-Q1", None, "Choose the quarter under review: 2020-21 Q2 or 2020-21 Q3."),
        ("next quarter", None, "Choose the quarter under review: 2020-21 Q2 or 2020-21 Q3."),
    ],
)
def test_a_forms_quarter_under_review_must_be_one_offered(typed, chosen, problem):
    assert check_review_quarter(typed, STRATEGY, date(2020, 10, 10)) == (chosen, problem)


def test_one_raised_before_quarters_were_recorded_is_for_the_quarter_it_was_raised_in():
    # 23:30 UTC on 30 Jun 2020 is 00:30 on 1 Jul in London: Q2
    assert under_review(None, datetime(2020, 6, 30, 23, 30, tzinfo=UTC)) == Quarter(2020, 2)
    assert under_review("2020-21-Q1", datetime(2020, 10, 10, tzinfo=UTC)) == Quarter(2020, 1)
