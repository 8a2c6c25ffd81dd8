"""Key messages and recommendations are plain text: paragraphs, "- " bullets, never markup."""

from __future__ import annotations

from tracker.reports.plain_text import Bullets, Paragraph, blocks, flat


def test_blank_lines_split_paragraphs_and_single_line_breaks_join_lines():
    assert blocks("Red actions fell\nsharply.\n\nTwo agencies are late.") == (
        Paragraph("Red actions fell sharply."),
        Paragraph("Two agencies are late."),
    )


def test_lines_starting_with_a_dash_are_bullets_and_a_following_line_continues_one():
    assert blocks("We ask the board to:\n- note the report\n- agree the\n  new dates\nThanks") == (
        Paragraph("We ask the board to:"),
        Bullets(("note the report", "agree the new dates Thanks")),
    )
    assert blocks("- one\n\n- two") == (Bullets(("one",)), Bullets(("two",)))


def test_markup_typed_is_kept_as_the_characters_typed():
    assert blocks("<b>Note</b>: see <a href='x'>here</a> & *there*") == (
        Paragraph("<b>Note</b>: see <a href='x'>here</a> & *there*"),
    )


def test_empty_text_gives_no_blocks_and_control_characters_are_dropped():
    assert blocks("") == blocks(None) == blocks("  \n\n \r\n") == ()
    assert blocks("Pasted\x0b text\r\nwith Windows lines") == (
        Paragraph("Pasted text with Windows lines"),
    )


def test_a_dash_inside_a_line_or_without_a_space_is_not_a_bullet():
    assert blocks("Figures - as at 30 Sep\n-5 on last quarter") == (
        Paragraph("Figures - as at 30 Sep -5 on last quarter"),
    )


def test_flat_lines_mark_bullets_for_cells_that_hold_text_only():
    assert flat("Intro\n- a\n- b") == ["Intro", "•  a", "•  b"]
