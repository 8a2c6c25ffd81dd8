"""Every row of the contract's time-scale table, and a few forms beside it."""

from __future__ import annotations

import datetime

import pytest

from tracker.imports.proforma.text import cell_text
from tracker.imports.proforma.timescale import read_timescale


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.mark.parametrize("written", ["Ongoing", "ongoing", "On-going"])
def test_ongoing_recurs_with_no_due_date(written: str) -> None:
    timescale = read_timescale(written)
    assert (timescale.due, timescale.recurring, timescale.understood) == (None, "ongoing", True)


@pytest.mark.parametrize("written", ["1/4ly", "Quarterly", "Qtrly", "Each quarter", "QUARTERLY"])
def test_quarterly_recurs_with_no_due_date(written: str) -> None:
    timescale = read_timescale(written)
    assert (timescale.due, timescale.recurring, timescale.understood) == (None, "quarterly", True)


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("Sept 20", "2020-09-30"),
        ("Sep 2020", "2020-09-30"),
        ("September 2020", "2020-09-30"),
        ("July 20", "2020-07-31"),
        ("March 21", "2021-03-31"),
        ("Feb 24", "2024-02-29"),
        ("Febr 2021", "2021-02-28"),
        ("June 22", "2022-06-30"),
        ("Jun 22", "2022-06-30"),
        ("Dec 20", "2020-12-31"),
        ("Sep-20", "2020-09-30"),
        ("nov 2020", "2020-11-30"),
    ],
)
def test_a_month_and_year_is_due_at_the_end_of_that_month(written: str, due: str) -> None:
    assert read_timescale(written).due == day(due)
    assert read_timescale(written).recurring is None


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("31/03/2021", "2021-03-31"),
        ("31/3/21", "2021-03-31"),
        ("01/04/2021", "2021-04-01"),  # day first, always
        ("5/6/21", "2021-06-05"),
    ],
)
def test_a_written_date_is_read_day_first(written: str, due: str) -> None:
    assert read_timescale(written).due == day(due)


def test_a_date_cell_is_that_date_and_written_as_iso() -> None:
    value = datetime.datetime(2020, 10, 31)
    assert cell_text(value) == "2020-10-31"
    assert read_timescale(cell_text(value)).due == day("2020-10-31")
    assert read_timescale(value).due == day("2020-10-31")


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("Q3 2020/21", "2020-12-31"),
        ("2020/21 Q3", "2020-12-31"),
        ("Q3 20/21", "2020-12-31"),
        ("Q1 2020/21", "2020-06-30"),
        ("Q2 2020/21", "2020-09-30"),
        ("Q4 2020/21", "2021-03-31"),
        ("Q4 2020-21", "2021-03-31"),
    ],
)
def test_a_financial_year_quarter_is_due_at_the_quarters_end(written: str, due: str) -> None:
    assert read_timescale(written).due == day(due)


@pytest.mark.parametrize("written", ["End of March 2021", "By March 2021", "by end of March 21"])
def test_end_of_or_by_a_month_is_due_at_that_months_end(written: str) -> None:
    assert read_timescale(written).due == day("2021-03-31")


def test_two_parts_in_one_cell_give_the_date_and_the_recurrence() -> None:
    timescale = read_timescale("1/4ly\nMarch 21")
    assert (timescale.due, timescale.recurring) == (day("2021-03-31"), "quarterly")


@pytest.mark.parametrize(
    "written", ["TBC", "asap", "Summer term 2021", "Q3", "2021", "31/02/2021", "Q3 2020/22"]
)
def test_anything_else_is_not_understood(written: str) -> None:
    timescale = read_timescale(written)
    assert (timescale.due, timescale.recurring, timescale.understood) == (None, None, False)


def test_a_blank_time_scale_is_simply_absent() -> None:
    assert read_timescale(None).understood
    assert read_timescale(None).due is None


def test_where_a_cell_gives_a_range_the_later_date_is_due() -> None:
    assert read_timescale("Dec 20 - March 21").due == day("2021-03-31")
