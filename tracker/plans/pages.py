"""The home and plan pages (the action page, which shows every feature's part, is
tracker.updates.action_pages)."""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from tracker.core.chosen import chosen_closed, chosen_id
from tracker.core.paging import read_page_number
from tracker.core.permissions import ActionScope, Updater, may_change_plan, may_update
from tracker.core.refusals import NotFound
from tracker.core.web.access import person
from tracker.core.web.rendering import AsAt, as_at_from_query, page, partial
from tracker.plans.carried import plan_strategy
from tracker.plans.overview import overview
from tracker.plans.plan import PlanView, plan_view, read_objective


@get("/", name="home")
async def home(request: HTMXRequest, as_at: FromQuery[str | None] = None) -> Template:
    day = as_at_from_query(as_at)
    found = await overview(day.day, await chosen_id(request))
    return await page(
        "plans/home.html",
        overview=found,
        as_at=day,
        strategy_closed=await chosen_closed(request),
    )


def updatable(request: HTMXRequest, found: PlanView, day: AsAt) -> frozenset[int]:
    """The actions this person may update from the page: only when it shows today."""
    if not day.is_today:
        return frozenset()
    who = person(request)
    updater = Updater(who.role, who.agency_ids, who.lead_names)
    return frozenset(
        action.id
        for action in found.actions
        if may_update(updater, ActionScope(found.agency_id, action.lead))
    )


# After a change of the plan's shape (tracker.plan_changes redirects to ?changed=<key>).
CHANGED_NOTICES = {
    "objective-added": "Objective added.",
    "objective-changed": "Objective saved.",
    "unchanged": "Nothing changed: it was already as you left it.",
}


@get("/plans/{plan_id:int}", name="plan")
async def plan(
    request: HTMXRequest,
    plan_id: FromPath[int],
    as_at: FromQuery[str | None] = None,
    saved: FromQuery[int | None] = None,
    changed: FromQuery[str | None] = None,
    objective: FromQuery[str | None] = None,
    page_number: Annotated[str | None, QueryParameter(name="page")] = None,
) -> Template:
    day = as_at_from_query(as_at)
    found = await plan_view(
        plan_id, day.day, objective_id=read_objective(objective), page=read_page_number(page_number)
    )
    if found is None:
        raise NotFound()
    who = person(request)
    part_of, closed = await plan_strategy(plan_id)  # a closed strategy's plans are read only
    context = {
        "plan": found,
        "as_at": day,
        "updatable": frozenset() if closed else updatable(request, found, day),
        "saved": saved,
        "can_change_plan": not closed
        and day.is_today
        and may_change_plan(who.role, who.agency_ids, found.agency_id),
        "notice": CHANGED_NOTICES.get(changed or ""),
        "unknown_objective": bool(objective) and found.chosen is None,
        "strategy_closed": closed,
        "part_of": part_of,
    }
    if request.htmx and request.htmx.target == "plan-actions":
        return await partial(
            "plans/_plan_actions.html", push_url=str(request.url), swapped=True, **context
        )
    return await page("plans/plan.html", **context)
