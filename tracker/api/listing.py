"""Plans and actions as the JSON API lists them: a fixed number of queries, whatever the size."""

from __future__ import annotations

import asyncio
from dataclasses import fields
from typing import Any

from piccolo.columns.combination import Combinable
from piccolo.query.functions.aggregate import Count

from tracker.api.filters import ActionFilter
from tracker.api.models import ActionItem, PlanSummary
from tracker.api.paging import CURSOR_GONE, Page, cursor_action, cursor_of, page_of
from tracker.api.problems import RequestProblem
from tracker.core.kept_counts import kept_total
from tracker.core.tables import Action, Plan
from tracker.imports.agencies import agency_directory
from tracker.plans.fields import ACTION_FIELDS, Export
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_as_at, in_force

API_TOTAL = "api total "  # tracker.core.kept_counts' kinds: this, and the filter's digest
_ITEM = frozenset(field.name for field in fields(ActionItem))
API_ORDER = (Action.plan, Action.position, Action.id)


async def plan_summaries(strategy_id: int | None = None) -> list[PlanSummary]:
    """The plans of strategy `strategy_id` (every plan with None), with their actions counted."""
    plans = Plan.select(
        Plan.id, Plan.name, Plan.kind, Plan.agency.name.as_alias("agency_name")
    ).order_by(Plan.id)
    counts = Action.select(Action.plan, Count(Action.id, alias="actions")).group_by(Action.plan)
    if strategy_id is not None:
        plans = plans.where(Plan.strategy == strategy_id)
        counts = counts.where(Action.plan._.strategy == strategy_id)
    by_plan = {row["plan"]: row["actions"] for row in await counts}
    return [
        PlanSummary(
            row["id"], row["name"], row["kind"], row["agency_name"], by_plan.get(row["id"], 0)
        )
        for row in await plans
    ]


def field_values(action: ActionAsAt, shape: frozenset[str]) -> dict[str, Any]:
    """The action's fields the register exports to the API and `shape` has, by API name."""
    return {
        field.api: getattr(action, field.name)
        for field in ACTION_FIELDS.exported(Export.API)
        if field.api in shape
    }


def status_values(action: ActionAsAt) -> dict[str, Any]:
    return {
        "rag": action.rag,
        "progress": action.progress,
        "as_at": action.status_as_at,
        "overdue": action.overdue,
        "days_overdue": action.days_overdue,
        "due_soon": action.due_soon,
        "stale": action.stale,
        "version": action.version,
        "withdrawn_on": action.withdrawn_on,
        "withdrawn_reason": action.withdrawn_reason,
    }


def action_item(action: ActionAsAt) -> ActionItem:
    return ActionItem(
        id=action.id,
        plan_id=action.plan_id,
        plan=action.plan,
        agency=action.agency,
        **field_values(action, _ITEM),
        **status_values(action),
    )


def matches(item: ActionItem, wanted: ActionFilter) -> bool:
    if wanted.rag is not None and (item.rag or "none") != wanted.rag:
        return False
    flags = [
        (wanted.overdue, item.overdue),
        (wanted.due_soon, item.due_soon),
        (wanted.stale, item.stale),
    ]
    return all(asked is None or asked == actual for asked, actual in flags)


async def _plan_ids(wanted: ActionFilter) -> list[int] | None:
    """The plans the wanted names (None: every plan); RequestProblem if there are none."""
    if wanted.plan_id is not None:
        if not await Plan.exists().where(Plan.id == wanted.plan_id):
            raise RequestProblem({"plan": f"There is no plan {wanted.plan_id}."})
        return [wanted.plan_id]
    if wanted.plan_name is not None:
        named: Combinable = Plan.name == wanted.plan_name
        if wanted.strategy_id is not None:
            named = named & (Plan.strategy == wanted.strategy_id)
        rows = await Plan.select(Plan.id).where(named)
        if not rows:
            problem = f"There is no plan called {wanted.plan_name!r}: give its id or exact name."
            raise RequestProblem({"plan": problem})
        return [row["id"] for row in rows]
    return None


async def _agency_name(wanted: ActionFilter) -> str | None:
    if wanted.agency is None:
        return None
    found = (await agency_directory()).find(wanted.agency)
    if found is None:
        raise RequestProblem({"agency": f"There is no agency called {wanted.agency!r}."})
    return found.name


async def _where(wanted: ActionFilter) -> tuple[list[Combinable], list[int] | None]:
    plan_ids = await _plan_ids(wanted)
    agency = await _agency_name(wanted)
    where: list[Combinable] = []
    if plan_ids is not None:
        where.append(Action.plan.is_in(plan_ids))
    if agency is not None:
        where.append(Action.plan._.agency._.name == agency)
    if wanted.strategy_id is not None:
        where.append(Action.plan._.strategy == wanted.strategy_id)
    return where, plan_ids


async def find_actions(wanted: ActionFilter) -> list[ActionItem]:
    """Actions matching the wanted, with their status as at `wanted.as_of`, in plan order."""
    where, plan_ids = await _where(wanted)
    found = await actions_as_at(
        wanted.as_of,
        *where,
        in_force(wanted.as_of),
        plan_id=plan_ids[0] if plan_ids and len(plan_ids) == 1 else None,
        order_by=API_ORDER,
    )
    items = (action_item(action) for action in found)
    return [item for item in items if matches(item, wanted)]


async def _after(cursor: str) -> Combinable:
    """Actions after the cursor's, in API_ORDER; RequestProblem if it is gone."""
    action_id = cursor_action(cursor)
    row = await Action.select(Action.plan, Action.position).where(Action.id == action_id).first()
    if row is None:
        raise RequestProblem({"cursor": CURSOR_GONE})
    plan, position = row["plan"], row["position"]
    return (
        (Action.plan > plan)
        | ((Action.plan == plan) & (Action.position > position))
        | ((Action.plan == plan) & (Action.position == position) & (Action.id > action_id))
    )


async def action_page(wanted: ActionFilter, *, limit: int, cursor: str | None) -> Page[ActionItem]:
    """A page of the actions matching the wanted, after `cursor`.

    Filtered by status (RAG, overdue, due soon, stale), every matching action is worked
    out and the page cut from them; filtered by plan or agency alone, the database
    picks the page and counts the total.
    """
    by_status = (wanted.rag, wanted.overdue, wanted.due_soon, wanted.stale)
    if any(value is not None for value in by_status):
        found = await find_actions(wanted)
        return page_of(found, [item.id for item in found], limit=limit, cursor=cursor)
    where, _ = await _where(wanted)
    where.append(in_force(wanted.as_of))
    after = [await _after(cursor.strip())] if cursor is not None and cursor.strip() else []
    # The total (kept between requests: tracker.core.kept_counts) and the page at once,
    # each on a connection of its own.
    total, listed = await asyncio.gather(
        kept_total(
            API_TOTAL, wanted.strategy_id, wanted.as_of, Action.select(Action.id).where(*where)
        ),
        actions_as_at(wanted.as_of, *where, *after, order_by=API_ORDER, limit=limit + 1),
    )
    items = [action_item(action) for action in listed[:limit]]
    more = len(listed) > limit
    return Page(items, total, cursor_of(items[-1].id) if more and items else None)
