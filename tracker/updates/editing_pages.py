"""Editing the fields tracker.plans.fields marks editable: a page of its own, version-guarded."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.refusals import Refusal
from tracker.core.web.access import person
from tracker.core.web.forms import client_of, shown, version_of
from tracker.core.web.rendering import page
from tracker.plans.state import ActionState
from tracker.updates.editing import EditForm, as_typed
from tracker.updates.guards import UPDATERS, changeable_state
from tracker.updates.store import StaleVersion, edit_action

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


async def _edit_again(request: HTMXRequest, refused: Refusal) -> Template:
    """The form again, with each field's message, or with what changed meanwhile."""
    data: EditFormData = {name: str(value) for name, value in (await request.form()).items()}
    if isinstance(refused, StaleVersion):
        data["version"] = str(refused.current.version)
        context = _context(refused.current, data, conflict=refused)
    else:
        state = await changeable_state(request, request.path_params["action_id"])
        context = _context(state, data, problems=shown(refused).get("problems"))
    response = await page("updates/edit.html", **context)
    response.status_code = refused.status_code
    return response


@post(
    "/actions/{action_id:int}/edit",
    name="edit_submit",
    guards=[UPDATERS],
    status_code=200,
    opt={"form": _edit_again},
)
async def edit_submit(
    request: HTMXRequest,
    action_id: FromPath[int],
    data: Annotated[EditFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    await changeable_state(request, action_id)
    recorded = await edit_action(
        action_id,
        EditForm.sent(data),
        version=version_of(data.get("version", "")),
        person=person(request),
        today=clock.today(),
        client=client_of(request),
    )
    outcome = "unchanged" if recorded.nothing_changed else "edited"
    return Redirect(f"/actions/{action_id}?{outcome}=1", status_code=303)
