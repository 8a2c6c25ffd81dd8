"""Numbered pages of a long list: which rows a page holds, whatever a link asks for."""

import pytest

from tracker.core.paging import (
    DEFAULT_PER_PAGE,
    PER_PAGE_PROBLEM,
    paging,
    read_page_number,
    read_per_page,
)


def test_the_second_page_of_fifty_holds_rows_51_to_100():
    page = paging(2, 50, 16_008)
    assert (page.start, page.end, page.first, page.last) == (50, 100, 51, 100)
    assert (page.pages, page.previous, page.next) == (321, 1, 3)
    assert page.showing() == "Showing 51–100 of 16,008 actions"


def test_the_last_page_holds_what_is_left_and_has_no_next():
    page = paging(321, 50, 16_008)
    assert (page.first, page.last, page.next, page.previous) == (16_001, 16_008, None, 320)
    assert not page.past_end


def test_a_page_past_the_end_shows_the_last_and_says_so():
    page = paging(999, 25, 60)
    assert (page.number, page.first, page.last, page.past_end) == (3, 51, 60, True)


def test_no_rows_is_one_empty_page():
    page = paging(4, 50, 0)
    assert (page.number, page.pages, page.first, page.last, page.several) == (1, 1, 0, 0, False)
    assert (page.previous, page.next) == (None, None)


def test_one_page_says_how_many_without_a_range():
    assert paging(1, 50, 35).showing() == "Showing 35 of 35 actions"
    assert paging(1, 50, 1).showing() == "Showing 1 of 1 action"


@pytest.mark.parametrize(
    ("number", "window"),
    [
        (1, [1, 2, 3, None, 20]),
        (10, [1, None, 8, 9, 10, 11, 12, None, 20]),
        (4, [1, 2, 3, 4, 5, 6, None, 20]),
        (20, [1, None, 18, 19, 20]),
    ],
)
def test_the_page_links_are_the_first_the_last_and_those_around_this_one(number, window):
    assert paging(number, 50, 1000).window() == window


@pytest.mark.parametrize("typed", ["", None, "  "])
def test_no_per_page_is_the_default(typed):
    assert read_per_page(typed) == (DEFAULT_PER_PAGE, None)


@pytest.mark.parametrize("typed", ["25", "50", "100", " 100 "])
def test_each_offered_per_page_is_taken(typed):
    assert read_per_page(typed) == (int(typed), None)


@pytest.mark.parametrize("typed", ["7", "0", "-25", "1000", "lots", "25.0", "9" * 400])
def test_any_other_per_page_is_named_and_the_default_used(typed):
    assert read_per_page(typed) == (DEFAULT_PER_PAGE, PER_PAGE_PROBLEM)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("", 1), (None, 1), ("3", 3), ("0", 1), ("-2", 1), ("two", 1), ("9" * 400, 1)],
)
def test_a_page_number_that_is_not_one_is_the_first_page(typed, number):
    assert read_page_number(typed) == number
