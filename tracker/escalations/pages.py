"""Escalations: the list by body, one escalation, raising one (of an action or free-standing),
and resolving it. Thin: rules in tracker.escalations.rules, writing in
tracker.escalations.store, lists in tracker.escalations.queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.challenges.errors import AlreadySettled
from tracker.challenges.rules import CAN_CHALLENGE
from tracker.core import clock
from tracker.core.personal_data.check import FlaggedField, PossiblePersonalData, confirmed_in
from tracker.core.web.access import person, roles
from tracker.core.web.refusals import client_of, refusals_as_http
from tracker.core.web.rendering import page
from tracker.escalations.queries import escalation, escalation_list, to_from
from tracker.escalations.rules import BODIES, EscalationForm
from tracker.escalations.store import raise_escalation, resolve_escalation
from tracker.plans.state import ActionState, action_state
from tracker.updates.store import InvalidChange

CHALLENGERS = roles(*CAN_CHALLENGE)  # who may challenge may escalate and resolve
NOTICES = {"raised": "Escalation recorded.", "resolved": "Escalation resolved."}


@dataclass
class EscalationFormData:
    escalated_to: str = ""
    issue: str = ""
    rationale: str = ""
    action_id: str = ""  # empty: a free-standing issue
    confirm_personal_data: str = ""

    def typed(self) -> EscalationForm:
        return EscalationForm(self.escalated_to, self.issue, self.rationale)


@dataclass
class ResolveFormData:
    resolution: str = ""
    confirm_personal_data: str = ""


def action_id_of(text: str | None) -> int | None:
    """The action a form names; anything but a whole number is a free-standing issue."""
    try:
        return int(text) if text else None
    except ValueError:
        return None


@get("/escalations", name="escalations")
async def escalations_page(request: Request, to: FromQuery[str | None] = None) -> Template:
    return await page(
        "escalations/escalations.html",
        found=await escalation_list(to_from(to)),
        bodies=BODIES,
        can_escalate=person(request).role in CAN_CHALLENGE,
    )


async def _about(action_id: int | None) -> ActionState | None:
    if action_id is None:
        return None
    state = await action_state(action_id, clock.today())
    if state is None:
        raise NotFoundException(f"There is no action {action_id}.")
    return state


async def _new_page(
    form: EscalationFormData,
    problems: dict[str, str] | None = None,
    status_code: int = 200,
    flagged: tuple[FlaggedField, ...] = (),
) -> Template:
    template = await page(
        "escalations/escalation_new.html",
        state=await _about(action_id_of(form.action_id)),
        form=form,
        bodies=BODIES,
        problems=problems or {},
        flagged=flagged,
    )
    template.status_code = status_code
    return template


@get("/escalations/new", name="new_escalation", guards=[CHALLENGERS])
async def new_escalation(action: FromQuery[str | None] = None) -> Template:
    return await _new_page(EscalationFormData(action_id=str(action_id_of(action) or "")))


@post("/escalations", name="raise_escalation", guards=[CHALLENGERS], status_code=200)
async def raise_escalation_submit(
    request: Request,
    data: Annotated[EscalationFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    try:
        with refusals_as_http():
            escalation_id = await raise_escalation(
                data.typed(),
                action_id=action_id_of(data.action_id),
                person=person(request),
                client=client_of(request),
                confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
            )
    except InvalidChange as invalid:
        return await _new_page(data, invalid.problems, status_code=422)
    except PossiblePersonalData as possible:
        return await _new_page(data, possible.problems, status_code=422, flagged=possible.flagged)
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
        raise NotFoundException(f"There is no escalation {escalation_id}.")
    template = await page(
        "escalations/escalation.html",
        item=item,
        can_resolve=person(request).role in CAN_CHALLENGE,
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


@post(
    "/escalations/{escalation_id:int}/resolve",
    name="resolve_escalation",
    guards=[CHALLENGERS],
    status_code=200,
)
async def resolve_submit(
    request: Request,
    escalation_id: FromPath[int],
    data: Annotated[ResolveFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    try:
        with refusals_as_http():
            await resolve_escalation(
                escalation_id,
                data.resolution,
                person=person(request),
                client=client_of(request),
                confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
            )
    except InvalidChange as invalid:
        return await _escalation_page(
            escalation_id, request, form=data, problems=invalid.problems, status_code=422
        )
    except PossiblePersonalData as possible:
        return await _escalation_page(
            escalation_id,
            request,
            form=data,
            problems=possible.problems,
            flagged=possible.flagged,
            status_code=422,
        )
    except AlreadySettled as settled:
        return await _escalation_page(
            escalation_id, request, form=data, refusal=str(settled), status_code=409
        )
    return Redirect(f"/escalations/{escalation_id}?saved=resolved", status_code=303)


ROUTES = [
    escalations_page,
    new_escalation,
    raise_escalation_submit,
    escalation_page,
    resolve_submit,
]
