"""RAG from a cell's leading word, and from its fill colour."""

from __future__ import annotations

import pytest

from tracker.imports.proforma.colours import Palette, apply_tint, resolve_colour, theme_colours
from tracker.imports.proforma.rag import rag_from_colour, rag_from_text


@pytest.mark.parametrize(
    ("text", "rag"),
    [
        ("Red", "red"),
        ("R", "red"),
        ("Amber", "amber"),
        ("A", "amber"),
        ("Green", "green"),
        ("G", "green"),
        ("Blue", "blue"),
        ("Complete", "blue"),
        ("Completed", "blue"),
        ("Done", "blue"),
        ("Closed", "blue"),
        ("AMBER", "amber"),
        ("green", "green"),
    ],
)
def test_a_rag_word_alone_is_the_rag_with_no_progress(text: str, rag: str) -> None:
    assert rag_from_text(text) == (rag, None)


@pytest.mark.parametrize("separator", ["-", "\u2013", ":", "/", ",", ".", "\n"])
@pytest.mark.parametrize("spacing", ["", " "])
def test_each_separator_splits_rag_from_progress(separator: str, spacing: str) -> None:
    text = f"Amber{spacing}{separator}{spacing}two of five delivered"
    assert rag_from_text(text) == ("amber", "two of five delivered")


@pytest.mark.parametrize(
    "text",
    ["A review is under way", "Green light given", "Red tape removed", "Done by the board in May"],
)
def test_a_space_alone_does_not_separate(text: str) -> None:
    assert rag_from_text(text) == (None, text)


def test_text_with_no_rag_word_is_all_progress() -> None:
    assert rag_from_text("Not yet due") == (None, "Not yet due")
    assert rag_from_text(None) == (None, None)


def test_the_progress_keeps_its_own_lines() -> None:
    assert rag_from_text("G - published\n- intranet\n- newsletter") == (
        "green",
        "published\n- intranet\n- newsletter",
    )


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [
        ("FF0000", "red"),
        ("C00000", "red"),
        ("FFC000", "amber"),
        ("FFBF00", "amber"),
        ("FFA500", "amber"),
        ("FFFF00", "amber"),
        ("00B050", "green"),
        ("92D050", "green"),
        ("00FF00", "green"),
        ("0070C0", "blue"),
        ("00B0F0", "blue"),
        ("FFC7CE", "red"),
        ("FFEB9C", "amber"),
        ("C6EFCE", "green"),  # conditional-format tints
        ("E06666", "red"),
        ("F4B183", "amber"),
        ("A9D08E", "green"),  # near enough in hue
    ],
)
def test_a_fill_colour_gives_the_rag_of_the_nearest_hue(rgb: str, rag: str) -> None:
    assert rag_from_colour(rgb) == rag


@pytest.mark.parametrize(
    "rgb", [None, "FFFFFF", "F2F2F2", "D9D9D9", "808080", "000000", "D9E1F2", "7030A0"]
)
def test_white_greys_no_fill_and_far_hues_give_no_rag(rgb: str | None) -> None:
    assert rag_from_colour(rgb) is None


def test_an_rgb_colour_is_read_without_its_alpha() -> None:
    assert resolve_colour("rgb", "FFFFC000", 0.0, Palette()) == "FFC000"
    assert rag_from_colour(resolve_colour("rgb", "00FF0000", 0.0, Palette())) == "red"


def test_an_indexed_colour_is_read_from_excels_palette() -> None:
    assert resolve_colour("indexed", 10, 0.0, Palette()) == "FF0000"
    assert resolve_colour("indexed", 17, 0.0, Palette()) == "008000"
    assert resolve_colour("indexed", 64, 0.0, Palette()) is None  # the system foreground


def test_an_indexed_colour_is_read_from_the_workbooks_own_palette() -> None:
    own = Palette(indexed=("000000", "FFFFFF", "00B050"))
    assert rag_from_colour(resolve_colour("indexed", 2, 0.0, own)) == "green"


THEME = b"""<?xml version="1.0"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office">
 <a:themeElements><a:clrScheme name="Office">
  <a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>
  <a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
  <a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>
  <a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2>
  <a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4>
  <a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6>
  <a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink>
 </a:clrScheme></a:themeElements></a:theme>"""


def near(rgb: str | None, expected: str) -> bool:
    assert rgb is not None
    return all(abs(int(rgb[i : i + 2], 16) - int(expected[i : i + 2], 16)) <= 1 for i in (0, 2, 4))


def test_theme_colours_are_numbered_light_first() -> None:
    colours = theme_colours(THEME)
    assert colours[:4] == ("FFFFFF", "000000", "E7E6E6", "44546A")
    assert colours[4:10] == ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47")


def test_a_theme_colour_with_a_tint_is_lightened_or_darkened_in_hls() -> None:
    palette = Palette(theme=theme_colours(THEME))
    assert resolve_colour("theme", 9, 0.0, palette) == "70AD47"
    # Excel shows these as C6E0B4 (Lighter 60%) and 548235 (Darker 25%);
    # its integer arithmetic may differ from ours by one in a channel.
    assert near(resolve_colour("theme", 9, 0.5999938962981048, palette), "C6E0B4")
    assert near(resolve_colour("theme", 9, -0.249977111117893, palette), "548235")
    assert rag_from_colour(resolve_colour("theme", 9, 0.3999755851924192, palette)) == "green"
    assert rag_from_colour(resolve_colour("theme", 0, -0.1499984740745262, palette)) is None


def test_tint_extremes() -> None:
    assert apply_tint("70AD47", 1.0) == "FFFFFF"
    assert apply_tint("70AD47", -1.0) == "000000"
