"""Which quarter's return an update is for by default, a return's state from the work done,
and the cover note: the pure rules of issue 15's quarterly cycle."""

from datetime import date

from tracker.core.dates import Quarter
from tracker.returns.rules import (
    MAX_COVER_NOTE,
    ReturnState,
    check_cover_note,
    from_work_done,
    open_return,
)

Q1, Q2, Q3 = (Quarter(2026, number) for number in (1, 2, 3))
AFTER_Q2 = date(2026, 11, 10)  # in Q3, while Q2's returns are collected


def test_after_a_quarter_ends_its_return_is_open_until_accepted():
    assert open_return(AFTER_Q2, set()) == Q2
    assert open_return(date(2026, 10, 1), set()) == Q2  # the first day after it ends


def test_an_accepted_return_is_not_open():
    assert open_return(AFTER_Q2, {Q2}) is None


def test_a_return_page_names_an_earlier_open_quarter():
    assert open_return(AFTER_Q2, set(), asked=Q1) == Q1
    assert open_return(AFTER_Q2, {Q1}, asked=Q1) == Q2  # accepted: the one being collected
    assert open_return(AFTER_Q2, set(), asked=Q3) == Q2  # not ended: not open


def test_not_started_becomes_in_progress_from_the_first_update_in_the_quarter():
    assert from_work_done(ReturnState.NOT_STARTED, 0) is ReturnState.NOT_STARTED
    assert from_work_done(ReturnState.NOT_STARTED, 1) is ReturnState.DRAFT
    assert from_work_done(ReturnState.SUBMITTED, 3) is ReturnState.SUBMITTED
    assert ReturnState.DRAFT.label == "In progress"


def test_the_cover_note_is_optional_and_bounded():
    assert check_cover_note("   ") == (None, None)
    assert check_cover_note(" All 13 reviewed. ") == ("All 13 reviewed.", None)
    assert check_cover_note("x" * MAX_COVER_NOTE) == ("x" * MAX_COVER_NOTE, None)
    note, problem = check_cover_note("x" * (MAX_COVER_NOTE + 1))
    assert note is None
    assert problem == "The cover note must be 2,000 characters or fewer."
