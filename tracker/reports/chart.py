"""The RAG chart: the quarter's actions by RAG against the previous quarter end's.

One set of figures (`chart_rows`), drawn as SVG for the web page and the PDF
(each bar labelled with its count, so nothing is told by colour alone) and as
a table of bars in Word; every format shows the figures as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from tracker.core.dates import format_date
from tracker.core.rag import rag_label
from tracker.reports.model import Report

BAR_COLOURS = {
    "red": "#d4351c",
    "amber": "#f47738",
    "green": "#00703c",
    "blue": "#1d70b8",
    None: "#505a5f",
}
BLOCKS = 30  # the longest bar in Word, in block characters


@dataclass(frozen=True)
class ChartRow:
    rag: str | None
    label: str
    when: str  # the day the count is as at
    count: int
    blocks: int  # the bar's length in Word
    previous: bool


def chart_rows(report: Report) -> list[ChartRow]:
    """For each RAG: the previous quarter end's count, then this quarter end's."""
    now = dict(report.counts.items())
    before = dict(report.previous_counts.items())
    largest = max([*now.values(), *before.values(), 1])
    rows = []
    for rag in now:
        for counts, day, previous in (
            (before, report.previous_as_at, True),
            (now, report.as_at, False),
        ):
            count = counts[rag]
            rows.append(
                ChartRow(
                    rag,
                    rag_label(rag),
                    format_date(day),
                    count,
                    round(count * BLOCKS / largest),
                    previous,
                )
            )
    return rows


def chart_svg(report: Report) -> str:
    """A horizontal bar chart, 160 mm wide, for the page and the PDF."""
    rows = chart_rows(report)
    largest = max([row.count for row in rows] + [1])
    label_w, bar_w, bar_h, gap = 110, 360, 16, 10
    height = len(rows) // 2 * (2 * bar_h + gap) + 34
    title = f"Actions by RAG, {format_date(report.previous_as_at)} and {format_date(report.as_at)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rag-chart" role="img" '
        f'viewBox="0 0 640 {height}" width="160mm" aria-labelledby="rag-chart-title">',
        f'<title id="rag-chart-title">{escape(title)}</title>',
    ]
    y = 4
    for row in rows:
        colour = BAR_COLOURS.get(row.rag, BAR_COLOURS[None])
        width = round(row.count * bar_w / largest)
        if row.previous:
            parts.append(
                f'<text x="0" y="{y + bar_h + 4}" font-size="13" font-weight="bold" '
                f'font-family="Arial, Helvetica, sans-serif">{escape(row.label)}</text>'
            )
        opacity = ' fill-opacity="0.45"' if row.previous else ""
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{max(width, 1)}" height="{bar_h}" '
            f'fill="{colour}"{opacity}/>'
        )
        parts.append(
            f'<text x="{label_w + max(width, 1) + 6}" y="{y + bar_h - 4}" font-size="11" '
            f'font-family="Arial, Helvetica, sans-serif">{row.count} at {escape(row.when)}</text>'
        )
        y += bar_h if row.previous else bar_h + gap
    parts.append("</svg>")
    return "".join(parts)
