"""The SVG charts: well-formed, one shape per figure, named for assistive technology,
safe with any name, and readable without colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tracker.dashboard.svg.bars import Bar, horizontal_bars
from tracker.dashboard.svg.columns import Column, stacked_columns
from tracker.dashboard.svg.frame import Series
from tracker.dashboard.svg.rag_series import RAG_SERIES

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def parsed(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))  # raises on anything not well-formed


def data_segments(root: ET.Element) -> list[ET.Element]:
    """The segments drawn for figures, not the legend's swatches."""
    legend = {id(rect) for rect in root.find("svg:g[@class='chart-legend']", NS).iter()}
    return [
        rect
        for rect in root.iter(f"{SVG}rect")
        if rect.get("class") == "chart-segment" and id(rect) not in legend
    ]


def texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def bars_chart(*bars: Bar) -> str:
    return horizontal_bars(
        "chart-plans", "RAG status by plan", "One bar per plan.", RAG_SERIES, bars
    )


def test_a_bar_chart_draws_one_segment_for_each_nonzero_count():
    root = parsed(bars_chart(Bar("Police", (1, 0, 7, 1, 0)), Bar("Health", (0, 0, 0, 0, 4))))
    fills = [rect.get("fill") for rect in data_segments(root)]
    assert fills == [
        "url(#chart-plans-red)",
        "url(#chart-plans-green)",
        "url(#chart-plans-blue)",
        "url(#chart-plans-not-rated)",
    ]


def test_a_longer_bar_means_more_actions():
    root = parsed(bars_chart(Bar("Police", (0, 0, 10, 0, 0)), Bar("Health", (0, 0, 5, 0, 0))))
    police, health = (float(rect.get("width")) for rect in data_segments(root))
    assert police == pytest.approx(2 * health, abs=3)  # the white gap between segments


def test_counts_are_written_on_segments_with_room_and_totals_after_the_bars():
    root = parsed(bars_chart(Bar("Police", (3, 0, 40, 0, 0), note="43 actions")))
    assert "40" in texts(root) and "3" in texts(root)
    assert "43 actions" in texts(root)


def test_names_with_markup_characters_are_escaped_not_interpreted():
    name = 'Smith & Jones <Agency> "Trust"'
    markup = bars_chart(Bar(name, (1, 1, 1, 1, 1)))
    assert "<Agency>" not in markup
    root = parsed(markup)
    assert name in texts(root)


def test_titles_and_descriptions_with_markup_characters_are_escaped():
    markup = horizontal_bars("c", "A <b>title</b> & more", "Desc <script>", RAG_SERIES, [])
    root = parsed(markup)
    assert root.find("svg:title", NS).text == "A <b>title</b> & more"
    assert "<script>" not in markup


def test_every_fill_refers_to_a_pattern_the_chart_defines():
    root = parsed(bars_chart(Bar("Police", (1, 2, 3, 4, 5))))
    defined = {pattern.get("id") for pattern in root.iter(f"{SVG}pattern")}
    used = {
        rect.get("fill")[len("url(#") : -1]
        for rect in root.iter(f"{SVG}rect")
        if (rect.get("fill") or "").startswith("url(#")
    }
    assert used and used <= defined


def test_the_chart_is_an_image_named_by_its_title_and_described_by_its_desc():
    root = parsed(bars_chart(Bar("Police", (1, 0, 0, 0, 0))))
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert root.get("aria-labelledby") == title.get("id") and title.text == "RAG status by plan"
    assert root.get("aria-describedby") == desc.get("id") and desc.text == "One bar per plan."


def test_the_chart_scales_and_needs_no_inline_style():
    markup = bars_chart(Bar("Police", (1, 2, 3, 4, 5)))
    root = parsed(markup)
    assert root.get("viewBox", "").startswith("0 0 800 ")
    assert root.get("width") == "100%" and root.get("height") is None
    assert "style=" not in markup and "<script" not in markup  # CSP: style-src 'self'


def test_the_legend_names_every_series_in_words():
    root = parsed(bars_chart(Bar("Police", (1, 0, 0, 0, 0))))
    legend = root.find("svg:g[@class='chart-legend']", NS)
    words = [element.text for element in legend.iter(f"{SVG}text")]
    assert words == ["Red", "Amber", "Green", "Complete", "Not rated"]


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_each_rag_rating_has_its_own_pattern_and_a_look_that_survives_greyscale():
    root = parsed(bars_chart(Bar("Police", (1, 1, 1, 1, 1))))
    patterns = [pattern.get("id") for pattern in root.iter(f"{SVG}pattern")]
    assert len(patterns) == len(set(patterns)) == 5
    # Printed in grey, a rating is told apart by its texture, or else by how light it is.
    looks = {}
    for series in RAG_SERIES:
        looks.setdefault(series.texture, []).append(_luminance(series.colour))
    for texture, luminances in looks.items():
        ordered = sorted(luminances)
        gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False)]
        assert all(gap > 0.3 for gap in gaps), f"{texture}: too alike in greyscale"


def test_two_charts_on_one_page_do_not_share_pattern_ids():
    first = parsed(horizontal_bars("one", "t", "d", RAG_SERIES, [Bar("A", (1, 0, 0, 0, 0))]))
    second = parsed(horizontal_bars("two", "t", "d", RAG_SERIES, [Bar("A", (1, 0, 0, 0, 0))]))
    ids = [p.get("id") for root in (first, second) for p in root.iter(f"{SVG}pattern")]
    assert len(ids) == len(set(ids))


def test_an_unknown_texture_is_refused_rather_than_drawn_plain():
    with pytest.raises(ValueError, match="texture"):
        horizontal_bars("c", "t", "d", [Series("x", "X", "#000000", "zigzag")], [])


def test_stacked_columns_draw_one_segment_per_nonzero_count_and_name_each_period():
    root = parsed(
        stacked_columns(
            "chart-quarters",
            "RAG by quarter",
            "One column per quarter.",
            RAG_SERIES,
            [
                Column("2020-21 Q1", (1, 4, 6, 1, 23)),
                Column("2020-21 Q2", (0, 5, 7, 1, 22), subtitle="(to date)"),
            ],
        )
    )
    assert len(data_segments(root)) == 9
    words = texts(root)
    assert {"2020-21 Q1", "2020-21 Q2", "(to date)", "35"} <= set(words)


def test_columns_with_nothing_to_count_still_make_a_valid_chart():
    root = parsed(stacked_columns("c", "t", "d", RAG_SERIES, [Column("2019-20 Q1", (0,) * 5)]))
    assert data_segments(root) == []
    assert "0" in texts(root)


def test_a_bar_with_a_note_shows_it_instead_of_its_total():
    root = parsed(bars_chart(Bar("School", (0, 0, 0, 0, 0), note="No actions yet")))
    assert "No actions yet" in texts(root)
    assert data_segments(root) == []
