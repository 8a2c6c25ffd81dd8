"""Assurance ratings and outcome evidence: the forms on an action, and the disagreements list.

Thin: the rules live in tracker.assurance.rules, the writing in
tracker.assurance, the reading in tracker.assurance.queries. Every form is a
plain POST and a redirect to the action page with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.assurance.outcomes import record_outcome
from tracker.assurance.queries import QuarterChoice, outcome_of, quarter_assurance, quarter_choices
from tracker.assurance.ratings import clear_assurance, set_assurance
from tracker.assurance.rules import (
    ASSURANCE_RAGS,
    CAN_ASSURE,
    COMPLETE,
    AssuranceForm,
    Evidenced,
    OutcomeForm,
    default_quarter,
    quarter_problem,
    withdrawn_outcome_refusal,
    withdrawn_problem,
)
from tracker.core import clock
from tracker.core.chosen import chosen_closed, chosen_id, chosen_period
from tracker.core.dates import Quarter
from tracker.core.personal_data.check import FlaggedField, confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.strategy_period import StrategyPeriod
from tracker.core.tables import AssuranceRating
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.plans.state import ActionState, action_state

ASSURERS = roles(*CAN_ASSURE)
# Each change redirects to /actions/{id}?assurance=<key>: the action page
# (tracker.updates.action_pages.ASSURANCE_NOTICES) says what the key means.


@dataclass
class AssuranceFormData:
    quarter: str = ""
    rag: str = ""
    reason: str = ""
    confirm_personal_data: str = ""


@dataclass
class ClearFormData:
    quarter: str = ""


@dataclass
class OutcomeFormData:
    evidenced: str = ""
    note: str = ""
    confirm_personal_data: str = ""


async def _action(action_id: int, today: date) -> ActionState:
    state = await action_state(action_id, today)
    if state is None:
        raise NotFound(f"There is no action {action_id}.")
    return state


def _chosen(choices: tuple[QuarterChoice, ...], quarter: Quarter) -> QuarterChoice:
    return next(choice for choice in choices if choice.quarter == quarter)


async def _assurance_page(
    action_id: int,
    form: AssuranceFormData,
    *,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    today = clock.today()
    state = await _action(action_id, today)
    quarter, _ = quarter_problem(form.quarter, today)
    quarter = quarter or default_quarter(today)
    choices = await quarter_choices(action_id, today, quarter)
    template = await page(
        "assurance/assurance_form.html",
        state=state,
        form=form,
        quarter=quarter,
        choices=choices,
        chosen=_chosen(choices, quarter),
        rags=ASSURANCE_RAGS,
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
        # Said before the form, not only once it is sent: the quarter shown cannot be rated.
        withdrawn=None if problems else withdrawn_problem(state.ref, state.withdrawn_on, quarter),
    )
    template.status_code = status_code
    return template


@get("/actions/{action_id:int}/assurance", name="assurance_form", guards=[ASSURERS])
async def assurance_form(
    action_id: FromPath[int], quarter: FromQuery[str | None] = None
) -> Template:
    """The form for the quarter asked (?quarter=2020-21-Q2), else the quarter just ended
    (for a withdrawn action, the last before its withdrawal), filled in with the rating
    already set for it."""
    today = clock.today()
    if quarter is None:
        quarter = default_quarter(today, (await _action(action_id, today)).withdrawn_on).slug
    asked, problem = quarter_problem(quarter, today)
    if asked is None:
        return await _assurance_page(
            action_id,
            AssuranceFormData(),
            problems={"quarter": problem or ""},
            status_code=422,
        )
    existing = (
        await AssuranceRating.select(AssuranceRating.rag, AssuranceRating.reason)
        .where((AssuranceRating.action == action_id) & (AssuranceRating.quarter == asked.slug))
        .first()
    )
    form = AssuranceFormData(quarter=asked.slug)
    if existing:
        form = AssuranceFormData(asked.slug, existing["rag"], existing["reason"])
    return await _assurance_page(action_id, form)


async def _assurance_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, AssuranceFormData)
    return await _assurance_page(request.path_params["action_id"], form, **shown(refused))


@post(
    "/actions/{action_id:int}/assurance",
    name="set_assurance",
    guards=[ASSURERS],
    status_code=200,
    opt={"form": _assurance_again},
)
async def assurance_submit(
    request: Request,
    action_id: FromPath[int],
    data: Annotated[AssuranceFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await set_assurance(
        action_id,
        AssuranceForm(data.quarter, data.rag, data.reason),
        person=person(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
        client=client_of(request),
    )
    return Redirect(f"/actions/{action_id}?assurance=set#assurance", status_code=303)


async def _clear_again(request: Request, refused: Refusal) -> Template:
    form = AssuranceFormData(quarter=(await submitted(request, ClearFormData)).quarter)
    return await _assurance_page(request.path_params["action_id"], form, **shown(refused))


@post(
    "/actions/{action_id:int}/assurance/clear",
    name="clear_assurance",
    guards=[ASSURERS],
    status_code=200,
    opt={"form": _clear_again},
)
async def assurance_clear(
    request: Request,
    action_id: FromPath[int],
    data: Annotated[ClearFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await clear_assurance(
        action_id, data.quarter, person=person(request), client=client_of(request)
    )
    return Redirect(f"/actions/{action_id}?assurance=cleared#assurance", status_code=303)


async def _outcome_page(
    action_id: int,
    form: OutcomeFormData | None = None,
    *,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    today = clock.today()
    state = await _action(action_id, today)
    recorded = await outcome_of(action_id)
    if form is None:
        form = (
            OutcomeFormData(recorded.evidenced, recorded.note or "")
            if recorded
            else OutcomeFormData()
        )
    template = await page(
        "assurance/outcome_form.html",
        state=state,
        desired_outcome=state.desired_outcome,
        complete=state.rag == COMPLETE and not state.withdrawn,
        withdrawn=(
            withdrawn_outcome_refusal(state.ref, state.withdrawn_on)
            if state.withdrawn and state.withdrawn_on
            else None
        ),
        recorded=recorded,
        form=form,
        choices=tuple(Evidenced),
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/actions/{action_id:int}/outcome", name="outcome_form", guards=[ASSURERS])
async def outcome_form(action_id: FromPath[int]) -> Template:
    return await _outcome_page(action_id)


async def _outcome_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, OutcomeFormData)
    return await _outcome_page(request.path_params["action_id"], form, **shown(refused))


@post(
    "/actions/{action_id:int}/outcome",
    name="record_outcome",
    guards=[ASSURERS],
    status_code=200,
    opt={"form": _outcome_again},
)
async def outcome_submit(
    request: Request,
    action_id: FromPath[int],
    data: Annotated[OutcomeFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await record_outcome(
        action_id,
        OutcomeForm(data.evidenced, data.note),
        person=person(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
        client=client_of(request),
    )
    return Redirect(f"/actions/{action_id}?assurance=outcome#outcome", status_code=303)


def _quarters_offered(period: StrategyPeriod, shown: Quarter, today: date) -> tuple[Quarter, ...]:
    """The chosen strategy's quarters that have begun, newest first, and the one shown."""
    quarters = {offered.quarter for offered in period.started(today)} | {shown}
    return tuple(sorted(quarters, reverse=True))


@get("/assurance", name="assurance")
async def assurance_list(request: Request, quarter: FromQuery[str | None] = None) -> Template:
    """Where an assurance rating disagrees with the agency's own, for a quarter."""
    today = clock.today()
    period = await chosen_period(request)
    usual = period.bounded(default_quarter(today), today)
    asked, problem = quarter_problem(quarter or usual.slug, today)
    shown = asked or usual
    template = await page(
        "assurance/assurance.html",
        assured=await quarter_assurance(shown, await chosen_id(request)),
        quarters=_quarters_offered(period, shown, today),
        strategy_closed=await chosen_closed(request),
        problems={"quarter": problem} if problem else {},
        typed=quarter or "",
    )
    template.status_code = 422 if problem else 200
    return template


ROUTES = [
    assurance_form,
    assurance_submit,
    assurance_clear,
    outcome_form,
    outcome_submit,
    assurance_list,
]
