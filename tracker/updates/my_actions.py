"""An agency lead's own actions, across plans: those not yet updated this quarter first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.dates import Quarter
from tracker.core.permissions import lead_matches
from tracker.core.tables import Action
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_as_at, one_action_as_at


@dataclass(frozen=True)
class MyAction:
    action: ActionAsAt
    updated_this_quarter: bool

    @property
    def plan_id(self) -> int:
        return self.action.plan_id

    @property
    def plan(self) -> str:
        return self.action.plan


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
    every = await actions_as_at(today, order_by=(Action.plan, Action.position))
    items = [
        MyAction(action, quarter.holds(action.status_as_at))
        for action in every
        if action.agency_id in agency_ids or lead_matches(action.lead, lead_names)
    ]
    items.sort(key=lambda item: item.updated_this_quarter)  # stable: plan order kept within
    return MyActions(quarter, tuple(items))


async def my_action(action_id: int, today: date) -> MyAction | None:
    """One row of the list, after it was updated in place."""
    action = await one_action_as_at(action_id, today)
    if action is None:
        return None
    return MyAction(action, Quarter.of(today).holds(action.status_as_at))
