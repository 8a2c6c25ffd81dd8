"""The action page: every field, the update history, and what was said about the action.

It sits in updates, above challenges, escalations and assurance, because it
shows what each of them holds about the action; plans, below them all, keeps
the home and plan pages.
"""

from __future__ import annotations

import asyncio

from litestar import get
from litestar.params import FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from tracker.assurance.queries import action_assurance
from tracker.assurance.rules import CAN_ASSURE
from tracker.challenges.queries import action_challenges
from tracker.challenges.rules import CAN_CHALLENGE
from tracker.core import clock
from tracker.core.permissions import ActionScope, Updater, may_change_plan, may_update
from tracker.core.refusals import NotFound
from tracker.core.web.access import person
from tracker.core.web.rendering import as_at_from_query, page
from tracker.escalations.queries import action_escalations
from tracker.learning.queries import action_choices, action_learning, item_choices
from tracker.plans.action import action_view
from tracker.updates.notices import moved_notice_from_query

# What the page says after an assurance change: the assurance pages redirect
# to /actions/{id}?assurance=<key>.
ASSURANCE_NOTICES = {
    "set": "Assurance rating saved.",
    "cleared": "Assurance rating cleared.",
    "outcome": "Outcome evidence saved.",
}
# After linking on the action's page (tracker.learning.link_pages redirects to ?learning=<key>).
LEARNING_NOTICES = {
    "linked": "Linked: the action answers it.",
    "unlinked": "Unlinked.",
    "delivers": "Linked: the action delivers the overarching action.",
    "undelivers": "Unlinked from the overarching action.",
}

# After a change of the plan's shape (tracker.plan_changes redirects to ?changed=<key>).
CHANGED_NOTICES = {
    "action-added": "Action added.",
    "action-reworded": "Action saved.",
    "action-withdrawn": "Action withdrawn: it has left the plan's counts, overdue lists and "
    "returns from the day it was withdrawn.",
    "action-reinstated": "Action reinstated: it counts again.",
    "unchanged": "Nothing changed: it was already as you left it.",
}


@get("/actions/{action_id:int}", name="action")
async def action(
    request: HTMXRequest,
    action_id: FromPath[int],
    as_at: FromQuery[str | None] = None,
    saved: FromQuery[int | None] = None,
    edited: FromQuery[int | None] = None,
    unchanged: FromQuery[int | None] = None,
    tagged: FromQuery[int | None] = None,
    assurance: FromQuery[str | None] = None,
    moved_from: FromQuery[str | None] = None,
    dated: FromQuery[str | None] = None,
    learning: FromQuery[str | None] = None,
    changed: FromQuery[str | None] = None,
) -> Template:
    day = as_at_from_query(as_at)
    found = await action_view(action_id, day.day)
    if found is None:
        raise NotFound()
    who = person(request)
    closed = found.lineage.closed  # a closed strategy's actions are read only
    can_change = not closed and may_update(
        Updater(who.role, who.agency_ids, who.lead_names),
        ActionScope(found.agency_id, found.action.lead),
    )
    moved = moved_notice_from_query(moved_from, dated)
    notice = (
        f"Update saved. {moved}"
        if saved == action_id and moved
        else "Update saved."
        if saved == action_id
        else "Details saved."
        if edited
        else "Core components saved."
        if tagged
        else "Nothing changed: the details were already as you left them."
        if unchanged
        else ASSURANCE_NOTICES.get(assurance or "") or CHANGED_NOTICES.get(changed or "")
    )
    today = clock.today()
    # The page's other reads at once, each on a connection of its own.
    (
        challenges,
        escalations,
        assurance_view,
        learning_view,
        items,
        overarching,
    ) = await asyncio.gather(
        action_challenges(action_id, today),
        action_escalations(action_id),
        action_assurance(action_id, day.day, today=today, withdrawn_on=found.action.withdrawn_on),
        action_learning(found.action, day.day),
        item_choices() if can_change else _nothing(),
        action_choices(overarching_only=True)
        if can_change and found.action.plan_kind != "overarching"
        else _nothing(),
    )
    return await page(
        "plans/action.html",
        view=found,
        as_at=day,
        can_change=can_change and not found.action.withdrawn,
        can_change_plan=not closed
        and day.is_today
        and may_change_plan(who.role, who.agency_ids, found.agency_id),
        notice=notice,
        challenges=challenges,
        escalations=escalations,
        can_challenge=not closed and who.role in CAN_CHALLENGE,
        assurance=assurance_view,
        can_assure=not closed and who.role in CAN_ASSURE,
        strategy_closed=closed,
        part_of=found.lineage.strategy,
        learning=learning_view,
        learning_notice=LEARNING_NOTICES.get(learning or ""),
        learning_items=items,
        overarching_choices=overarching,
    )


async def _nothing() -> list[object]:
    return []
