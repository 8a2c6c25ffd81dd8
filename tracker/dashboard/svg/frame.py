"""What every chart shares: its series' fills, the frame with its title, and the legend.

A chart must be readable without colour (printed in greyscale, or by someone
who cannot tell red from green): each series fills with its own texture as
well as its colour, every segment has a dark outline and a white gap from its
neighbour, and the legend names each series in words. Assistive technology
gets the chart's title and description; the figures are in the data table
each page puts straight after the chart.

Everything here returns SVG markup as text; any text from the data passes
through `escape`, so a name like "A & B <C>" cannot break the markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 800
FONT_SIZE = 14
OUTLINE = "#0b0c0c"
TEXT = "#0b0c0c"
# Segments narrower than this get no count written on them: the table has it.
LABEL_MIN = 8


@dataclass(frozen=True)
class Series:
    key: str  # unique within a chart: part of its pattern's id
    label: str  # the words in the legend
    colour: str
    texture: str  # "hatch", "dots", "solid" or "outline": what tells it apart in greyscale


@dataclass(frozen=True)
class Drawing:
    """A chart's content, drawn inside a frame `height` units tall and WIDTH wide."""

    body: str
    height: int


def pattern_id(chart_id: str, series: Series) -> str:
    return f"{chart_id}-{series.key}"


def fill(chart_id: str, series: Series) -> str:
    return f"url(#{pattern_id(chart_id, series)})"


def _texture(series: Series) -> str:
    if series.texture == "hatch":
        return '<rect x="0" y="0" width="3" height="8" fill="#fff"/>'
    if series.texture == "dots":
        return f'<circle cx="4" cy="4" r="1.6" fill="{OUTLINE}"/>'
    if series.texture in ("solid", "outline"):
        return ""
    raise ValueError(f"unknown texture {series.texture!r}")


def patterns(chart_id: str, series: Iterable[Series]) -> str:
    """One <pattern> per series: its colour, and the texture greyscale can still show."""
    defined = []
    for one in series:
        rotate = ' patternTransform="rotate(45)"' if one.texture == "hatch" else ""
        defined.append(
            f'<pattern id="{escape(pattern_id(chart_id, one))}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"{rotate}>'
            f'<rect x="0" y="0" width="8" height="8" fill="{escape(one.colour)}"/>'
            f"{_texture(one)}</pattern>"
        )
    return "<defs>" + "".join(defined) + "</defs>"


def segment(chart_id: str, series: Series, x: float, y: float, width: float, height: float) -> str:
    return (
        f'<rect class="chart-segment" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
        f'height="{height:.1f}" fill="{escape(fill(chart_id, series))}" stroke="{OUTLINE}" '
        f'stroke-width="1"/>'
    )


def text(content: object, x: float, y: float, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{FONT_SIZE}" fill="{TEXT}" '
        f'text-anchor="{anchor}"{weight}>{escape(str(content))}</text>'
    )


def count_label(count: int, centre_x: float, centre_y: float, room: float) -> str:
    """The count on a white tag in the middle of its segment, when the segment has room."""
    width = 8 * len(str(count)) + 8
    if room < max(width + 4, LABEL_MIN):
        return ""
    return (
        f'<rect x="{centre_x - width / 2:.1f}" y="{centre_y - 9:.1f}" width="{width}" '
        f'height="18" rx="3" fill="#fff"/>' + text(count, centre_x, centre_y + 5, anchor="middle")
    )


def legend(chart_id: str, series: Sequence[Series], y: float) -> str:
    """The series' names beside a swatch of each fill, in one row."""
    parts = []
    x = 0.0
    for one in series:
        parts.append(segment(chart_id, one, x, y, 18, 18))
        parts.append(text(one.label, x + 24, y + 14))
        x += 24 + 9 * len(one.label) + 24
    return '<g class="chart-legend">' + "".join(parts) + "</g>"


LEGEND_HEIGHT = 34


def frame(
    chart_id: str, title: str, description: str, series: Sequence[Series], drawing: Drawing
) -> Markup:
    """The whole <svg>: named by its <title>, described by its <desc>, with its legend on top."""
    height = LEGEND_HEIGHT + drawing.height
    ident = escape(chart_id)
    return Markup(  # noqa: S704 - every piece of data in it went through escape()
        f'<svg class="chart" id="{ident}" role="img" aria-labelledby="{ident}-title" '
        f'aria-describedby="{ident}-desc" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{patterns(chart_id, series)}"
        f"{legend(chart_id, series, 4)}"
        f'<g transform="translate(0 {LEGEND_HEIGHT})">{drawing.body}</g>'
        "</svg>"
    )
