"""Tagging an action with core components: what a person may choose, and what changes."""

from tracker.coverage.matching import Wording
from tracker.coverage.rules import Tag, changes_tags, check_tags, component_choices, describe

COMPONENTS = [Wording(number, f"Component wording {number}") for number in range(12, 0, -1)]
KNOWN = set(range(1, 13))


def test_the_form_lists_every_component_in_order_with_the_actions_tags_ticked():
    choices = component_choices(COMPONENTS, [Tag(4, suggested=True), Tag(1)])
    assert [choice.number for choice in choices] == list(range(1, 13))
    assert [choice.number for choice in choices if choice.ticked] == [1, 4]
    assert [choice.number for choice in choices if choice.suggested] == [4]


def test_after_a_problem_the_form_keeps_what_the_person_ticked_not_what_is_stored():
    choices = component_choices(COMPONENTS, [Tag(4, suggested=True)], chosen=["2", "13"])
    assert [choice.number for choice in choices if choice.ticked] == [2]
    assert [choice.number for choice in choices if choice.suggested] == [4]


def test_ticked_numbers_are_checked_and_folded():
    assert check_tags(["4", "1", "4"], KNOWN).numbers == (1, 4)
    assert check_tags([], KNOWN).numbers == ()


def test_a_component_that_does_not_exist_is_refused_with_a_message_for_the_field():
    for bad in ("13", "0", "four", "<b>1</b>"):
        check = check_tags(["1", bad], KNOWN)
        assert check.numbers is None
        assert "Choose from the 12 core components listed" in check.problems["components"]


def test_saving_the_same_confirmed_tags_changes_nothing_but_confirming_a_suggestion_does():
    assert not changes_tags([Tag(1), Tag(4)], (1, 4))
    assert changes_tags([Tag(1), Tag(4, suggested=True)], (1, 4))
    assert changes_tags([Tag(1)], (1, 4))
    assert changes_tags([Tag(1)], ())


def test_tags_are_described_for_the_audit_trail():
    assert describe([Tag(4, suggested=True), Tag(1)]) == "1, 4 (suggested)"
    assert describe([]) == "none"
