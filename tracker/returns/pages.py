"""Quarterly returns: the chairs' quarter page, one plan's return, and the steps between states.

Thin: the rules live in tracker.returns.rules, the writing in
tracker.returns.steps and tracker.returns.deadlines, the reading in
tracker.returns.queries. Every step is a plain form and a redirect with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.permissions import ActionScope, Updater, may_update
from tracker.core.personal_data.check import FlaggedField, PossiblePersonalData, confirmed_in
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.refusals import client_of, refusals_as_http, version_of
from tracker.core.web.rendering import page
from tracker.returns.deadlines import set_deadline
from tracker.returns.errors import ReturnChanged
from tracker.returns.queries import PlanReturnView, plan_return, quarter_returns
from tracker.returns.rules import StepRefused, collecting, may_decide, may_submit
from tracker.returns.steps import accept, send_back, submit, submitter
from tracker.updates.store import InvalidChange

SUBMITTERS = roles(Role.BUSINESS_UNIT, Role.LEAD, Role.CHAIR)  # and then only plans they may
DECIDERS = roles(Role.CHAIR, Role.BUSINESS_UNIT)
NOTICES = {
    "submitted": "Return submitted.",
    "returned": "Return sent back to the agency for changes.",
    "accepted": "Return accepted.",
    "deadline": "Deadline saved.",
}


@dataclass
class DeadlineFormData:
    deadline: str = ""


@dataclass
class StepFormData:
    version: str = ""


@dataclass
class SendBackFormData:
    comment: str = ""
    version: str = ""
    confirm_personal_data: str = ""


def quarter_of(slug: str) -> Quarter:
    try:
        return Quarter.parse(slug)
    except ValueError as wrong:
        raise NotFoundException(
            f"There are no returns for {slug!r}: a quarter is written like 2020-21-Q2."
        ) from wrong


@get("/returns", name="returns")
async def returns_now() -> Redirect:
    """The returns being collected: those for the quarter before today's."""
    return Redirect(f"/returns/{collecting(clock.today()).slug}", status_code=303)


async def _quarter_page(
    request: Request,
    quarter: Quarter,
    *,
    notice: str | None = None,
    form: DeadlineFormData | None = None,
    problems: dict[str, str] | None = None,
    status_code: int = 200,
) -> Template:
    found = await quarter_returns(quarter, clock.today())
    template = await page(
        "returns/returns.html",
        found=found,
        can_set_deadline=person(request).role is Role.BUSINESS_UNIT,
        form=form or DeadlineFormData(found.deadline.day.isoformat()),
        problems=problems or {},
        notice=notice,
    )
    template.status_code = status_code
    return template


@get("/returns/{quarter:str}", name="quarter_returns")
async def quarter_page(
    request: Request, quarter: FromPath[str], saved: FromQuery[str | None] = None
) -> Template:
    return await _quarter_page(request, quarter_of(quarter), notice=NOTICES.get(saved or ""))


@post(
    "/returns/{quarter:str}/deadline",
    name="set_returns_deadline",
    guards=[roles(Role.BUSINESS_UNIT)],
    status_code=200,
)
async def deadline_submit(
    request: Request,
    quarter: FromPath[str],
    data: Annotated[DeadlineFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    which = quarter_of(quarter)
    try:
        with refusals_as_http():
            await set_deadline(which, data.deadline, person(request), client=client_of(request))
    except InvalidChange as invalid:
        return await _quarter_page(
            request, which, form=data, problems=invalid.problems, status_code=422
        )
    return Redirect(f"/returns/{which.slug}?saved=deadline", status_code=303)


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
        raise NotFoundException(f"There is no plan {plan_id}.")
    who = person(request)
    context: dict[str, Any] = {
        "view": view,
        "item": view.summary,
        "quarter": quarter,
        "can_submit": may_submit(submitter(who), view.summary.agency_id, view.summary.leads),
        "on_behalf": who.role is Role.BUSINESS_UNIT and view.summary.agency_id is not None,
        "can_decide": may_decide(who.role),
        "can_rate": who.role in (Role.CHAIR, Role.BUSINESS_UNIT),
        "updatable": _updatable(request, view),
        "notice": notice,
        "refusal": refusal,
        "send_back": send_back_form or SendBackFormData(),
        "problems": problems or {},
        "flagged": flagged,
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


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/submit",
    name="submit_return",
    guards=[SUBMITTERS],
    status_code=200,
)
async def submit_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[StepFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    which = quarter_of(quarter)
    try:
        with refusals_as_http():
            await submit(
                plan_id,
                which,
                person(request),
                seen_version=version_of(data.version),
                client=client_of(request),
            )
    except (StepRefused, ReturnChanged) as refused:
        return await _return_page(request, which, plan_id, refusal=str(refused), status_code=409)
    return _done(which, plan_id, "submitted")


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/send-back",
    name="send_back_return",
    guards=[DECIDERS],
    status_code=200,
)
async def send_back_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[SendBackFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    which = quarter_of(quarter)
    try:
        with refusals_as_http():
            await send_back(
                plan_id,
                which,
                person(request),
                data.comment,
                seen_version=version_of(data.version),
                confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
                client=client_of(request),
            )
    except InvalidChange as invalid:
        return await _return_page(
            request,
            which,
            plan_id,
            send_back_form=data,
            problems=invalid.problems,
            status_code=422,
        )
    except PossiblePersonalData as flagged:
        return await _return_page(
            request,
            which,
            plan_id,
            send_back_form=data,
            problems=flagged.problems,
            flagged=flagged.flagged,
            status_code=422,
        )
    except (StepRefused, ReturnChanged) as refused:
        return await _return_page(
            request, which, plan_id, send_back_form=data, refusal=str(refused), status_code=409
        )
    return _done(which, plan_id, "returned")


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/accept",
    name="accept_return",
    guards=[DECIDERS],
    status_code=200,
)
async def accept_return(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[StepFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    which = quarter_of(quarter)
    try:
        with refusals_as_http():
            await accept(
                plan_id,
                which,
                person(request),
                seen_version=version_of(data.version),
                client=client_of(request),
            )
    except (StepRefused, ReturnChanged) as refused:
        return await _return_page(request, which, plan_id, refusal=str(refused), status_code=409)
    return _done(which, plan_id, "accepted")


ROUTES = [
    returns_now,
    quarter_page,
    deadline_submit,
    return_page,
    submit_return,
    send_back_return,
    accept_return,
]
