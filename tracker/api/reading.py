"""Reading plans and actions through the API: anyone signed in, by session or token."""

from __future__ import annotations

from litestar import get
from litestar.params import FromQuery

from tracker.api.detail import action_detail
from tracker.api.filters import action_filter
from tracker.api.listing import find_actions, plan_summaries
from tracker.api.models import ActionDetail, ActionItem, PlanSummary
from tracker.api.params import ActionId
from tracker.api.responses import RESPONSES
from tracker.core import clock
from tracker.core.refusals import ActionNotFound

_READ_RESPONSES = {code: RESPONSES[code] for code in (401, 422)}


@get("/plans", name="api_plans", summary="Every plan, with how many actions it has")
async def plans() -> list[PlanSummary]:
    return await plan_summaries()


@get(
    "/actions",
    name="api_actions",
    summary="Actions with their status as at a day, filtered",
    description=(
        "plan: id or exact name; agency: name or short name; rag: red, amber, green, blue "
        "or none; overdue, due_soon (due within 30 days), stale (no update this quarter): "
        "true or false; as_of: YYYY-MM-DD (default today). Status, overdue, due soon and "
        "stale are as at as_of."
    ),
    responses=_READ_RESPONSES,
)
async def actions(
    plan: FromQuery[str | None] = None,
    agency: FromQuery[str | None] = None,
    rag: FromQuery[str | None] = None,
    overdue: FromQuery[str | None] = None,
    due_soon: FromQuery[str | None] = None,
    stale: FromQuery[str | None] = None,
    as_of: FromQuery[str | None] = None,
) -> list[ActionItem]:
    wanted = action_filter(
        today=clock.today(),
        plan=plan,
        agency=agency,
        rag=rag,
        overdue=overdue,
        due_soon=due_soon,
        stale=stale,
        as_of=as_of,
    )
    return await find_actions(wanted)


@get(
    "/actions/{action_id:int}",
    name="api_action",
    summary="One action: every field, its status as at a day, and its update history",
    responses={**_READ_RESPONSES, 400: RESPONSES[400], 404: RESPONSES[404]},
)
async def action(action_id: ActionId, as_of: FromQuery[str | None] = None) -> ActionDetail:
    day = action_filter(today=clock.today(), as_of=as_of).as_of
    found = await action_detail(action_id, day)
    if found is None:
        raise ActionNotFound(f"There is no action {action_id}.")
    return found
