"""When a strategy may close and which actions are open: plain data, no database."""

from datetime import date

from tracker.closing.rules import (
    Candidate,
    Outcome,
    PlanReturnState,
    carry_refusal,
    close_refusal,
    counts,
    is_open,
    outcome,
    target_refusal,
)
from tracker.core.dates import Quarter

LAST = date(2023, 3, 31)
Q4 = Quarter(2022, 4)


def test_a_strategy_closes_once_every_last_quarter_return_is_accepted():
    accepted = [PlanReturnState("TVP", "accepted"), PlanReturnState("CSC", "accepted")]
    assert close_refusal("S", Q4, accepted, closed=False) is None


def test_the_refusal_names_each_plan_whose_return_is_not_accepted_and_its_state():
    returns = [
        PlanReturnState("TVP", "accepted"),
        PlanReturnState("CSC", "submitted"),
        PlanReturnState("Health", "not-started"),
    ]
    said = close_refusal("S", Q4, returns, closed=False)
    assert said is not None
    assert "2022-23 Q4" in said
    assert "CSC (submitted, waiting for a chair)" in said
    assert "Health (not started)" in said
    assert "TVP" not in said


def test_a_closed_strategy_cannot_close_again():
    assert close_refusal("S", Q4, [], closed=True) == "S is already closed."


def test_open_means_neither_complete_nor_withdrawn_by_the_last_day():
    assert is_open("red", None, LAST)
    assert is_open(None, None, LAST)
    assert not is_open("blue", None, LAST)
    assert not is_open("green", date(2023, 3, 31), LAST)
    assert is_open("green", date(2023, 4, 1), LAST)  # withdrawn after the end: still open


def test_outcome_of_each_action_at_the_end():
    assert outcome("blue", None, LAST, carried=False) is Outcome.COMPLETED
    assert outcome("amber", date(2022, 1, 1), LAST, carried=False) is Outcome.WITHDRAWN
    assert outcome("amber", None, LAST, carried=True) is Outcome.CARRIED
    assert outcome("amber", None, LAST, carried=False) is Outcome.OPEN
    assert counts([Outcome.OPEN, Outcome.OPEN, Outcome.CARRIED])[Outcome.OPEN] == 2


def test_only_open_actions_not_yet_carried_are_carried():
    candidates = {
        1: Candidate(1, "1.1", True, None),
        2: Candidate(2, "1.2", True, 9),
        3: Candidate(3, "1.3", False, None),
    }
    assert carry_refusal([1], candidates, "S") is None
    assert "1.2 was already carried" in (carry_refusal([1, 2], candidates, "S") or "")
    assert "1.3 was completed or withdrawn" in (carry_refusal([3], candidates, "S") or "")
    assert "not one of S's actions" in (carry_refusal([7], candidates, "S") or "")
    assert carry_refusal([], candidates, "S") == "Choose at least one open action to carry over."


def test_actions_go_only_into_a_later_open_strategy():
    assert target_refusal(LAST, date(2023, 4, 1), False, same=False) is None
    assert target_refusal(LAST, date(2023, 4, 1), True, same=False) is not None
    assert target_refusal(LAST, date(2022, 4, 1), False, same=False) is not None
    assert target_refusal(LAST, date(2020, 4, 1), False, same=True) is not None
