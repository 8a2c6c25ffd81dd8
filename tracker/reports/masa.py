"""The MASA report's sections: one A4 page for the executive, in every format.

Headline counts now and at the previous quarter end, escalations to MASA,
red actions (most overdue first), agencies not returned; the front sheet and
key messages are tracker.reports.front's. When a busy quarter would not fit,
`one_page` decides what is shown, most important first (escalations, then red
actions by days overdue, then key messages), and each table says how many more
are in the Business Group report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.dates import format_date
from tracker.plans.fields import label
from tracker.reports.layout import PT_MM, column_widths, lines, row_lines
from tracker.reports.model import Audience, Report, ReportAction
from tracker.reports.plain_text import Block, Bullets, Paragraph, blocks
from tracker.reports.tables import (
    RAG_COLUMNS,
    Column,
    Kind,
    Section,
    Value,
    movement_text,
    short,
    shown,
)

# The page every format lays MASA's paper on: A4 portrait, 15 mm side margins.
TEXT_WIDTH_MM = 180.0
BODY_PT = 9.0
TABLE_PT = 8.0
BUDGET_MM = 252.0  # estimated; the estimates run ~9% over what LibreOffice lays out in 261 mm
LEAST = 2  # of each kind, shown before any kind takes more

ESCALATION_TEXT = 110  # characters of an escalation's issue, at most
RED_TEXT = 90  # of a red action's wording and progress
FRONT_LINES = 4  # of the purpose, the summary and the recommendations each


@dataclass(frozen=True)
class OnePage:
    """How many of each are shown on the page."""

    escalations: int
    red: int
    messages: int  # blocks of the key messages


def one_page(
    room_mm: float,
    escalations: Sequence[float],
    red: Sequence[float],
    messages: Sequence[float],
) -> OnePage:
    """What fits in `room_mm`, given the height of each row or block in reading order.

    The first LEAST of each kind go in first (escalations, red, messages), then the
    rest in the same order of importance, while they fit. Pure, so it is tested alone.
    """
    kinds = [list(escalations), list(red), list(messages)]
    shown = [0, 0, 0]
    left = room_mm
    for limit in (LEAST, None):
        for kind, heights in enumerate(kinds):
            while shown[kind] < len(heights) and (limit is None or shown[kind] < limit):
                height = heights[shown[kind]]
                if height > left:
                    break
                left -= height
                shown[kind] += 1
    return OnePage(*shown)


def _line_mm(size_pt: float) -> float:
    return size_pt * PT_MM * 1.2


def _row_mm(texts: Sequence[str], widths: Sequence[float]) -> float:
    return row_lines(texts, widths, TABLE_PT) * _line_mm(TABLE_PT) + 1.4


def _block_mm(block: Block) -> float:
    texts = [block.text] if isinstance(block, Paragraph) else list(block.items)
    count = sum(lines(text, TEXT_WIDTH_MM - 6, BODY_PT) for text in texts)
    return count * _line_mm(BODY_PT) + 1.0


def red_in_order(report: Report) -> list[ReportAction]:
    """Red actions, the longest overdue first."""
    return sorted(report.red, key=lambda a: (-(a.days_overdue or 0), a.plan, a.ref))


def clipped(text: str, most_lines: int = FRONT_LINES) -> tuple[Block, ...]:
    """A front-sheet text cut to `most_lines` on the page, ending "…" if cut."""
    kept: list[Block] = []
    used = 0
    for block in blocks(text):
        items = [block.text] if isinstance(block, Paragraph) else list(block.items)
        taken: list[str] = []
        for item in items:
            count = lines(item, TEXT_WIDTH_MM - 6, BODY_PT)
            if used + count > most_lines:
                room = most_lines - used
                if room > 0:
                    taken.append(short(item, room * 100))
                used = most_lines
                break
            taken.append(item)
            used += count
        if taken:
            kept.append(
                Paragraph(taken[0]) if isinstance(block, Paragraph) else Bullets(tuple(taken))
            )
        if used >= most_lines:
            break
    return tuple(kept)


def _rows_escalations(report: Report) -> list[list[Value]]:
    return [
        [short(row.title, ESCALATION_TEXT), row.plan, row.raised_on, row.state.label]
        for row in report.escalations
    ]


ESCALATION_COLUMNS = (
    Column("Issue", 50, Kind.LONG),
    Column("Plan", 22, Kind.LONG),
    Column("Raised", 12, Kind.DATE),
    Column("State", 24, Kind.LONG),
)
RED_COLUMNS = (
    Column("Plan", 22, Kind.LONG),
    Column(label("ref"), 7),
    Column(label("text"), 40, Kind.LONG),
    Column("Days overdue", 9, Kind.NUMBER),
    Column("Latest progress", 40, Kind.LONG),
)


def _rows_red(report: Report) -> list[list[Value]]:
    return [
        [
            a.plan,
            a.ref,
            short(a.text, RED_TEXT),
            a.days_overdue or None,
            short(a.progress, RED_TEXT),
        ]
        for a in red_in_order(report)
    ]


def _heights(columns: Sequence[Column], rows: list[list[Value]]) -> list[float]:
    texts = [[shown(v, c.kind) for v, c in zip(row, columns, strict=True)] for row in rows]
    widths = column_widths(columns, texts, TEXT_WIDTH_MM, TABLE_PT)
    return [_row_mm(row, widths) for row in texts]


def fit(report: Report) -> OnePage:
    """What of this report's MASA paper fits its one page."""
    heading = 7.0  # a section's heading, with the room around it
    line = _line_mm(BODY_PT) + 0.7
    table_line = _line_mm(TABLE_PT) + 1.4
    fixed = 6.0 + 10.0 + 3 * table_line + 3.0  # partnership, title, meeting details
    front = report.front
    for text in (front.purpose, front.summary, front.recommendations):
        parts = clipped(text)
        if parts:
            fixed += heading + sum(_block_mm(block) for block in parts)
    fixed += heading + line + 3 * table_line  # the headline
    fixed += 2 * (heading + line + table_line)  # escalations' and red's heading, header, "more"
    fixed += heading + line  # key messages' heading and "more"
    not_returned = "; ".join(report.not_returned)
    fixed += heading + line + table_line * lines(not_returned, TEXT_WIDTH_MM, TABLE_PT)
    return one_page(
        BUDGET_MM - fixed,
        _heights(ESCALATION_COLUMNS, _rows_escalations(report)),
        _heights(RED_COLUMNS, _rows_red(report)),
        [_block_mm(block) for block in blocks(report.key_messages)],
    )


def more(count: int, noun: str) -> str:
    """What stands for those left out: "And 3 more red actions in the Business Group report."."""
    return f"And {count} more {noun} in the Business Group report." if count > 0 else ""


def headline(report: Report) -> Section:
    return Section(
        "headline",
        "Headline",
        f"All actions by RAG; since {format_date(report.previous_as_at)} "
        f"{movement_text(report.movement) or 'nothing moved'}.",
        (Column("As at", 14), *RAG_COLUMNS, Column("Total", 8, Kind.NUMBER)),
        [
            [
                format_date(report.as_at),
                *(n for _, n in report.counts.items()),
                report.counts.total,
            ],
            [
                format_date(report.previous_as_at),
                *(n for _, n in report.previous_counts.items()),
                report.previous_counts.total,
            ],
        ],
        "There are no actions.",
    )


def escalations(report: Report) -> Section:
    rows = _rows_escalations(report)
    kept = fit(report).escalations if report.audience is Audience.MASA else len(rows)
    return Section(
        "escalations",
        "Escalations to MASA",
        "",  # the page has no room: the Business Group report says which are listed
        ESCALATION_COLUMNS,
        rows[:kept],
        more(len(rows), "escalations") if rows else "No escalation to MASA in the quarter.",
        more=more(len(rows) - kept, "escalations") if kept else "",
    )


def red_actions(report: Report) -> Section:
    rows = _rows_red(report)
    kept = fit(report).red
    return Section(
        "red",
        "Red actions, the longest overdue first",
        "",
        RED_COLUMNS,
        rows[:kept],
        more(len(rows), "red actions") if rows else "No action is red.",
        more=more(len(rows) - kept, "red actions") if kept else "",
    )


def not_returned(report: Report) -> Section:
    names = "; ".join(report.not_returned)
    return Section(
        "not-returned",
        "Agencies not returned",
        f"Agencies whose {report.quarter.label} return has not been submitted.",
        (Column("Agencies", 60, Kind.LONG),),
        [[names]] if names else [],
        "Every agency has made its return.",
    )


def key_messages(report: Report) -> tuple[tuple[Block, ...], str]:
    """The key messages shown on the page, and what says how many more there are."""
    found = blocks(report.key_messages)
    kept = fit(report).messages
    return found[:kept], more(len(found) - kept, "key messages")
