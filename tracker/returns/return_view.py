"""One plan's return in full, as its page shows it: the summary, the steps it has been
through, and every action as at the quarter's end with its assurance rating.

A fixed handful of queries whatever the number of actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.core.dates import Quarter
from tracker.core.permissions import lead_parts
from tracker.core.tables import Action, AssuranceRating, Plan, PlanReturn
from tracker.core.tables import ReturnStep as StepRow
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_as_at, in_force
from tracker.returns.queries import PLAN_COLUMNS, Deadline, ReturnSummary, deadline_of, summary
from tracker.returns.rules import ReturnState


@dataclass(frozen=True)
class StepItem:
    state: ReturnState
    actor: str
    occurred_at: datetime
    comment: str | None
    on_behalf: bool


@dataclass(frozen=True)
class ReturnAction:
    action: ActionAsAt
    updated_in_quarter: bool
    assurance_rag: str | None
    assurance_reason: str | None


@dataclass(frozen=True)
class PlanReturnView:
    summary: ReturnSummary
    quarter: Quarter
    as_at: date  # the day the actions' figures describe: the quarter's end, or today
    deadline: Deadline
    comments: str | None  # the chair's, when last returned
    cover_note: str | None  # the lead's, when last submitted
    decided_by: str | None
    decided_at: datetime | None
    history: tuple[StepItem, ...]
    actions: tuple[ReturnAction, ...]

    @property
    def not_updated(self) -> int:
        return sum(1 for item in self.actions if not item.updated_in_quarter)


async def plan_return(plan_id: int, quarter: Quarter, today: date) -> PlanReturnView | None:
    """One plan's return: its state and history, and every action as at the quarter's end."""
    plan = await Plan.select(*PLAN_COLUMNS).where(Plan.id == plan_id).first()
    if plan is None:
        return None
    row = (
        await PlanReturn.select()
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter.slug))
        .first()
    )
    steps = (
        await StepRow.select().where(StepRow.plan_return == row["id"]).order_by(StepRow.id)
        if row
        else []
    )
    deadline = await deadline_of(quarter, plan["strategy"])
    as_at = min(today, quarter.last_day)
    actions = await actions_as_at(
        as_at,
        in_force(quarter.last_day),
        plan_id=plan_id,
        order_by=(Action.objective.position, Action.position, Action.id),
    )
    ratings = {
        rating["action"]: rating
        for rating in await AssuranceRating.select(
            AssuranceRating.action, AssuranceRating.rag, AssuranceRating.reason
        ).where(
            (AssuranceRating.action.plan == plan_id) & (AssuranceRating.quarter == quarter.slug)
        )
    }
    items = []
    for action in actions:
        rating = ratings.get(action.id)
        items.append(
            ReturnAction(
                action,
                quarter.holds(action.status_as_at),
                rating["rag"] if rating else None,
                rating["reason"] if rating else None,
            )
        )
    leads = frozenset(part for action in actions for part in lead_parts(action.lead))
    updated = sum(1 for item in items if item.updated_in_quarter)
    return PlanReturnView(
        summary=summary(plan, row, deadline.day, today, len(items), updated, leads),
        quarter=quarter,
        as_at=as_at,
        deadline=deadline,
        comments=row["comments"] if row else None,
        cover_note=row["cover_note"] if row else None,
        decided_by=row["decided_by"] if row else None,
        decided_at=row["decided_at"] if row else None,
        history=tuple(
            StepItem(
                ReturnState(step["state"]),
                step["actor"],
                step["occurred_at"],
                step["comment"],
                bool(step["on_behalf"]),
            )
            for step in steps
        ),
        actions=tuple(items),
    )
