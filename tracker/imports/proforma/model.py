"""What a proforma spreadsheet says, once read: plans, their actions, and problems."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class PlanKind(StrEnum):
    OVERARCHING = "overarching"
    AGENCY = "agency"
    ADDITIONAL = "additional"


@dataclass(frozen=True)
class ParsedAction:
    row: int  # 1-based sheet row of the action's first line
    objective_ref: str
    objective: str
    ref: str
    action: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None  # the time-scale cell as written (a date cell as YYYY-MM-DD)
    due: datetime.date | None
    recurring: str | None  # "quarterly" | "ongoing" | None
    rag: str | None  # "red" | "amber" | "green" | "blue" | None
    progress: str | None
    impact: str | None = None  # evidence of impact, where the sheet has such a column


@dataclass(frozen=True)
class ParsedPlan:
    sheet: str
    kind: PlanKind
    agency: str | None  # Appendix 5 full name; None for the overarching plan
    plan: str
    actions: tuple[ParsedAction, ...]
    # The header(s) progress is read from, as written ("RAG/Progress"), for messages.
    progress_column: str | None = None
    # The action fields (as ParsedAction names them) the sheet has columns for; the
    # others it says nothing about. None: all of them.
    fields_given: frozenset[str] | None = None


@dataclass(frozen=True)
class Problem:
    sheet: str | None
    row: int | None
    column: str | None  # the column's header as written, e.g. "Time-scale"
    message: str


@dataclass(frozen=True)
class ParsedWorkbook:
    plans: tuple[ParsedPlan, ...]
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    # The workbook's custom document properties: a tracker download says there what it is.
    properties: tuple[tuple[str, str], ...] = ()
