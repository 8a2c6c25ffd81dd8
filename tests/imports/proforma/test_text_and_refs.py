"""Cell text cleaning, list markup, and objective/action refs."""

from __future__ import annotations

import datetime

import pytest

from tracker.imports.proforma.refs import RefNumbering, split_action_ref, split_objective_ref
from tracker.imports.proforma.text import cell_text, clean_text


def test_text_loses_leading_and_trailing_blanks_but_keeps_line_breaks_and_bullets() -> None:
    assert clean_text("  At each meeting:\r\n- Review plans;  \n- Escalate.\n\n ") == (
        "At each meeting:\n- Review plans;\n- Escalate."
    )


def test_blank_text_is_none() -> None:
    assert clean_text(" \n\t ") is None
    assert cell_text(None) is None


@pytest.mark.parametrize("text", ["=SUM(A1:A3)", "+44 1865 000000", "-not yet started", "@lead"])
def test_text_starting_like_a_formula_is_kept_as_written(text: str) -> None:
    assert cell_text(text) == text


def test_cell_values_as_text() -> None:
    assert cell_text(datetime.datetime(2020, 10, 31)) == "2020-10-31"
    assert cell_text(datetime.date(2020, 10, 31)) == "2020-10-31"
    assert cell_text(3.0) == "3"
    assert cell_text(2.5) == "2.5"


def test_list_markup_becomes_one_line_per_item() -> None:
    written = (
        "Good practice model to cover:<ul>\n<li>thresholds of need;</li>\n\n"
        "<li>logging and recording concerns;</li></ul>"
    )
    assert clean_text(written) == (
        "Good practice model to cover:\n- thresholds of need;\n- logging and recording concerns;"
    )


def test_list_items_with_their_own_bullet_keep_it() -> None:
    written = "<ul><li>- first</li><li>• second</li><li>third</li></ul>"
    assert clean_text(written) == "- first\n• second\n- third"


def test_list_markup_with_attributes_entities_and_capitals() -> None:
    written = 'Intro\n<UL class="x">\n  <LI>R&amp;D   review</LI>\n</UL>\nAfter the list'
    assert clean_text(written) == "Intro\n- R&D review\nAfter the list"


@pytest.mark.parametrize(
    ("written", "ref", "text"),
    [
        ("1. Ensure each agency is held to account", "1", "Ensure each agency is held to account"),
        ("10. To contribute", "10", "To contribute"),
        ("2) Ensure practice", "2", "Ensure practice"),
        ("Objective 3: Disseminate", "3", "Disseminate"),
        ("Ensure practice", None, "Ensure practice"),
        ("1.1 Not an objective ref", None, "1.1 Not an objective ref"),
    ],
)
def test_objective_ref_is_its_leading_number(written: str, ref: str | None, text: str) -> None:
    assert split_objective_ref(written) == (ref, text)


@pytest.mark.parametrize(
    ("written", "ref", "text"),
    [
        ("4.2 ESAT Manager to share", "4.2", "ESAT Manager to share"),
        ("1.1. Deliver briefings", "1.1", "Deliver briefings"),
        ("11.2) Keep virtual attendance", "11.2", "Keep virtual attendance"),
        ("3. Do the third thing", "4.3", "Do the third thing"),
        ("30 child concern PPNs sampled", None, "30 child concern PPNs sampled"),
        ("Review the forum", None, "Review the forum"),
    ],
)
def test_action_ref_is_its_leading_number(written: str, ref: str | None, text: str) -> None:
    assert split_action_ref(written, "4") == (ref, text)


def test_unnumbered_objectives_are_numbered_in_order() -> None:
    numbering = RefNumbering()
    assert [numbering.objective_ref(None) for _ in range(3)] == ["1", "2", "3"]


def test_unnumbered_objectives_count_on_from_the_highest_seen() -> None:
    numbering = RefNumbering()
    assert numbering.objective_ref("4") == "4"
    assert numbering.objective_ref(None) == "5"


def test_unnumbered_actions_are_numbered_after_their_objective() -> None:
    numbering = RefNumbering()
    assert numbering.action_ref("4", None) == "4.1"
    assert numbering.action_ref("4", None) == "4.2"
    assert numbering.action_ref("5", None) == "5.1"


def test_unnumbered_actions_count_on_from_the_highest_ref_already_seen() -> None:
    numbering = RefNumbering()
    assert numbering.action_ref("11", "11.1") == "11.1"
    assert numbering.action_ref("11", "11.3") == "11.3"
    assert numbering.action_ref("11", None) == "11.4"
    assert numbering.action_ref("12", None) == "12.1"
