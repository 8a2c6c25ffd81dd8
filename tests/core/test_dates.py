from datetime import date

import pytest

from tracker.core.dates import (
    EARLIEST_DAY,
    LATEST_DAY,
    OUT_OF_RANGE,
    Quarter,
    days_text,
    format_date,
    parse_day,
    read_day,
)


def test_dates_are_written_day_short_month_year():
    assert format_date(date(2020, 9, 30)) == "30 Sep 2020"
    assert format_date(date(2021, 3, 1)) == "1 Mar 2021"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (date(2020, 4, 1), "2020-21 Q1"),
        (date(2020, 6, 30), "2020-21 Q1"),
        (date(2020, 7, 1), "2020-21 Q2"),
        (date(2020, 9, 30), "2020-21 Q2"),
        (date(2020, 12, 31), "2020-21 Q3"),
        (date(2021, 1, 1), "2020-21 Q4"),
        (date(2021, 3, 31), "2020-21 Q4"),
        (date(2021, 4, 1), "2021-22 Q1"),
        (date(1999, 4, 1), "1999-00 Q1"),
    ],
)
def test_quarters_follow_the_uk_financial_year(day, label):
    assert Quarter.of(day).label == label


def test_a_quarter_knows_its_first_and_last_day():
    q2 = Quarter.parse("2020-21-Q2")
    assert (q2.first_day, q2.last_day) == (date(2020, 7, 1), date(2020, 9, 30))
    q4 = Quarter.parse("2020-21 Q4")
    assert (q4.first_day, q4.last_day) == (date(2021, 1, 1), date(2021, 3, 31))
    assert q4.slug == "2020-21-Q4"


def test_quarters_step_across_financial_years():
    assert Quarter(2020, 4).next() == Quarter(2021, 1)
    assert Quarter(2021, 1).previous() == Quarter(2020, 4)
    assert Quarter(2020, 2).previous() == Quarter(2020, 1)


@pytest.mark.parametrize("text", ["2020-22-Q2", "2020-21-Q5", "Q2 2020", ""])
def test_a_mistyped_quarter_is_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="2020-21-Q2"):
        Quarter.parse(text)


def test_a_typed_day_is_read_only_from_2000_to_2099():
    assert parse_day(" 2020-09-30 ") == date(2020, 9, 30)
    assert parse_day("2000-01-01") == EARLIEST_DAY
    assert parse_day("2099-12-31") == LATEST_DAY
    for text in ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31", "2020-02-30", ""]:
        assert parse_day(text) is None, text
    with pytest.raises(ValueError, match=OUT_OF_RANGE):
        read_day("0001-01-01")


@pytest.mark.parametrize("text", ["0000-01-Q1", "1999-00-Q4", "2100-01-Q1", "9999-00-Q4"])
def test_a_quarter_outside_2000_01_to_2099_00_is_no_quarter(text):
    with pytest.raises(ValueError, match="is not a quarter from 2000-01 to 2099-00"):
        Quarter.parse(text)
    assert Quarter.parse("2099-00-Q4").last_day == date(2100, 3, 31)
    assert Quarter.parse("2000-01-Q1").first_day == date(2000, 4, 1)


def test_a_number_of_days_is_said_in_words_with_thousands_grouped():
    assert [days_text(n) for n in (0, 1, 2, 999, 2226)] == [
        "0 days",
        "1 day",
        "2 days",
        "999 days",
        "2,226 days",
    ]
