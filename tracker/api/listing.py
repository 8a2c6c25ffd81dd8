"""Plans and actions as the JSON API lists them: a fixed number of queries, whatever the size."""

from __future__ import annotations

from typing import Any

from piccolo.query.functions.aggregate import Count

from tracker.api.filters import ActionFilter
from tracker.api.models import ActionItem, PlanSummary
from tracker.api.problems import RequestProblem
from tracker.core.tables import Action, Plan
from tracker.imports.agencies import agency_directory
from tracker.plans.slipping import slipping
from tracker.plans.status import UpdateRecord
from tracker.plans.statuses import statuses

_ACTION_COLUMNS = (
    Action.id,
    Action.ref,
    Action.text,
    Action.lead,
    Action.timeframe,
    Action.due,
    Action.recurring,
    Action.version,
    Action.plan.id.as_alias("plan_id"),
    Action.plan.name.as_alias("plan_name"),
    Action.plan._.agency._.name.as_alias("agency_name"),
)


async def plan_summaries() -> list[PlanSummary]:
    plans = await Plan.select(
        Plan.id, Plan.name, Plan.kind, Plan.agency.name.as_alias("agency_name")
    ).order_by(Plan.id)
    counts = await Action.select(Action.plan, Count(Action.id, alias="actions")).group_by(
        Action.plan
    )
    by_plan = {row["plan"]: row["actions"] for row in counts}
    return [
        PlanSummary(
            row["id"], row["name"], row["kind"], row["agency_name"], by_plan.get(row["id"], 0)
        )
        for row in plans
    ]


def action_item(
    row: dict[str, Any], status: UpdateRecord | None, wanted: ActionFilter
) -> ActionItem:
    rag = status.rag if status else None
    slip = slipping(
        due=row["due"],
        recurring=row["recurring"],
        rag=rag,
        last_update=status.as_at if status else None,
        as_at=wanted.as_of,
    )
    return ActionItem(
        id=row["id"],
        plan_id=row["plan_id"],
        plan=row["plan_name"],
        agency=row["agency_name"],
        ref=row["ref"],
        action=row["text"],
        lead=row["lead"],
        timeframe=row["timeframe"],
        due=row["due"],
        recurring=row["recurring"],
        rag=rag,
        progress=status.progress if status else None,
        as_at=status.as_at if status else None,
        overdue=slip.overdue,
        days_overdue=slip.days_overdue,
        due_soon=slip.due_soon,
        stale=slip.stale,
        version=row["version"],
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
        rows = await Plan.select(Plan.id).where(Plan.name == wanted.plan_name)
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


async def find_actions(wanted: ActionFilter) -> list[ActionItem]:
    """Actions matching the wanted, with their status as at `wanted.as_of`, in plan order."""
    plan_ids = await _plan_ids(wanted)
    agency = await _agency_name(wanted)
    query = Action.select(*_ACTION_COLUMNS).order_by(Action.plan, Action.position, Action.id)
    if plan_ids is not None:
        query = query.where(Action.plan.is_in(plan_ids))
    if agency is not None:
        query = query.where(Action.plan._.agency._.name == agency)
    rows = await query
    latest = await statuses(
        wanted.as_of, plan_id=plan_ids[0] if plan_ids and len(plan_ids) == 1 else None
    )
    items = (action_item(row, latest.get(row["id"]), wanted) for row in rows)
    return [item for item in items if matches(item, wanted)]
