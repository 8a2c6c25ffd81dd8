"""Escalations: the list by body, one escalation, raising one (of an action or free-standing),
and resolving it. Thin: rules in tracker.escalations.rules, writing in
tracker.escalations.store, lists in tracker.escalations.queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.challenges.rules import CAN_CHALLENGE
from tracker.core import clock
from tracker.core.chosen import chosen_closed, chosen_id
from tracker.core.parsing import is_id, parsed
from tracker.core.personal_data.check import FlaggedField, confirmed_in
from tracker.core.refusals import ActionNotFound, NotFound, Refusal
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.escalations.queries import escalation, escalation_list, to_from
from tracker.escalations.rules import BODIES, EscalationForm
from tracker.escalations.store import raise_escalation, resolve_escalation
from tracker.plans.carried import action_closed
from tracker.plans.period import action_period, strategy_period
from tracker.plans.state import ActionState, action_state

CHALLENGERS = roles(*CAN_CHALLENGE)  # who may challenge may escalate and resolve
NOTICES = {"raised": "Escalation recorded.", "resolved": "Escalation resolved."}


@dataclass
class EscalationFormData:
    escalated_to: str = ""
    issue: str = ""
    rationale: str = ""
    action_id: str = ""  # empty: a free-standing issue
    quarter: str = ""  # the quarter under review's slug; empty: the default
    confirm_personal_data: str = ""

    def typed(self) -> EscalationForm:
        return EscalationForm(self.escalated_to, self.issue, self.rationale, self.quarter)


@dataclass
class ResolveFormData:
    resolution: str = ""
    confirm_personal_data: str = ""


def action_id_of(text: str | None) -> int | None:
    """The action a form names; anything but a whole number is a free-standing issue, and a
    number no action could have is no action (404), never asked of the database."""
    number = parsed(int, text) if text else None
    if number is not None and not is_id(number):
        raise ActionNotFound(f"There is no action {text}.")
    return number


@get("/escalations", name="escalations")
async def escalations_page(request: Request, to: FromQuery[str | None] = None) -> Template:
    closed = await chosen_closed(request)
    return await page(
        "escalations/escalations.html",
        found=await escalation_list(to_from(to), await chosen_id(request)),
        bodies=BODIES,
        can_escalate=person(request).role in CAN_CHALLENGE and not closed,
        strategy_closed=closed,
    )


async def _about(action_id: int | None) -> ActionState | None:
    if action_id is None:
        return None
    state = await action_state(action_id, clock.today())
    if state is None:
        raise NotFound(f"There is no action {action_id}.")
    return state


async def _new_page(
    request: Request,
    form: EscalationFormData,
    problems: dict[str, str] | None = None,
    status_code: int = 200,
    flagged: tuple[FlaggedField, ...] = (),
    refusal: str | None = None,
) -> Template:
    about = action_id_of(form.action_id)
    # A free-standing issue is raised in the chosen strategy, for one of its quarters.
    period = await (
        action_period(about) if about is not None else strategy_period(await chosen_id(request))
    )
    quarters = period.review_quarters(clock.today())
    template = await page(
        "escalations/escalation_new.html",
        state=await _about(about),
        form=form,
        quarters=quarters,
        chosen_quarter=form.quarter or quarters[0].slug,
        bodies=BODIES,
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/escalations/new", name="new_escalation", guards=[CHALLENGERS])
async def new_escalation(request: Request, action: FromQuery[str | None] = None) -> Template:
    return await _new_page(request, EscalationFormData(action_id=str(action_id_of(action) or "")))


async def _raise_again(request: Request, refused: Refusal) -> Template:
    return await _new_page(request, await submitted(request, EscalationFormData), **shown(refused))


@post(
    "/escalations",
    name="raise_escalation",
    guards=[CHALLENGERS],
    status_code=200,
    opt={"form": _raise_again},
)
async def raise_escalation_submit(
    request: Request,
    data: Annotated[EscalationFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    escalation_id = await raise_escalation(
        data.typed(),
        action_id=action_id_of(data.action_id),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
        strategy_id=await chosen_id(request),
    )
    return Redirect(f"/escalations/{escalation_id}?saved=raised", status_code=303)


async def _escalation_page(
    escalation_id: int,
    request: Request,
    *,
    notice: str | None = None,
    form: ResolveFormData | None = None,
    problems: dict[str, str] | None = None,
    refusal: str | None = None,
    status_code: int = 200,
    flagged: tuple[FlaggedField, ...] = (),
) -> Template:
    item = await escalation(escalation_id)
    if item is None:
        raise NotFound(f"There is no escalation {escalation_id}.")
    closed = await action_closed(item.action_id)  # a closed strategy's escalations stay as they are
    template = await page(
        "escalations/escalation.html",
        item=item,
        strategy_closed=closed,
        can_resolve=not closed and person(request).role in CAN_CHALLENGE,
        form=form or ResolveFormData(),
        problems=problems or {},
        notice=notice,
        refusal=refusal,
        flagged=flagged,
    )
    template.status_code = status_code
    return template


@get("/escalations/{escalation_id:int}", name="escalation")
async def escalation_page(
    request: Request, escalation_id: FromPath[int], saved: FromQuery[str | None] = None
) -> Template:
    return await _escalation_page(escalation_id, request, notice=NOTICES.get(saved or ""))


async def _resolve_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, ResolveFormData)
    return await _escalation_page(
        request.path_params["escalation_id"], request, form=form, **shown(refused)
    )


@post(
    "/escalations/{escalation_id:int}/resolve",
    name="resolve_escalation",
    guards=[CHALLENGERS],
    status_code=200,
    opt={"form": _resolve_again},
)
async def resolve_submit(
    request: Request,
    escalation_id: FromPath[int],
    data: Annotated[ResolveFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await resolve_escalation(
        escalation_id,
        data.resolution,
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
    )
    return Redirect(f"/escalations/{escalation_id}?saved=resolved", status_code=303)


ROUTES = [
    escalations_page,
    new_escalation,
    raise_escalation_submit,
    escalation_page,
    resolve_submit,
]
