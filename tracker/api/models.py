"""What the JSON API sends and receives: the shapes its OpenAPI schema documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class PlanSummary:
    id: int
    name: str
    kind: str  # overarching, agency or additional
    agency: str | None
    actions: int


@dataclass(frozen=True)
class ActionItem:
    """An action and its status as at a day (`as_of`); `as_at` is the day its status describes."""

    id: int
    plan_id: int
    plan: str
    agency: str | None
    ref: str
    action: str
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    rag: str | None  # red, amber, green, blue (complete), or null: not rated yet
    progress: str | None
    as_at: date | None
    overdue: bool
    days_overdue: int
    due_soon: bool  # due within 30 days, open, not recurring
    stale: bool  # open and no update in as_of's quarter
    version: int
    # Withdrawn by the group from this day (null: not withdrawn), and why. The listing leaves
    # out the actions withdrawn on or before `as_of`; an action's own detail still shows them.
    withdrawn_on: date | None = None
    withdrawn_reason: str | None = None


@dataclass(frozen=True)
class RecordedItem(ActionItem):
    """The action after an update recorded through the API."""

    # The as-at day sent, when it fell in a quarter whose return is accepted and the
    # update was dated on the next open quarter's first day instead (`as_at`).
    moved_from: date | None = None


@dataclass(frozen=True)
class HistoryItem:
    rag: str | None
    progress: str | None
    as_at: date
    recorded_at: datetime
    recorded_by: str
    source: str  # import, web or api
    impact: str | None
    evidence_link: str | None


@dataclass(frozen=True)
class ActionDetail:
    id: int
    plan_id: int
    plan: str
    agency: str | None
    objective_ref: str
    objective: str
    ref: str
    action: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    core_components: list[int]
    rag: str | None
    progress: str | None
    as_at: date | None
    overdue: bool
    days_overdue: int
    due_soon: bool  # due within 30 days, open, not recurring
    stale: bool  # open and no update in as_of's quarter
    version: int
    history: list[HistoryItem]  # newest first
    withdrawn_on: date | None = None  # withdrawn by the group from this day; null: not
    withdrawn_reason: str | None = None
