"""Choosing an action's core components: a page of twelve checkboxes, version-guarded."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from litestar import get, post
from litestar.params import FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core.web.access import person
from tracker.core.web.refusals import client_of, refusals_as_http, version_of
from tracker.core.web.rendering import page
from tracker.coverage.rules import component_choices
from tracker.coverage.store import action_tags, set_core_components
from tracker.plans.state import ActionState
from tracker.updates.guards import UPDATERS, changeable_state
from tracker.updates.store import InvalidChange, StaleVersion


async def _form(
    state: ActionState,
    version: str,
    *,
    chosen: Collection[str] | None = None,
    problems: dict[str, str] | None = None,
    conflict: StaleVersion | None = None,
    status_code: int = 200,
) -> Template:
    current = await action_tags(state.id)
    response = await page(
        "coverage/action_components.html",
        state=state,
        version=version,
        choices=component_choices(current.components, current.tags, chosen),
        current=current.tags,
        problems=problems or {},
        conflict=conflict,
    )
    response.status_code = status_code
    return response


@get("/actions/{action_id:int}/core-components", name="tag_form", guards=[UPDATERS])
async def tag_form(request: HTMXRequest, action_id: FromPath[int]) -> Template:
    state = await changeable_state(request, action_id)
    return await _form(state, str(state.version))


@post(
    "/actions/{action_id:int}/core-components",
    name="tag_submit",
    guards=[UPDATERS],
    status_code=200,
)
async def tag_submit(request: HTMXRequest, action_id: FromPath[int]) -> Template | Redirect:
    state = await changeable_state(request, action_id)
    fields: dict[str, list[Any]] = (await request.form()).dict()
    chosen = [str(value) for value in fields.get("components", [])]
    version = str((fields.get("version") or [""])[0])
    try:
        with refusals_as_http():
            recorded = await set_core_components(
                action_id,
                chosen,
                version=version_of(version),
                person=person(request),
                client=client_of(request),
            )
    except InvalidChange as invalid:
        return await _form(
            state, version, chosen=chosen, problems=invalid.problems, status_code=422
        )
    except StaleVersion as stale:
        # Saving again means "use my choice": the form now carries the current version.
        return await _form(
            stale.current,
            str(stale.current.version),
            chosen=chosen,
            conflict=stale,
            status_code=409,
        )
    outcome = "unchanged" if recorded.nothing_changed else "tagged"
    return Redirect(f"/actions/{action_id}?{outcome}=1", status_code=303)
