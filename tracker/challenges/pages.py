"""Challenges: the list, one challenge, raising one on an action, replying and closing.

Thin: the rules live in tracker.challenges.rules, the writing in
tracker.challenges.store, the lists in tracker.challenges.queries. Every
step is a plain form and a redirect with a notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.challenges.queries import ChallengeItem, challenge, challenge_list, show_from
from tracker.challenges.rules import CAN_CHALLENGE, ChallengeForm, withdrawn_refusal
from tracker.challenges.store import close_challenge, raise_challenge, reply_to_challenge
from tracker.core import clock
from tracker.core.chosen import chosen_closed, chosen_id
from tracker.core.permissions import ActionScope, Updater, may_update
from tracker.core.personal_data.check import FlaggedField, confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.plans.carried import action_closed
from tracker.plans.period import action_period
from tracker.plans.state import action_state

CHALLENGERS = roles(*CAN_CHALLENGE)
REPLIERS = roles(Role.BUSINESS_UNIT, Role.LEAD)  # and then only on actions they may update
NOTICES = {
    "raised": "Challenge sent to the lead.",
    "replied": "Reply sent.",
    "closed": "Challenge closed.",
}


@dataclass
class ChallengeFormData:
    question: str = ""
    reply_wanted_by: str = ""
    quarter: str = ""  # the quarter under review's slug; empty: the default
    confirm_personal_data: str = ""


@dataclass
class ReplyFormData:
    reply: str = ""
    confirm_personal_data: str = ""


@dataclass
class CloseFormData:
    closing_note: str = ""
    confirm_personal_data: str = ""


def confirmed(form: ChallengeFormData | ReplyFormData | CloseFormData) -> bool:
    return confirmed_in({"confirm_personal_data": form.confirm_personal_data})


def may_reply(request: Request, item: ChallengeItem) -> bool:
    who = person(request)
    scope = ActionScope(item.agency_id, item.action_lead)
    return may_update(Updater(who.role, who.agency_ids, who.lead_names), scope)


@get("/challenges", name="challenges")
async def challenges_page(request: Request, show: FromQuery[str | None] = None) -> Template:
    found = await challenge_list(show_from(show), clock.today(), await chosen_id(request))
    return await page(
        "challenges/challenges.html", found=found, strategy_closed=await chosen_closed(request)
    )


async def _challenge_page(
    request: Request,
    challenge_id: int,
    *,
    notice: str | None = None,
    reply: ReplyFormData | None = None,
    close: CloseFormData | None = None,
    problems: dict[str, str] | None = None,
    refusal: str | None = None,
    status_code: int = 200,
    flagged: tuple[FlaggedField, ...] = (),
) -> Template:
    item = await challenge(challenge_id, clock.today())
    if item is None:
        raise NotFound(f"There is no challenge {challenge_id}.")
    closed = await action_closed(item.action_id)  # a closed strategy's challenges stay as they are
    template = await page(
        "challenges/challenge.html",
        item=item,
        strategy_closed=closed,
        can_reply=not closed and may_reply(request, item),
        can_close=not closed and person(request).role in CAN_CHALLENGE,
        reply=reply or ReplyFormData(),
        close=close or CloseFormData(),
        problems=problems or {},
        notice=notice,
        refusal=refusal,
        flagged=flagged,
    )
    template.status_code = status_code
    return template


@get("/challenges/{challenge_id:int}", name="challenge")
async def challenge_page(
    request: Request, challenge_id: FromPath[int], saved: FromQuery[str | None] = None
) -> Template:
    return await _challenge_page(request, challenge_id, notice=NOTICES.get(saved or ""))


async def _new_page(
    action_id: int,
    form: ChallengeFormData,
    problems: dict[str, str] | None = None,
    status_code: int = 200,
    flagged: tuple[FlaggedField, ...] = (),
    refusal: str | None = None,
) -> Template:
    today = clock.today()
    state = await action_state(action_id, today)
    if state is None:
        raise NotFound(f"There is no action {action_id}.")
    quarters = (await action_period(action_id)).review_quarters(today)
    if state.withdrawn and state.withdrawn_on is not None:
        refusal = withdrawn_refusal(state.ref, state.withdrawn_on)
    template = await page(
        "challenges/challenge_new.html",
        state=state,
        form=form,
        today=today,
        quarters=quarters,
        chosen_quarter=form.quarter or quarters[0].slug,
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/actions/{action_id:int}/challenges/new", name="new_challenge", guards=[CHALLENGERS])
async def new_challenge(action_id: FromPath[int]) -> Template:
    return await _new_page(action_id, ChallengeFormData())


async def _raise_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, ChallengeFormData)
    return await _new_page(request.path_params["action_id"], form, **shown(refused))


@post(
    "/actions/{action_id:int}/challenges",
    name="raise_challenge",
    guards=[CHALLENGERS],
    status_code=200,
    opt={"form": _raise_again},
)
async def raise_challenge_submit(
    request: Request,
    action_id: FromPath[int],
    data: Annotated[ChallengeFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    challenge_id = await raise_challenge(
        action_id,
        ChallengeForm(data.question, data.reply_wanted_by, data.quarter),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed(data),
    )
    return Redirect(f"/challenges/{challenge_id}?saved=raised", status_code=303)


async def _reply_again(request: Request, refused: Refusal) -> Template:
    reply = await submitted(request, ReplyFormData)
    return await _challenge_page(
        request, request.path_params["challenge_id"], reply=reply, **shown(refused)
    )


@post(
    "/challenges/{challenge_id:int}/reply",
    name="reply_to_challenge",
    guards=[REPLIERS],
    status_code=200,
    opt={"form": _reply_again},
)
async def reply_submit(
    request: Request,
    challenge_id: FromPath[int],
    data: Annotated[ReplyFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await reply_to_challenge(
        challenge_id,
        data.reply,
        person=person(request),
        client=client_of(request),
        confirmed=confirmed(data),
    )
    return Redirect(f"/challenges/{challenge_id}?saved=replied", status_code=303)


async def _close_again(request: Request, refused: Refusal) -> Template:
    close = await submitted(request, CloseFormData)
    return await _challenge_page(
        request, request.path_params["challenge_id"], close=close, **shown(refused)
    )


@post(
    "/challenges/{challenge_id:int}/close",
    name="close_challenge",
    guards=[CHALLENGERS],
    status_code=200,
    opt={"form": _close_again},
)
async def close_submit(
    request: Request,
    challenge_id: FromPath[int],
    data: Annotated[CloseFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await close_challenge(
        challenge_id,
        data.closing_note,
        person=person(request),
        client=client_of(request),
        confirmed=confirmed(data),
    )
    return Redirect(f"/challenges/{challenge_id}?saved=closed", status_code=303)


ROUTES = [
    challenges_page,
    challenge_page,
    new_challenge,
    raise_challenge_submit,
    reply_submit,
    close_submit,
]
