"""The plan-change forms: add and change objectives, add, reword, renumber, move,
withdraw and reinstate actions. Each a page of its own and one POST; a refusal shows
the form again with what was typed (tracker.core.web.errors calls `opt["form"]`)."""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated, Any

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.personal_data.check import confirmed_in
from tracker.core.refusals import Refusal
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, version_of
from tracker.core.web.rendering import page
from tracker.plan_changes import store, withdrawal
from tracker.plan_changes.queries import action_now, objective_now, plan_place
from tracker.plan_changes.rules import (
    ActionWordingForm,
    NewActionForm,
    ObjectiveForm,
    WithdrawForm,
)

CHANGERS = roles(Role.BUSINESS_UNIT, Role.LEAD)  # and, for a lead, only their own plans
Sent = dict[str, str]
_FORM = Body(media_type=RequestEncodingType.URL_ENCODED)


def _form(kind: type[Any], data: Sent) -> Any:
    return kind(**{field.name: data.get(field.name, "") for field in fields(kind)})


async def _sent(request: HTMXRequest) -> Sent:
    return {name: str(value) for name, value in (await request.form()).items()}


async def _shown(name: str, refused: Refusal | None = None, **context: Any) -> Template:
    said = shown(refused) if refused else {}
    response = await page(
        f"plan_changes/{name}.html",
        problems=said.get("problems", {}),
        flagged=said.get("flagged", ()),
        refusal=said.get("refusal"),
        **context,
    )
    response.status_code = said.get("status_code", 200)
    return response


# Objectives -------------------------------------------------------------------------


async def _new_objective_again(request: HTMXRequest, refused: Refusal) -> Template:
    place = await plan_place(request.path_params["plan_id"], person(request))
    return await _shown("objective", refused, plan=place, objective=None, form=await _sent(request))


@get("/plans/{plan_id:int}/objectives/new", name="objective_new", guards=[CHANGERS])
async def objective_new(request: HTMXRequest, plan_id: FromPath[int]) -> Template:
    place = await plan_place(plan_id, person(request))
    return await _shown("objective", plan=place, objective=None, form={})


@post(
    "/plans/{plan_id:int}/objectives/new",
    name="objective_add",
    guards=[CHANGERS],
    opt={"form": _new_objective_again},
)
async def objective_add(
    request: HTMXRequest, plan_id: FromPath[int], data: Annotated[Sent, _FORM]
) -> Redirect:
    await store.add_objective(
        plan_id,
        _form(ObjectiveForm, data),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in(data),
    )
    return Redirect(f"/plans/{plan_id}?changed=objective-added", status_code=303)


async def _objective_again(request: HTMXRequest, refused: Refusal) -> Template:
    found = await objective_now(request.path_params["objective_id"], person(request))
    sent = await _sent(request)
    if isinstance(refused, store.StaleChange):
        sent["version"] = str(found.version)
    return await _shown("objective", refused, plan=found.plan, objective=found, form=sent)


@get("/objectives/{objective_id:int}/edit", name="objective_edit", guards=[CHANGERS])
async def objective_edit(request: HTMXRequest, objective_id: FromPath[int]) -> Template:
    found = await objective_now(objective_id, person(request))
    form = {"ref": found.ref, "text": found.text, "version": str(found.version)}
    return await _shown("objective", plan=found.plan, objective=found, form=form)


@post(
    "/objectives/{objective_id:int}/edit",
    name="objective_change",
    guards=[CHANGERS],
    opt={"form": _objective_again},
)
async def objective_change(
    request: HTMXRequest, objective_id: FromPath[int], data: Annotated[Sent, _FORM]
) -> Redirect:
    found = await objective_now(objective_id, person(request))
    done = await store.change_objective(
        objective_id,
        _form(ObjectiveForm, data),
        version=version_of(data.get("version", "")),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in(data),
    )
    outcome = "objective-changed" if done else "unchanged"
    return Redirect(f"/plans/{found.plan.id}?changed={outcome}", status_code=303)


# Actions ------------------------------------------------------------------------------


async def _new_action_again(request: HTMXRequest, refused: Refusal) -> Template:
    place = await plan_place(request.path_params["plan_id"], person(request))
    return await _shown("action", refused, plan=place, action=None, form=await _sent(request))


@get("/plans/{plan_id:int}/actions/new", name="action_new", guards=[CHANGERS])
async def action_new(
    request: HTMXRequest, plan_id: FromPath[int], objective: FromQuery[int | None] = None
) -> Template:
    place = await plan_place(plan_id, person(request))
    form = {"objective": str(objective) if objective else ""}
    return await _shown("action", plan=place, action=None, form=form)


@post(
    "/plans/{plan_id:int}/actions/new",
    name="action_add",
    guards=[CHANGERS],
    opt={"form": _new_action_again},
)
async def action_add(
    request: HTMXRequest, plan_id: FromPath[int], data: Annotated[Sent, _FORM]
) -> Redirect:
    action_id = await store.add_action(
        plan_id,
        _form(NewActionForm, data),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in(data),
    )
    return Redirect(f"/actions/{action_id}?changed=action-added", status_code=303)


async def _wording_again(request: HTMXRequest, refused: Refusal) -> Template:
    found = await action_now(request.path_params["action_id"], person(request))
    sent = await _sent(request)
    if isinstance(refused, store.StaleChange):
        sent["version"] = str(found.version)
    return await _shown("action", refused, plan=found.plan, action=found, form=sent)


@get("/actions/{action_id:int}/wording", name="action_wording", guards=[CHANGERS])
async def action_wording(request: HTMXRequest, action_id: FromPath[int]) -> Template:
    found = await action_now(action_id, person(request))
    form = {
        "ref": found.ref,
        "text": found.text,
        "input": found.input or "",
        "desired_outcome": found.desired_outcome or "",
        "objective": str(found.objective_id),
        "version": str(found.version),
    }
    return await _shown("action", plan=found.plan, action=found, form=form)


@post(
    "/actions/{action_id:int}/wording",
    name="action_reword",
    guards=[CHANGERS],
    opt={"form": _wording_again},
)
async def action_reword(
    request: HTMXRequest, action_id: FromPath[int], data: Annotated[Sent, _FORM]
) -> Redirect:
    done = await store.reword_action(
        action_id,
        _form(ActionWordingForm, data),
        version=version_of(data.get("version", "")),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in(data),
    )
    outcome = "action-reworded" if done else "unchanged"
    return Redirect(f"/actions/{action_id}?changed={outcome}", status_code=303)


async def _withdraw_again(request: HTMXRequest, refused: Refusal) -> Template:
    found = await action_now(request.path_params["action_id"], person(request))
    sent = await _sent(request)
    if isinstance(refused, store.StaleChange):
        sent["version"] = str(found.version)
    return await _shown("withdraw", refused, plan=found.plan, action=found, form=sent)


@get("/actions/{action_id:int}/withdraw", name="action_withdraw_form", guards=[CHANGERS])
async def action_withdraw_form(request: HTMXRequest, action_id: FromPath[int]) -> Template:
    found = await action_now(action_id, person(request))
    form = {"withdrawn_on": clock.today().isoformat(), "version": str(found.version)}
    return await _shown("withdraw", plan=found.plan, action=found, form=form)


@post(
    "/actions/{action_id:int}/withdraw",
    name="action_withdraw",
    guards=[CHANGERS],
    opt={"form": _withdraw_again},
)
async def action_withdraw(
    request: HTMXRequest, action_id: FromPath[int], data: Annotated[Sent, _FORM]
) -> Redirect:
    await withdrawal.withdraw_action(
        action_id,
        _form(WithdrawForm, data),
        version=version_of(data.get("version", "")),
        person=person(request),
        today=clock.today(),
        client=client_of(request),
        confirmed=confirmed_in(data),
    )
    return Redirect(f"/actions/{action_id}?changed=action-withdrawn", status_code=303)


@post("/actions/{action_id:int}/reinstate", name="action_reinstate", guards=[CHANGERS])
async def action_reinstate(
    request: HTMXRequest, action_id: FromPath[int], data: Annotated[Sent, _FORM]
) -> Redirect:
    await withdrawal.reinstate_action(
        action_id,
        version=version_of(data.get("version", "")),
        person=person(request),
        client=client_of(request),
    )
    return Redirect(f"/actions/{action_id}?changed=action-reinstated", status_code=303)


ROUTES = [
    objective_new,
    objective_add,
    objective_edit,
    objective_change,
    action_new,
    action_add,
    action_wording,
    action_reword,
    action_withdraw_form,
    action_withdraw,
    action_reinstate,
]
