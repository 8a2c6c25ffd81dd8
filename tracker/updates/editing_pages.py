"""Editing the fields tracker.plans.fields marks editable: a page of its own, version-guarded."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.web.access import person
from tracker.core.web.refusals import client_of, refusals_as_http, version_of
from tracker.core.web.rendering import page
from tracker.plans.state import ActionState
from tracker.updates.editing import EditForm, as_typed
from tracker.updates.pages import UPDATERS, changeable_state
from tracker.updates.store import InvalidChange, StaleVersion, edit_action

# What the form sends: each editable field's text, and the version it was based on.
EditFormData = dict[str, str]


def _context(
    state: ActionState,
    data: EditFormData,
    *,
    problems: dict[str, str] | None = None,
    conflict: StaleVersion | None = None,
) -> dict[str, Any]:
    return {"state": state, "form": data, "problems": problems or {}, "conflict": conflict}


@get("/actions/{action_id:int}/edit", name="edit_form", guards=[UPDATERS])
async def edit_form(request: HTMXRequest, action_id: FromPath[int]) -> Template:
    state = await changeable_state(request, action_id)
    data = {**as_typed(state.details), "version": str(state.version)}
    return await page("updates/edit.html", **_context(state, data))


@post("/actions/{action_id:int}/edit", name="edit_submit", guards=[UPDATERS], status_code=200)
async def edit_submit(
    request: HTMXRequest,
    action_id: FromPath[int],
    data: Annotated[EditFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    state = await changeable_state(request, action_id)
    try:
        with refusals_as_http():
            recorded = await edit_action(
                action_id,
                EditForm.sent(data),
                version=version_of(data.get("version", "")),
                person=person(request),
                today=clock.today(),
                client=client_of(request),
            )
    except InvalidChange as invalid:
        response = await page(
            "updates/edit.html", **_context(state, data, problems=invalid.problems)
        )
        response.status_code = 422
        return response
    except StaleVersion as stale:
        data = {**data, "version": str(stale.current.version)}
        response = await page("updates/edit.html", **_context(stale.current, data, conflict=stale))
        response.status_code = 409
        return response
    outcome = "unchanged" if recorded.nothing_changed else "edited"
    return Redirect(f"/actions/{action_id}?{outcome}=1", status_code=303)
