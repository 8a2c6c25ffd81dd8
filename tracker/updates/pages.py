"""Updating an action's RAG and progress, inline in its row (htmx) or on a page of its own.

Thin: the rules live in tracker.updates.rules, the writing and the version
check in tracker.updates.store. Without JavaScript every step is a plain
form and a redirect; with htmx the row swaps in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import Body, FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.accounts.sign_in_pages import safe_next
from tracker.challenges.queries import awaiting_reply
from tracker.core import clock
from tracker.core.personal_data.check import FlaggedField, PossiblePersonalData, confirmed_in
from tracker.core.roles import HAS_OWN_ACTIONS, Role
from tracker.core.web.access import person, roles
from tracker.core.web.refusals import client_of, refusals_as_http, version_of
from tracker.core.web.rendering import page, partial
from tracker.plans.plan import plan_row
from tracker.plans.state import ActionState, action_state
from tracker.returns.queries import my_returns
from tracker.updates.my_actions import my_action, my_actions
from tracker.updates.notices import moved_notice
from tracker.updates.rules import UpdateForm
from tracker.updates.store import (
    InvalidChange,
    StaleVersion,
    may_change,
    record_update,
)

UPDATERS = roles(Role.BUSINESS_UNIT, Role.LEAD)
ROW_VIEWS = ("plan", "my")


@dataclass
class UpdateFormData:
    rag: str = ""
    progress: str = ""
    as_at: str = ""
    impact: str = ""
    evidence_link: str = ""
    version: str = ""
    view: str = ""
    next: str = ""
    confirm_personal_data: str = ""

    def typed(self) -> UpdateForm:
        return UpdateForm(self.rag, self.progress, self.as_at, self.impact, self.evidence_link)


async def changeable_state(request: HTMXRequest, action_id: int) -> ActionState:
    state = await action_state(action_id, clock.today())
    if state is None:
        raise NotFoundException(f"There is no action {action_id}.")
    if not may_change(person(request), state):
        raise PermissionDeniedException(
            f"You cannot update action {state.ref} of {state.plan}: it is not one of yours."
        )
    return state


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
            raise NotFoundException()
        context["item"] = item
    else:
        row = await plan_row(action_id, today)
        if row is None:
            raise NotFoundException()
        context["action"] = row
    return await partial("plans/_action_row.html", **context)


def _form_context(
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
    }


@get("/actions/{action_id:int}/update", name="update_form", guards=[UPDATERS])
async def update_form(
    request: HTMXRequest,
    action_id: FromPath[int],
    view: FromQuery[str | None] = None,
    next: FromQuery[str | None] = None,
) -> Template:
    state = await changeable_state(request, action_id)
    data = UpdateFormData(
        rag=state.rag or "",
        version=str(state.version),
        view=_view(view),
        next=safe_next(next or f"/actions/{action_id}"),
    )
    context = _form_context(state, data)
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


@post("/actions/{action_id:int}/update", name="update_submit", guards=[UPDATERS], status_code=200)
async def update_submit(
    request: HTMXRequest,
    action_id: FromPath[int],
    data: Annotated[UpdateFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    state = await changeable_state(request, action_id)
    data.view = _view(data.view)
    data.next = safe_next(data.next or f"/actions/{action_id}")
    template = "updates/_update_row.html" if request.htmx else "updates/update.html"
    render = partial if request.htmx else page
    try:
        with refusals_as_http():
            recorded = await record_update(
                action_id,
                data.typed(),
                version=version_of(data.version),
                person=person(request),
                client=client_of(request),
                confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
            )
    except InvalidChange as invalid:
        response = await render(template, **_form_context(state, data, problems=invalid.problems))
        response.status_code = 200 if request.htmx else 422
        return response
    except PossiblePersonalData as possible:
        context = _form_context(state, data, problems=possible.problems, flagged=possible.flagged)
        response = await render(template, **context)
        response.status_code = 200 if request.htmx else 422
        return response
    except StaleVersion as stale:
        data.version = str(stale.current.version)  # saving again means "keep mine"
        response = await render(template, **_form_context(stale.current, data, conflict=stale))
        response.status_code = 200 if request.htmx else 409
        return response
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
    mine = await my_actions(signed_in.agency_ids, signed_in.lead_names, today)
    challenges = await awaiting_reply(signed_in.agency_ids, signed_in.lead_names, today)
    returns = await my_returns(signed_in.agency_ids, today)
    return await page(
        "updates/my_actions.html", mine=mine, saved=saved, challenges=challenges, my_returns=returns
    )


@get("/my-actions/remaining", name="my_actions_remaining", guards=[roles(*HAS_OWN_ACTIONS)])
async def my_actions_remaining(request: HTMXRequest) -> Template:
    """The count of actions still to update, refreshed after an inline update."""
    signed_in = person(request)
    mine = await my_actions(signed_in.agency_ids, signed_in.lead_names, clock.today())
    return await partial("updates/_remaining.html", mine=mine)
