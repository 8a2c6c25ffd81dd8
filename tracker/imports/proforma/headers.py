"""The header row: which column holds what, told by the header's name (in any
of the ways agencies write it), never by position."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Field(StrEnum):
    OBJECTIVE = "objective"
    ACTION = "action"
    INPUT = "input"
    DESIRED_OUTCOME = "desired_outcome"
    LEAD = "lead"
    TIMESCALE = "timescale"
    RAG = "rag"
    PROGRESS = "progress"
    RAG_PROGRESS = "rag_progress"
    REF = "ref"
    IMPACT = "impact"
    # A tracker proforma's status before the quarter: read only where the
    # sheet has no RAG (or progress) column of its own to fill in.
    CURRENT_RAG = "current_rag"
    CURRENT_PROGRESS = "current_progress"
    # Where a sheet holds several plans (the review download): each row's plan.
    PLAN = "plan"
    # A due-date column beside a time-scale column (the review download): the due date.
    DUE = "due"


_NAMES: dict[Field, tuple[str, ...]] = {
    Field.OBJECTIVE: ("objective", "objectives"),
    Field.ACTION: ("action", "actions", "action required", "actions required"),
    Field.INPUT: ("input", "inputs", "resources", "resource"),
    Field.DESIRED_OUTCOME: ("desired outcome", "desired outcomes", "outcome", "outcomes"),
    Field.LEAD: (
        "lead",
        "leads",
        "lead officer",
        "lead officers",
        "owner",
        "responsible",
        "responsible officer",
    ),
    Field.TIMESCALE: (
        "time-frame",
        "timeframe",
        "time-scale",
        "timescale",
        "timescales",
        "due",
        "due date",
        "by when",
        "deadline",
        "target date",
    ),
    Field.RAG: ("rag", "rag status", "rag rating"),
    Field.PROGRESS: ("progress", "progress update", "progress updates", "progress to date"),
    Field.RAG_PROGRESS: (
        "rag/progress",
        "progress/rag",
        "rag and progress",
        "rag status and progress",
        "rag/progress update",
    ),
    Field.REF: ("ref", "ref.", "refs", "action ref", "reference", "ref no"),
    Field.IMPACT: ("evidence of impact", "impact", "evidence", "impact evidence"),
    Field.CURRENT_RAG: ("current rag", "rag so far", "last rag", "previous rag"),
    Field.CURRENT_PROGRESS: ("current progress", "progress so far", "last progress"),
    Field.PLAN: ("plan", "plan name"),
}
_DUE_DATE = {"due", "duedate"}
# Where a sheet has only the "current" column, that is its RAG (or progress) column.
_CURRENT_STANDS_IN = {Field.CURRENT_RAG: Field.RAG, Field.CURRENT_PROGRESS: Field.PROGRESS}

# With an Action column, any of these makes a row the header row.
_CONFIRMING = {
    Field.OBJECTIVE,
    Field.LEAD,
    Field.TIMESCALE,
    Field.RAG,
    Field.PROGRESS,
    Field.RAG_PROGRESS,
}
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NOT_LETTER = re.compile(r"[^a-z0-9]+")


def _squashed(text: str) -> str:
    return _NOT_LETTER.sub("", text.casefold().replace("&", "and"))


_BY_NAME = {_squashed(name): field for field, names in _NAMES.items() for name in names}


def field_for_header(header: str) -> Field | None:
    """The field a header names; case, spacing, punctuation and a bracketed
    note ("Time-scale (month/year)", "Action(s)") do not matter."""
    field = _BY_NAME.get(_squashed(header))
    if field is None:
        without_note = _squashed(_BRACKETED.sub("", header))
        field = _BY_NAME.get(without_note) if without_note else None
    return field


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    header: str  # as written, e.g. "Time-scale"


@dataclass(frozen=True)
class HeaderRow:
    columns: dict[Field, Column]
    unknown: tuple[Column, ...]  # headers the tracker does not know: ignored
    repeated: tuple[Column, ...]  # a second column for a field already found: ignored

    def header(self, field: Field) -> str | None:
        column = self.columns.get(field)
        return column.header if column else None


def read_header(cells: Sequence[str | None]) -> HeaderRow | None:
    """The header row these cells make, or None if they name no Action column
    and none of Objective, Lead, Time-scale or RAG/Progress."""
    columns: dict[Field, Column] = {}
    unknown: list[Column] = []
    repeated: list[Column] = []
    for index, text in enumerate(cells):
        if not text:
            continue
        header = " ".join(text.split())
        field = field_for_header(header)
        if field is Field.TIMESCALE and field in columns and _squashed(header) in _DUE_DATE:
            field = Field.DUE
        if field is None:
            unknown.append(Column(index, header))
        elif field in columns:
            repeated.append(Column(index, header))
        else:
            columns[field] = Column(index, header)
    for current, field in _CURRENT_STANDS_IN.items():
        if current in columns and not {field, Field.RAG_PROGRESS} & columns.keys():
            columns[field] = columns.pop(current)
    if Field.ACTION not in columns or not _CONFIRMING & columns.keys():
        return None
    return HeaderRow(columns, tuple(unknown), tuple(repeated))
