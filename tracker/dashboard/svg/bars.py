"""Horizontal stacked bars: one bar per row (a plan, an agency), its name above it.

Names go above their bars rather than beside them, so long agency names need
no room guessed for them and never collide with the bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from tracker.dashboard.svg.frame import WIDTH, Drawing, Series, count_label, frame, segment, text

BAR_HEIGHT = 24
ROW_HEIGHT = 54
NAME_HEIGHT = 20
GAP = 2  # white between neighbouring segments, so each stands out (WCAG 1.4.11)
END_ROOM = 170  # to the right of the longest bar, for its total or note


@dataclass(frozen=True)
class Bar:
    name: str
    values: tuple[int, ...]  # one per series, in the series' order
    note: str | None = None  # written after the bar; else its total

    @property
    def total(self) -> int:
        return sum(self.values)


def _bar(chart_id: str, series: Sequence[Series], bar: Bar, y: float, unit: float) -> str:
    parts = [text(bar.name, 0, y + 14, bold=True)]
    top = y + NAME_HEIGHT
    x = 0.0
    for one, value in zip(series, bar.values, strict=True):
        if value <= 0:
            continue
        width = value * unit
        drawn = max(width - GAP, 1.0)
        parts.append(segment(chart_id, one, x, top, drawn, BAR_HEIGHT))
        parts.append(count_label(value, x + drawn / 2, top + BAR_HEIGHT / 2, drawn))
        x += width
    end = bar.note if bar.note is not None else str(bar.total)
    parts.append(text(end, x + 6, top + BAR_HEIGHT / 2 + 5))
    return "".join(parts)


def horizontal_bars(
    chart_id: str, title: str, description: str, series: Sequence[Series], bars: Sequence[Bar]
) -> Markup:
    """Bars on one scale, so a longer bar is more actions; each segment a series."""
    largest = max((bar.total for bar in bars), default=0)
    unit = (WIDTH - END_ROOM) / largest if largest else 0.0
    body = "".join(
        _bar(chart_id, series, bar, index * ROW_HEIGHT, unit) for index, bar in enumerate(bars)
    )
    return frame(
        chart_id, title, description, series, Drawing(body, max(len(bars), 1) * ROW_HEIGHT)
    )
