"""Linking learning and actions: an action to a finding or recommendation (from either
page) and back off, and an action to the overarching action it delivers. Thin: writes in
tracker.learning.store. Each is a plain form and a redirect to the page it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect

from tracker.core.parsing import record_id
from tracker.core.refusals import NotFound
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of
from tracker.learning.rules import CAN_LINK
from tracker.learning.store import link_delivery, link_item, unlink_delivery, unlink_item

LINKERS = roles(*CAN_LINK)


@dataclass
class LinkForm:
    action_id: str = ""
    back: str = ""  # "action": go back to the action's page


@dataclass
class AnswersForm:
    item_id: str = ""


@dataclass
class DeliversForm:
    delivers_id: str = ""


def _id(text: str, what: str) -> int:
    found = record_id(text)
    if found is None:
        raise NotFound(f"Choose {what}.")
    return found


@post("/learning/items/{item_id:int}/links", name="learning_link", guards=[LINKERS])
async def link_submit(
    request: Request,
    item_id: FromPath[int],
    data: Annotated[LinkForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    action_id = _id(data.action_id, "an action")
    await link_item(item_id, action_id, person=person(request), client=client_of(request))
    return _back(data.back, item_id, action_id, "linked")


def _back(back: str, item_id: int, action_id: int, saved: str) -> Redirect:
    if back == "action":
        return Redirect(f"/actions/{action_id}?learning={saved}#learning", status_code=303)
    return Redirect(f"/learning/items/{item_id}?saved={saved}", status_code=303)


@post(
    "/learning/items/{item_id:int}/links/{action_id:int}/remove",
    name="learning_unlink",
    guards=[LINKERS],
)
async def unlink_submit(
    request: Request,
    item_id: FromPath[int],
    action_id: FromPath[int],
    data: Annotated[LinkForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await unlink_item(item_id, action_id, person=person(request), client=client_of(request))
    return _back(data.back, item_id, action_id, "unlinked")


@post("/actions/{action_id:int}/learning", name="action_answers", guards=[LINKERS])
async def answers_submit(
    request: Request,
    action_id: FromPath[int],
    data: Annotated[AnswersForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    item_id = _id(data.item_id, "a finding or recommendation")
    await link_item(item_id, action_id, person=person(request), client=client_of(request))
    return _back("action", item_id, action_id, "linked")


@post("/actions/{action_id:int}/delivers", name="action_delivers", guards=[LINKERS])
async def delivers_submit(
    request: Request,
    action_id: FromPath[int],
    data: Annotated[DeliversForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    delivers_id = _id(data.delivers_id, "an overarching action")
    await link_delivery(action_id, delivers_id, person=person(request), client=client_of(request))
    return Redirect(f"/actions/{action_id}?learning=delivers#learning", status_code=303)


@post(
    "/actions/{action_id:int}/delivers/{delivers_id:int}/remove",
    name="action_undelivers",
    guards=[LINKERS],
)
async def undelivers_submit(
    request: Request, action_id: FromPath[int], delivers_id: FromPath[int]
) -> Redirect:
    await unlink_delivery(action_id, delivers_id, person=person(request), client=client_of(request))
    return Redirect(f"/actions/{action_id}?learning=undelivers#learning", status_code=303)


ROUTES = [link_submit, unlink_submit, answers_submit, delivers_submit, undelivers_submit]
