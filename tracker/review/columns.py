"""The columns both downloads share: one row per action of the view, in the page's order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.rag import rag_label
from tracker.plans.fields import label
from tracker.plans.portfolio import PortfolioAction

Value = str | int | date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # characters, for the spreadsheet
    wrap: bool = False


COLUMNS = (
    Column("Plan", 28, wrap=True),
    Column("Agency", 28, wrap=True),
    Column("Objective", 40, wrap=True),
    Column(label("ref"), 7),
    Column(label("text"), 60, wrap=True),
    Column(label("lead"), 24, wrap=True),
    Column(label("timeframe"), 14, wrap=True),
    Column(label("due"), 12),
    Column("RAG", 10),
    Column("Last update", 12),
    Column("Days overdue", 9),
    Column("Due soon", 9),
    Column("Stale", 7),
    Column("Progress", 60, wrap=True),
    Column("Core components", 12),
    Column("Open challenges", 11),
    Column("Open escalations", 11),
    Column("Assurance", 18),
    Column("Assurance disagrees", 11),
    Column("Assurance reason", 40, wrap=True),
)


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def assurance_cell(action: PortfolioAction) -> str:
    """Red (2020-21 Q2): the rating standing as at the view's day, and its quarter."""
    if action.assurance is None:
        return ""
    return f"{rag_label(action.assurance.rag)} ({action.assurance.quarter.label})"


def export_row(action: PortfolioAction) -> list[Value]:
    """The action's values, typed: dates as dates and counts as numbers."""
    return [
        action.plan.name,
        action.plan.agency or "",
        f"{action.objective_ref}. {action.objective_text}",
        action.ref,
        action.text,
        action.lead or "",
        action.timeframe or "",
        action.due,
        rag_label(action.rag),
        action.status_as_at,
        action.slipping.days_overdue,
        _yes(action.slipping.due_soon),
        _yes(action.slipping.stale),
        action.progress or "",
        ", ".join(str(number) for number in action.components),
        action.open_challenges,
        action.open_escalations,
        assurance_cell(action),
        _yes(action.assurance is not None and action.assurance.disagrees),
        action.assurance.rating.reason if action.assurance else "",
    ]


def export_file_name(as_at: date, extension: str) -> str:
    return f"review-{as_at.isoformat()}.{extension}"
