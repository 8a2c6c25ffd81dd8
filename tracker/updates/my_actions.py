"""An agency lead's own actions, across plans: those not yet updated this quarter first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.dates import Quarter
from tracker.core.permissions import lead_matches
from tracker.core.tables import Action, Plan
from tracker.plans.action_row import ActionRow, action_row
from tracker.plans.statuses import statuses


@dataclass(frozen=True)
class MyAction:
    action: ActionRow
    plan_id: int
    plan: str
    updated_this_quarter: bool


@dataclass(frozen=True)
class MyActions:
    quarter: Quarter
    actions: tuple[MyAction, ...]

    @property
    def remaining(self) -> int:
        return sum(1 for item in self.actions if not item.updated_this_quarter)


async def my_actions(
    agency_ids: frozenset[int], lead_names: frozenset[str], today: date
) -> MyActions:
    quarter = Quarter.of(today)
    plans = {
        row["id"]: row
        for row in await Plan.select(Plan.id, Plan.name, Plan.agency, Plan.kind).order_by(Plan.id)
    }
    rows = await Action.select().order_by(Action.plan).order_by(Action.position)
    mine = [
        row
        for row in rows
        if plans[row["plan"]]["agency"] in agency_ids or lead_matches(row["lead"], lead_names)
    ]
    latest = await statuses(today)
    items = []
    for row in mine:
        action = action_row(row, latest.get(row["id"]), today)
        items.append(
            MyAction(
                action,
                row["plan"],
                plans[row["plan"]]["name"],
                quarter.holds(action.status_as_at),
            )
        )
    items.sort(key=lambda item: item.updated_this_quarter)  # stable: plan order kept within
    return MyActions(quarter, tuple(items))


async def my_action(action_id: int, today: date) -> MyAction | None:
    """One row of the list, after it was updated in place."""
    row = (
        await Action.select(*Action.all_columns(), Action.plan.name.as_alias("plan_name"))
        .where(Action.id == action_id)
        .first()
    )
    if row is None:
        return None
    latest = await statuses(today, action_id=action_id)
    action = action_row(row, latest.get(action_id), today)
    return MyAction(
        action, row["plan"], row["plan_name"], Quarter.of(today).holds(action.status_as_at)
    )
