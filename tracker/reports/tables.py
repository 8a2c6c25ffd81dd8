"""The report's tables as plain values: what every format shows, in one place.

Each renderer lays out the same sections (a sheet each in Excel, a heading
and table each in Word and HTML), so the formats never disagree about
content. RAG columns hold the rating's value (red ... blue, or None) and each
renderer shows it as its word on its colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tracker.core.dates import format_date
from tracker.core.rag import RagCounts, rag_label
from tracker.reports.model import MovementCounts, ReportAction

Value = str | int | date | None


class Kind(StrEnum):
    TEXT = "text"  # short text
    LONG = "long"  # wrapped text
    NUMBER = "number"
    DATE = "date"
    RAG = "rag"


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # characters, for spreadsheets
    kind: Kind = Kind.TEXT
    rag: str | None = None  # a count column about one RAG: its heading wears the colour


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # also the sheet's name: 31 characters at most
    intro: str
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Value]]
    empty: str  # said instead of an empty table
    group_by: int | None = None  # Word and HTML split the table by this column, as subheadings
    extra: dict[str, str] = field(default_factory=dict)
    more: str = ""  # what was left out to fit the page, said under the table
    landscape: bool = False  # the full-plan appendix: its own landscape pages in the papers


RAG_COLUMNS = tuple(
    Column(rag_label(rag), 9, Kind.NUMBER, rag=rag or "none")
    for rag in ("red", "amber", "green", "blue", None)
)


def shown(value: Value, kind: Kind | str) -> str:
    """A cell's value as every format shows it: RAG as its word, dates as "30 Sep 2020"."""
    if kind == Kind.RAG:
        return rag_label(value)  # type: ignore[arg-type]
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def rag_values(counts: RagCounts) -> list[Value]:
    return [count for _, count in counts.items()]


def breakdown(counts: RagCounts) -> str:
    """ "1 Red, 2 Green", in words; "None" when there were no actions."""
    text = ", ".join(f"{count} {rag_label(rag)}" for rag, count in counts.items() if count)
    return text or "None"


def movement_text(counts: MovementCounts) -> str:
    return ", ".join(
        f"{moved.arrow} {count} {moved.label.lower()}" for moved, count in counts.items() if count
    )


def moved(action: ReportAction) -> str:
    return f"{action.movement.arrow} {action.movement.label}"


def short(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
