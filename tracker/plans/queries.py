"""Reading actions as at a day (tracker.plans.model.ActionAsAt): the one place that does.

Two queries whatever the number of actions: the actions, joined to their plan,
agency and objective; and the update standing on the day for each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from piccolo.columns import Column
from piccolo.columns.combination import Combinable

from tracker.core.frozen import Frozen, Given, given_ids
from tracker.core.tables import Action
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.model import ActionAsAt, action_as_at
from tracker.plans.statuses import statuses

ACTION_COLUMNS: tuple[Column, ...] = (
    Action.id,
    Action.version,
    Action.plan.as_alias("plan_id"),
    Action.plan.name.as_alias("plan"),
    Action.plan.kind.as_alias("plan_kind"),
    Action.plan.agency.as_alias("agency_id"),
    Action.plan._.agency._.name.as_alias("agency"),
    Action.objective.as_alias("objective_id"),
    Action.objective.ref.as_alias("objective_ref"),
    Action.objective.text.as_alias("objective_text"),
    *(getattr(Action, field.name) for field in ACTION_FIELDS),
    Action.withdrawn_on,
    Action.withdrawn_reason,
    Action.withdrawn_by,
)
# A plan's own order; callers that list several plans say how to order them.
IN_PLAN_ORDER: tuple[Column, ...] = (Action.position, Action.id)


def in_force(day: date) -> Combinable:
    """The withdrawal rule: the actions that count on `day` (added by it, and not withdrawn on
    or before it).
    Counts, overdue lists, returns, reminders and reports pass it; a plan's and an action's
    own pages do not, and show a withdrawn action as withdrawn."""
    return (Action.withdrawn_on.is_null() | (Action.withdrawn_on > day)) & (
        Action.added_on.is_null() | (Action.added_on <= day)
    )


async def action_rows(
    *where: Combinable, order_by: Sequence[Column] = IN_PLAN_ORDER, limit: int | None = None
) -> list[dict[str, Any]]:
    """The rows ActionAsAt is built from (see tracker.plans.model.action_as_at)."""
    query = Action.select(*ACTION_COLUMNS)
    for condition in where:
        query = query.where(condition)
    query = query.order_by(*order_by)
    return await (query.limit(limit) if limit is not None else query)


# The reads pages make on every view, their SQL made once (tracker.core.frozen).
_ONE = Frozen(lambda: Action.select(*ACTION_COLUMNS).where(Action.id == Given("id")))
_THOSE = Frozen(
    lambda: (
        Action.select(*ACTION_COLUMNS).where(given_ids(Action.id, "ids")).order_by(*IN_PLAN_ORDER)
    )
)
_OF_OBJECTIVE = Frozen(
    lambda: (
        Action.select(*ACTION_COLUMNS)
        .where(Action.objective == Given("objective"))
        .order_by(*IN_PLAN_ORDER)
    )
)


async def one_action_row(action_id: int) -> list[dict[str, Any]]:
    """action_rows(Action.id == action_id)."""
    return await _ONE.rows(id=action_id)


async def action_rows_of(ids: Sequence[int]) -> list[dict[str, Any]]:
    """action_rows(among(Action.id, ids)): those actions, in plan order."""
    return await _THOSE.rows(ids=ids) if ids else []


async def objective_rows(objective_id: int, start: int, count: int) -> list[dict[str, Any]]:
    """The rows of an objective's actions (all of its plan) in plan order, `count` from
    `start` on: down the (objective, position, id) index (migration 0031), no sort."""
    return await _OF_OBJECTIVE.rows(objective=objective_id, limit=count, offset=start)


async def actions_of_ids(as_at: date, ids: Sequence[int]) -> list[ActionAsAt]:
    """Those actions as at `as_at`, in plan order: actions_as_at(as_at, among(Action.id, ids))."""
    rows = await action_rows_of(ids)
    latest = await statuses(as_at, action_ids=[row["id"] for row in rows]) if rows else {}
    return [action_as_at(row, latest.get(row["id"]), as_at) for row in rows]


async def actions_as_at(
    as_at: date,
    *where: Combinable,
    plan_id: int | None = None,
    action_id: int | None = None,
    order_by: Sequence[Column] = IN_PLAN_ORDER,
    limit: int | None = None,
) -> list[ActionAsAt]:
    """Actions as at `as_at`: of one plan, one action, or those `where` picks (all: every one);
    the first `limit` of them in `order_by`'s order."""
    conditions = list(where)
    if plan_id is not None:
        conditions.append(Action.plan == plan_id)
    if action_id is not None:
        conditions.append(Action.id == action_id)
    rows = await action_rows(*conditions, order_by=order_by, limit=limit)
    if where or limit is not None:  # some actions: the standing update of those alone
        latest = await statuses(as_at, action_ids=[row["id"] for row in rows])
    else:
        latest = await statuses(as_at, plan_id=plan_id, action_id=action_id)
    return [action_as_at(row, latest.get(row["id"]), as_at) for row in rows]


async def one_action_as_at(action_id: int, as_at: date) -> ActionAsAt | None:
    rows = await one_action_row(action_id)
    if not rows:
        return None
    latest = await statuses(as_at, action_id=action_id)
    return action_as_at(rows[0], latest.get(action_id), as_at)
