"""Reading plans and actions through the API: anyone signed in, by session or token."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.datastructures import ResponseHeader
from litestar.params import FromQuery, QueryParameter

from tracker.api.bounds import MAX_ID
from tracker.api.detail import action_detail
from tracker.api.filters import action_filter
from tracker.api.listing import action_page, plan_summaries
from tracker.api.models import ActionDetail, ActionItem, PlanSummary
from tracker.api.paging import DEFAULT_LIMIT, MAX_LIMIT, page_limit
from tracker.api.params import ActionId
from tracker.api.problems import RequestProblem
from tracker.api.responses import RESPONSES
from tracker.core import clock
from tracker.core.chosen import chosen_strategy
from tracker.core.refusals import ActionNotFound

_READ_RESPONSES = {code: RESPONSES[code] for code in (401, 422)}


STRATEGY_QUERY = QueryParameter(
    required=False,
    ge=1,
    le=MAX_ID,
    description=(
        "The strategy's id: its plans and actions alone. Default: the current strategy "
        "(the one running today; if none is, the latest to have started)."
    ),
)


async def _strategy_id(request: Request, strategy: int | None) -> int | None:  # type: ignore[type-arg]
    """The strategy asked for (its `strategy` parameter, read by tracker.core.chosen), else
    the current one; RequestProblem for a strategy that does not exist."""
    chosen = await chosen_strategy(request)
    if strategy is not None and (chosen is None or chosen.id != strategy):
        raise RequestProblem({"strategy": f"There is no strategy {strategy}."})
    return chosen.id if chosen else None


@get(
    "/plans",
    name="api_plans",
    summary="The strategy's plans, with how many actions each has",
    responses=_READ_RESPONSES,
)
async def plans(
    request: Request,  # type: ignore[type-arg]
    strategy: Annotated[int | None, STRATEGY_QUERY] = None,
) -> list[PlanSummary]:
    return await plan_summaries(await _strategy_id(request, strategy))


_FILTERS = {
    "plan": "The plan's id or exact name.",
    "agency": "The agency's name or short name: its own plan and any additional actions.",
    "rag": "red, amber, green, blue (complete) or none (not rated yet), as at as_of.",
    "overdue": "true or false: past its due date and not complete, as at as_of.",
    "due_soon": "true or false: due within 30 days, as at as_of.",
    "stale": "true or false: no update dated in as_of's quarter.",
    "as_of": "YYYY-MM-DD: the day the status is as at (default today).",
    "limit": f"How many actions a page holds: 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).",
    "cursor": "Where the page starts: as the previous page's Link header (rel=next) gives it.",
}


_PAGING = ("limit", "cursor")


def _query(name: str) -> Any:
    return QueryParameter(required=False, description=_FILTERS[name])


@get(
    "/actions",
    name="api_actions",
    summary="Actions with their status as at a day, filtered, a page at a time",
    description=(
        "The strategy's actions in plan order, each with its status as at as_of. A page "
        "holds `limit` "
        'actions; the `Link` header\'s rel="next" link gives the next page (none on the '
        "last), and `X-Total-Count` how many actions match in all."
    ),
    responses=_READ_RESPONSES,
    response_headers=[
        ResponseHeader(
            name="Link",
            description='The next page, as <URL>; rel="next" (absent on the last page).',
            documentation_only=True,
        ),
        ResponseHeader(
            name="X-Total-Count",
            description="How many actions match the filters, on every page.",
            documentation_only=True,
        ),
    ],
)
async def actions(
    request: Request,
    plan: Annotated[str | None, _query("plan")] = None,
    agency: Annotated[str | None, _query("agency")] = None,
    rag: Annotated[str | None, _query("rag")] = None,
    overdue: Annotated[str | None, _query("overdue")] = None,
    due_soon: Annotated[str | None, _query("due_soon")] = None,
    stale: Annotated[str | None, _query("stale")] = None,
    as_of: Annotated[str | None, _query("as_of")] = None,
    limit: Annotated[str | None, _query("limit")] = None,
    cursor: Annotated[str | None, _query("cursor")] = None,
    strategy: Annotated[int | None, STRATEGY_QUERY] = None,
) -> Response[list[ActionItem]]:
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
    wanted = replace(wanted, strategy_id=await _strategy_id(request, strategy))
    size = page_limit(limit)
    page = await action_page(wanted, limit=size, cursor=cursor)
    headers = {"X-Total-Count": str(page.total)}
    if page.next_cursor is not None:
        # Relative to this host: right behind a reverse proxy, whatever name it is reached by.
        query = [(k, v) for k, v in request.query_params.multi_items() if k not in _PAGING]
        query += [("limit", str(size)), ("cursor", page.next_cursor)]
        headers["Link"] = f'<{request.url.path}?{urlencode(query)}>; rel="next"'
    return Response(list(page.items), headers=headers)


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
