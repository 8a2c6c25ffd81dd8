"""The columns both downloads share: one row per action of the view, in the page's order.

The action's own fields come from the register (tracker.plans.fields): those it
exports to the review, in its order, between the objective and the RAG.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tracker.core.rag import rag_label
from tracker.plans.fields import ACTION_FIELDS, ActionField, Export, Kind
from tracker.plans.portfolio import PortfolioAction

Value = str | int | date | None


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # characters, for the spreadsheet
    value: Callable[[PortfolioAction], Value]  # typed: dates as dates, counts as numbers
    wrap: bool = False


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def assurance_cell(action: PortfolioAction) -> str:
    """Red (2020-21 Q2): the rating standing as at the view's day, and its quarter."""
    if action.assurance is None:
        return ""
    return f"{rag_label(action.assurance.rag)} ({action.assurance.quarter.label})"


def field_column(field: ActionField) -> Column:
    def value(action: PortfolioAction) -> Value:
        found = getattr(action, field.name)
        return found if field.kind is Kind.DATE else (found or "")  # empty text: an empty cell

    return Column(field.label, field.width, value, wrap=field.wraps)


COLUMNS = (
    Column("Plan", 28, lambda action: action.plan, wrap=True),
    Column("Agency", 28, lambda action: action.agency or "", wrap=True),
    Column(
        "Objective", 40, lambda action: f"{action.objective_ref}. {action.objective_text}", True
    ),
    *(field_column(field) for field in ACTION_FIELDS.exported(Export.REVIEW)),
    Column("RAG", 10, lambda action: rag_label(action.rag)),
    Column("Last update", 12, lambda action: action.status_as_at),
    Column("Days overdue", 9, lambda action: action.days_overdue),
    Column("Due soon", 9, lambda action: _yes(action.due_soon)),
    Column("Stale", 7, lambda action: _yes(action.stale)),
    Column("Progress", 60, lambda action: action.progress or "", wrap=True),
    Column("Core components", 12, lambda action: ", ".join(str(n) for n in action.components)),
    Column("Open challenges", 11, lambda action: action.open_challenges),
    Column("Open escalations", 11, lambda action: action.open_escalations),
    Column("Assurance", 18, assurance_cell),
    Column(
        "Assurance disagrees",
        11,
        lambda action: _yes(action.assurance is not None and action.assurance.disagrees),
    ),
    Column(
        "Assurance reason",
        40,
        lambda action: action.assurance.reason if action.assurance else "",
        wrap=True,
    ),
)


def export_row(action: PortfolioAction) -> list[Value]:
    """The action's values, typed: dates as dates and counts as numbers."""
    return [column.value(action) for column in COLUMNS]


def export_file_name(as_at: date, extension: str) -> str:
    return f"review-{as_at.isoformat()}.{extension}"
