"""Choosing an action's core components: a page of twelve checkboxes, version-guarded."""

from __future__ import annotations

from collections.abc import Collection

from litestar import get, post
from litestar.datastructures import FormMultiDict
from litestar.params import FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core.refusals import Refusal
from tracker.core.web.access import person
from tracker.core.web.forms import client_of, shown, version_of
from tracker.core.web.rendering import page
from tracker.coverage.rules import component_choices
from tracker.coverage.store import action_tags, set_core_components
from tracker.plans.state import ActionState
from tracker.updates.guards import UPDATERS, changeable_state
from tracker.updates.store import StaleVersion


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


def _chosen(sent: FormMultiDict) -> tuple[list[str], str]:
    """The components ticked and the version the form was made on."""
    return [str(value) for value in sent.getall("components", [])], str(sent.get("version") or "")


async def _tags_again(request: HTMXRequest, refused: Refusal) -> Template:
    """The form again with the choice as sent: with the messages, or with what changed
    meanwhile (saving again then means "use my choice", at the current version)."""
    chosen, version = _chosen(await request.form())
    if isinstance(refused, StaleVersion):
        current = refused.current
        return await _form(
            current, str(current.version), chosen=chosen, conflict=refused, status_code=409
        )
    state = await changeable_state(request, request.path_params["action_id"])
    return await _form(
        state,
        version,
        chosen=chosen,
        problems=shown(refused).get("problems"),
        status_code=refused.status_code,
    )


@post(
    "/actions/{action_id:int}/core-components",
    name="tag_submit",
    guards=[UPDATERS],
    status_code=200,
    opt={"form": _tags_again},
)
async def tag_submit(request: HTMXRequest, action_id: FromPath[int]) -> Template | Redirect:
    await changeable_state(request, action_id)
    chosen, version = _chosen(await request.form())
    recorded = await set_core_components(
        action_id,
        chosen,
        version=version_of(version),
        person=person(request),
        client=client_of(request),
    )
    outcome = "unchanged" if recorded.nothing_changed else "tagged"
    return Redirect(f"/actions/{action_id}?{outcome}=1", status_code=303)
