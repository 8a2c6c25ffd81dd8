"""The roll-up of an item's (or an overarching action's) actions, at its edges."""

import pytest

from tracker.learning.rules import Standing, disagrees, is_gap, roll_up


def test_no_action_linked_is_no_action():
    assert roll_up([]).label == "No action"


def test_every_action_complete_is_actions_complete_not_closed():
    rolled = roll_up(["blue", "blue"])
    assert rolled.standing is Standing.ACTIONS_COMPLETE
    assert rolled.label == "Actions complete, impact not yet evidenced"


@pytest.mark.parametrize(
    ("rags", "label"),
    [
        (["green", "red", "blue"], "Red, 1 of 3 complete"),
        (["green", "amber"], "Amber, 0 of 2 complete"),
        (["green", None, "blue"], "Not rated, 1 of 3 complete"),
        (["green", "blue", "blue"], "Green, 2 of 3 complete"),
        (["amber", None], "Amber, 0 of 2 complete"),
    ],
)
def test_otherwise_the_worst_open_rating_with_how_many_are_complete(rags, label):
    assert roll_up(rags).label == label


def test_only_evidence_of_impact_closes_whatever_the_actions_say():
    assert roll_up(["blue"], impact_evidenced=True).standing is Standing.CLOSED
    assert roll_up(["red"], impact_evidenced=True).standing is Standing.CLOSED
    assert roll_up([], impact_evidenced=True).standing is Standing.CLOSED


def test_an_overarching_action_disagrees_with_what_delivers_it_when_the_ratings_differ():
    assert disagrees("green", roll_up(["red", "green"]))
    assert not disagrees("red", roll_up(["red", "green"]))
    assert not disagrees("blue", roll_up(["blue", "blue"]))
    assert disagrees("blue", roll_up(["blue", "amber"]))
    assert not disagrees("amber", roll_up([]))


def test_a_gap_is_no_action_or_every_open_action_overdue_or_red():
    assert is_gap([], [], closed=False) == "No action"
    assert (
        is_gap(["red", "green"], [False, True], closed=False) == "Every open action overdue or red"
    )
    assert is_gap(["red", "green"], [False, False], closed=False) is None
    assert (
        is_gap(["blue", "red"], [False, False], closed=False) == "Every open action overdue or red"
    )
    assert is_gap(["blue"], [True], closed=False) is None
    assert is_gap([], [], closed=True) is None
