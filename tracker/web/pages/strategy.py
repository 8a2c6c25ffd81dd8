"""Home, plan and action pages."""

from __future__ import annotations

from litestar import get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from tracker.views.action import action_view
from tracker.views.overview import overview
from tracker.views.plan import plan_view
from tracker.web.pages.rendering import as_at_from_query, page, partial


@get("/", name="home")
async def home(as_at: FromQuery[str | None] = None) -> Template:
    day = as_at_from_query(as_at)
    return await page("home.html", overview=await overview(day.day), as_at=day)


@get("/plans/{plan_id:int}", name="plan")
async def plan(
    request: HTMXRequest, plan_id: FromPath[int], as_at: FromQuery[str | None] = None
) -> Template:
    day = as_at_from_query(as_at)
    found = await plan_view(plan_id, day.day)
    if found is None:
        raise NotFoundException()
    if request.htmx and request.htmx.target == "plan-actions":
        return await partial("_plan_actions.html", push_url=str(request.url), plan=found, as_at=day)
    return await page("plan.html", plan=found, as_at=day)


@get("/actions/{action_id:int}", name="action")
async def action(action_id: FromPath[int], as_at: FromQuery[str | None] = None) -> Template:
    day = as_at_from_query(as_at)
    found = await action_view(action_id, day.day)
    if found is None:
        raise NotFoundException()
    return await page("action.html", view=found, as_at=day)
