"""Stacked columns, one per period (a quarter), oldest on the left, names underneath."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from tracker.dashboard.svg.frame import WIDTH, Drawing, Series, count_label, frame, segment, text

PLOT_HEIGHT = 260
TOTAL_ROOM = 24  # above the tallest column, for its total
NAME_ROOM = 44  # under the columns: the period's name on up to two lines
GAP = 2  # white between neighbouring segments, so each stands out (WCAG 1.4.11)


@dataclass(frozen=True)
class Column:
    name: str
    values: tuple[int, ...]  # one per series, in the series' order, drawn bottom up
    subtitle: str | None = None  # a second line under the name, e.g. "(to date)"

    @property
    def total(self) -> int:
        return sum(self.values)


def _column(
    chart_id: str, series: Sequence[Series], column: Column, x: float, width: float, unit: float
) -> str:
    base = TOTAL_ROOM + PLOT_HEIGHT
    parts = []
    y = float(base)
    for one, value in zip(series, column.values, strict=True):
        if value <= 0:
            continue
        height = value * unit
        drawn = max(height - GAP, 1.0)
        parts.append(segment(chart_id, one, x, y - drawn, width, drawn))
        if drawn >= 20:
            parts.append(count_label(value, x + width / 2, y - drawn / 2, width))
        y -= height
    centre = x + width / 2
    parts.append(text(column.total, centre, y - 6, anchor="middle", bold=True))
    parts.append(text(column.name, centre, base + 18, anchor="middle"))
    if column.subtitle:
        parts.append(text(column.subtitle, centre, base + 36, anchor="middle"))
    return "".join(parts)


def stacked_columns(
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[Series],
    columns: Sequence[Column],
) -> Markup:
    """Columns on one scale, so a taller column is more actions; each segment a series."""
    largest = max((column.total for column in columns), default=0)
    unit = PLOT_HEIGHT / largest if largest else 0.0
    slot = WIDTH / max(len(columns), 1)
    width = min(slot * 0.6, 80.0)
    body = [
        f'<line x1="0" y1="{TOTAL_ROOM + PLOT_HEIGHT}" x2="{WIDTH}" '
        f'y2="{TOTAL_ROOM + PLOT_HEIGHT}" stroke="#0b0c0c" stroke-width="1"/>'
    ]
    for index, column in enumerate(columns):
        x = index * slot + (slot - width) / 2
        body.append(_column(chart_id, series, column, x, width, unit))
    return frame(
        chart_id,
        title,
        description,
        series,
        Drawing("".join(body), TOTAL_ROOM + PLOT_HEIGHT + NAME_ROOM),
    )
