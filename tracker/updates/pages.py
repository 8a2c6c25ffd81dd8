"""Updating an action's RAG and progress, inline in its row (htmx) or on a page of its own.

Thin: the rules live in tracker.updates.rules, the writing and the version
check in tracker.updates.store. Without JavaScript every step is a plain
form and a redirect; with htmx the row swaps in place.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.challenges.queries import awaiting_reply
from tracker.core import clock
from tracker.core.chosen import chosen_id
from tracker.core.dates import Quarter
from tracker.core.paging import (
    PER_PAGE_CHOICES,
    page_holding,
    paging,
    read_page_number,
    read_per_page,
)
from tracker.core.parsing import parsed
from tracker.core.personal_data.check import FlaggedField, confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import HAS_OWN_ACTIONS
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted, version_of
from tracker.core.web.redirects import safe_next
from tracker.core.web.rendering import page, partial
from tracker.plans.plan import plan_row
from tracker.plans.state import ActionState
from tracker.returns.my_returns import my_returns
from tracker.returns.rules import open_return
from tracker.returns.store import accepted_quarters
from tracker.updates.guards import UPDATERS, changeable_state
from tracker.updates.my_actions import my_action, my_actions, page_rows
from tracker.updates.notices import moved_notice
from tracker.updates.rules import UpdateForm
from tracker.updates.store import StaleVersion, record_update

ROW_VIEWS = ("plan", "my")


@dataclass
class UpdateFormData:
    rag: str = ""
    progress: str = ""
    as_at: str = ""
    impact: str = ""
    evidence_link: str = ""
    dated: str = ""  # while a return is open: "return", "today" or "other"
    quarter: str = ""  # the return it is for, when opened from a return's page
    version: str = ""
    view: str = ""
    next: str = ""
    confirm_personal_data: str = ""

    def typed(self) -> UpdateForm:
        return UpdateForm(
            self.rag, self.progress, self.as_at, self.impact, self.evidence_link, self.dated
        )

    @property
    def asked_quarter(self) -> Quarter | None:
        return parsed(Quarter.parse, self.quarter) if self.quarter else None


async def returning_for(state: ActionState, asked: Quarter | None) -> Quarter | None:
    """The quarter whose return the update is for by default, if one is open."""
    return open_return(clock.today(), await accepted_quarters(state.plan_id), asked)


def _view(value: str | None) -> str:
    return value if value in ROW_VIEWS else "plan"


async def display_row(
    action_id: int, view: str, *, saved: bool = False, notice: str | None = None
) -> Template:
    today = clock.today()
    context: dict[str, Any] = {
        "view": view,
        "saved": saved,
        "can_update": True,
        "notice": notice,
    }
    if view == "my":
        item = await my_action(action_id, today)
        if item is None:
            raise NotFound()
        context["item"] = item
    else:
        row = await plan_row(action_id, today)
        if row is None:
            raise NotFound()
        context["action"] = row
    return await partial("plans/_action_row.html", **context)


async def _form_context(
    state: ActionState,
    data: UpdateFormData,
    *,
    problems: dict[str, str] | None = None,
    conflict: StaleVersion | None = None,
    flagged: tuple[FlaggedField, ...] = (),
) -> dict[str, Any]:
    return {
        "state": state,
        "form": data,
        "problems": problems or {},
        "conflict": conflict,
        "flagged": flagged,
        "today": clock.today(),
        "returning": await returning_for(state, data.asked_quarter),
    }


@get("/actions/{action_id:int}/update", name="update_form", guards=[UPDATERS])
async def update_form(
    request: HTMXRequest,
    action_id: FromPath[int],
    view: FromQuery[str | None] = None,
    next: FromQuery[str | None] = None,
    quarter: FromQuery[str | None] = None,
) -> Template:
    state = await changeable_state(request, action_id)
    data = UpdateFormData(
        rag=state.rag or "",
        version=str(state.version),
        view=_view(view),
        next=safe_next(next or f"/actions/{action_id}"),
        quarter=quarter or "",
    )
    context = await _form_context(state, data)
    if request.htmx:
        return await partial("updates/_update_row.html", **context)
    return await page("updates/update.html", **context)


@get("/actions/{action_id:int}/row", name="action_row", guards=[UPDATERS])
async def action_row_fragment(
    request: HTMXRequest, action_id: FromPath[int], view: FromQuery[str | None] = None
) -> Template:
    """The row as shown, for 'Cancel' on an inline form."""
    await changeable_state(request, action_id)
    return await display_row(action_id, _view(view))


def _normalised(data: UpdateFormData, action_id: int) -> UpdateFormData:
    data.view = _view(data.view)
    data.next = safe_next(data.next or f"/actions/{action_id}")
    return data


async def _update_again(request: HTMXRequest, refused: Refusal) -> Template:
    """The form again, with each field's message, or with what changed meanwhile."""
    action_id = request.path_params["action_id"]
    data = _normalised(await submitted(request, UpdateFormData), action_id)
    if isinstance(refused, StaleVersion):
        data.version = str(refused.current.version)  # saving again means "keep mine"
        context = await _form_context(refused.current, data, conflict=refused)
    else:
        said = shown(refused)
        state = await changeable_state(request, action_id)
        context = await _form_context(
            state, data, problems=said.get("problems"), flagged=said.get("flagged", ())
        )
    if request.htmx:  # htmx 2 swaps no 4xx answer: the row's form comes back as 200
        return await partial("updates/_update_row.html", **context)
    response = await page("updates/update.html", **context)
    response.status_code = refused.status_code
    return response


@post(
    "/actions/{action_id:int}/update",
    name="update_submit",
    guards=[UPDATERS],
    status_code=200,
    opt={"form": _update_again},
)
async def update_submit(
    request: HTMXRequest,
    action_id: FromPath[int],
    data: Annotated[UpdateFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    await changeable_state(request, action_id)
    data = _normalised(data, action_id)
    recorded = await record_update(
        action_id,
        data.typed(),
        version=version_of(data.version),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
        for_quarter=data.asked_quarter,
    )
    notice = (
        moved_notice(recorded.moved_from, recorded.dated)
        if recorded.moved_from and recorded.dated
        else None
    )
    if request.htmx:
        row = await display_row(action_id, data.view, saved=True, notice=notice)
        row.headers["HX-Trigger"] = "my-actions-changed"
        return row
    if recorded.moved_from and recorded.dated:
        # Said on the action's page, whose history shows the day it was dated on.
        return Redirect(
            f"/actions/{action_id}?saved={action_id}&moved_from={recorded.moved_from.isoformat()}"
            f"&dated={recorded.dated.isoformat()}",
            status_code=303,
        )
    separator = "&" if "?" in data.next else "?"
    return Redirect(f"{data.next}{separator}saved={action_id}", status_code=303)


@get("/my-actions", name="my_actions", guards=[roles(*HAS_OWN_ACTIONS)])
async def my_actions_page(request: HTMXRequest, saved: FromQuery[int | None] = None) -> Template:
    signed_in = person(request)
    today = clock.today()
    strategy_id = await chosen_id(request)
    # The list, the challenges awaiting a reply and the returns at once, each on a
    # connection of its own.
    mine, challenges, returns = await asyncio.gather(
        my_actions(signed_in.agency_ids, signed_in.lead_names, today, strategy_id),
        awaiting_reply(signed_in.agency_ids, signed_in.lead_names, today, strategy_id),
        my_returns(signed_in.agency_ids, today, strategy_id),
    )
    page_number = request.query_params.get("page")  # long: in pages (tracker.core.paging)
    size, problem = read_per_page(request.query_params.get("per_page"))
    number = read_page_number(page_number)
    order = [item.action_id for item in mine.actions]
    if saved in order and page_number is None:
        number = page_holding(order.index(saved), size)  # the page showing the row just updated
    pages = paging(number, size, len(mine.actions))
    template = await page(
        "updates/my_actions.html",
        mine=mine,
        saved=saved,
        challenges=challenges,
        my_returns=returns,
        paging=pages,
        shown=await page_rows(mine.actions[pages.start : pages.end], today),
        per_page_problem=problem,
        per_page_choices=[(str(n), str(n)) for n in PER_PAGE_CHOICES],
    )
    template.status_code = 422 if problem else 200
    return template


@get("/my-actions/remaining", name="my_actions_remaining", guards=[roles(*HAS_OWN_ACTIONS)])
async def my_actions_remaining(request: HTMXRequest) -> Template:
    """The count of actions still to update, refreshed after an inline update."""
    signed_in = person(request)
    mine = await my_actions(
        signed_in.agency_ids, signed_in.lead_names, clock.today(), await chosen_id(request)
    )
    return await partial("updates/_remaining.html", mine=mine)
