"""One plan's return: its page, and the steps between states (submit, withdraw, send
back, accept).

Thin: the rules live in tracker.returns.rules, the writing in tracker.returns.steps,
the reading in tracker.returns.return_view. Every step is a plain form and a redirect
with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.permissions import ActionScope, Updater, may_update
from tracker.core.personal_data.check import FlaggedField, confirmed_in
from tracker.core.refusals import NotAllowed, NotFound, Refusal
from tracker.core.roles import CAN_IMPORT, Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted, version_of
from tracker.core.web.rendering import page
from tracker.plans.carried import plan_closed
from tracker.proposals.queries import proposals_for
from tracker.returns.return_view import PlanReturnView, plan_return
from tracker.returns.rules import MAX_COVER_NOTE, may_decide, may_submit
from tracker.returns.steps import (
    accept,
    return_plan,
    send_back,
    submit,
    submit_refused,
    submitter,
    withdraw,
)
from tracker.returns.urls import NOTICES, quarter_of

SUBMITTERS = roles(Role.BUSINESS_UNIT, Role.LEAD, Role.CHAIR)  # and then only plans they may
DECIDERS = roles(Role.CHAIR, Role.BUSINESS_UNIT)


@dataclass
class StepFormData:
    version: str = ""


@dataclass
class SubmitFormData:
    version: str = ""
    cover_note: str = ""
    confirm_personal_data: str = ""


@dataclass
class SendBackFormData:
    comment: str = ""
    version: str = ""
    confirm_personal_data: str = ""


def _updatable(request: Request, view: PlanReturnView) -> frozenset[int]:
    who = person(request)
    updater = Updater(who.role, who.agency_ids, who.lead_names)
    scope_agency = view.summary.agency_id
    return frozenset(
        item.action.id
        for item in view.actions
        if may_update(updater, ActionScope(scope_agency, item.action.lead))
    )


async def _return_page(
    request: Request,
    quarter: Quarter,
    plan_id: int,
    *,
    notice: str | None = None,
    refusal: str | None = None,
    send_back_form: SendBackFormData | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    status_code: int = 200,
) -> Template:
    view = await plan_return(plan_id, quarter, clock.today())
    if view is None:
        raise NotFound(f"There is no plan {plan_id}.")
    who = person(request)
    open_ = not await plan_closed(plan_id)  # a closed strategy's returns are read only
    context: dict[str, Any] = {
        "strategy_closed": not open_,
        "view": view,
        "item": view.summary,
        "quarter": quarter,
        "can_submit": open_
        and may_submit(submitter(who), view.summary.agency_id, view.summary.leads),
        "on_behalf": who.role is Role.BUSINESS_UNIT and view.summary.agency_id is not None,
        "can_decide": open_ and may_decide(who.role),
        "can_rate": open_ and who.role in (Role.CHAIR, Role.BUSINESS_UNIT),
        "updatable": _updatable(request, view) if open_ else frozenset(),
        "notice": notice,
        "refusal": refusal,
        "send_back": send_back_form or SendBackFormData(),
        "problems": problems or {},
        "flagged": flagged,
        "proposals": await proposals_for(plan_id, quarter),
        "can_import": open_ and who.role in CAN_IMPORT,
    }
    template = await page("returns/return.html", **context)
    template.status_code = status_code
    return template


@get("/returns/{quarter:str}/plans/{plan_id:int}", name="plan_return")
async def return_page(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    saved: FromQuery[str | None] = None,
) -> Template:
    # Back from updating one of its actions, ?saved= is the action's id.
    notice = "Update saved." if saved and saved.isdigit() else NOTICES.get(saved or "")
    return await _return_page(request, quarter_of(quarter), plan_id, notice=notice)


def _done(quarter: Quarter, plan_id: int, saved: str) -> Redirect:
    return Redirect(f"/returns/{quarter.slug}/plans/{plan_id}?saved={saved}", status_code=303)


async def _return_again(request: Request, refused: Refusal) -> Template:
    """The return's page again, saying why the step was refused."""
    quarter = quarter_of(request.path_params["quarter"])
    return await _return_page(request, quarter, request.path_params["plan_id"], **shown(refused))


async def _send_back_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, SendBackFormData)
    quarter = quarter_of(request.path_params["quarter"])
    plan_id = request.path_params["plan_id"]
    return await _return_page(request, quarter, plan_id, send_back_form=form, **shown(refused))


async def _confirm_page(
    request: Request,
    quarter: Quarter,
    plan_id: int,
    form: SubmitFormData,
    *,
    refusal: str | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    status_code: int = 200,
) -> Template:
    view = await plan_return(plan_id, quarter, clock.today())
    if view is None:
        raise NotFound(f"There is no plan {plan_id}.")
    who = person(request)
    plan = await return_plan(plan_id)
    if not may_submit(submitter(who), plan.agency_id, plan.leads):
        raise NotAllowed(submit_refused(who, plan))
    template = await page(
        "returns/submit.html",
        view=view,
        item=view.summary,
        quarter=quarter,
        form=form,
        on_behalf=who.role is Role.BUSINESS_UNIT and view.summary.agency_id is not None,
        max_cover_note=MAX_COVER_NOTE,
        refusal=refusal,
        problems=problems or {},
        flagged=flagged,
    )
    template.status_code = status_code
    return template


@get(
    "/returns/{quarter:str}/plans/{plan_id:int}/submit",
    name="confirm_submit_return",
    guards=[SUBMITTERS],
)
async def confirm_submit(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    version: FromQuery[str | None] = None,
) -> Template:
    """Submitting asks first: what goes to the chairs, and an optional cover note."""
    return await _confirm_page(
        request, quarter_of(quarter), plan_id, SubmitFormData(version=version or "")
    )


async def _submit_again(request: Request, refused: Refusal) -> Template:
    """The confirmation page again: the cover note as typed, and why it was refused."""
    form = await submitted(request, SubmitFormData)
    quarter = quarter_of(request.path_params["quarter"])
    plan_id = request.path_params["plan_id"]
    return await _confirm_page(request, quarter, plan_id, form, **shown(refused))


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/submit",
    name="submit_return",
    guards=[SUBMITTERS],
    status_code=200,
    opt={"form": _submit_again},
)
async def submit_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[SubmitFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    which = quarter_of(quarter)
    await submit(
        plan_id,
        which,
        person(request),
        seen_version=version_of(data.version),
        cover_note=data.cover_note,
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
        client=client_of(request),
    )
    return _done(which, plan_id, "submitted")


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/withdraw",
    name="withdraw_return",
    guards=[SUBMITTERS],
    status_code=200,
    opt={"form": _return_again},
)
async def withdraw_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[StepFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    which = quarter_of(quarter)
    await withdraw(
        plan_id,
        which,
        person(request),
        seen_version=version_of(data.version),
        client=client_of(request),
    )
    return _done(which, plan_id, "withdrawn")


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/send-back",
    name="send_back_return",
    guards=[DECIDERS],
    status_code=200,
    opt={"form": _send_back_again},
)
async def send_back_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[SendBackFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    which = quarter_of(quarter)
    await send_back(
        plan_id,
        which,
        person(request),
        data.comment,
        seen_version=version_of(data.version),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
        client=client_of(request),
    )
    return _done(which, plan_id, "returned")


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/accept",
    name="accept_return",
    guards=[DECIDERS],
    status_code=200,
    opt={"form": _return_again},
)
async def accept_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[StepFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    which = quarter_of(quarter)
    await accept(
        plan_id,
        which,
        person(request),
        seen_version=version_of(data.version),
        client=client_of(request),
    )
    return _done(which, plan_id, "accepted")


ROUTES = [
    return_page,
    confirm_submit,
    submit_return,
    withdraw_return,
    send_back_return,
    accept_return,
]
