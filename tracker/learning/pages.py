"""Learning: every source, one source, one finding or recommendation; adding and editing
findings and recommendations, recording impact. Thin: rules in tracker.learning.rules, reads
in queries, writes in store. Every change is a plain form and a redirect. The gaps are in
gap_pages, linking actions in link_pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core.permissions import Updater, may_update
from tracker.core.personal_data.check import confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import as_at_from_query, page
from tracker.learning import queries
from tracker.learning.rules import (
    AUDIENCES,
    CAN_ADD_LEARNING,
    CAN_LINK,
    CAN_RECORD_IMPACT,
    ITEM_KINDS,
    STANDINGS,
    ItemForm,
)
from tracker.learning.store import (
    add_item,
    edit_item,
    record_impact,
)

ADDERS = roles(*CAN_ADD_LEARNING)
IMPACT_RECORDERS = roles(*CAN_RECORD_IMPACT)
NOTICES = {
    "linked": "Action linked.",
    "unlinked": "Action unlinked.",
    "impact": "Impact evidence recorded: the item is closed.",
    "delivers": "Overarching action linked.",
    "undelivers": "Overarching action unlinked.",
    "source": "Source of learning added. Add its findings and recommendations below.",
    "item": "Finding or recommendation added.",
    "imported": "Findings and recommendations imported.",
    "edited": "Saved.",
    "unchanged": "Nothing changed: it was already as you left it.",
}


@dataclass
class ItemFormData:
    number: str = ""
    kind: str = ""
    addressed_to: str = ""
    text: str = ""
    confirm_personal_data: str = ""


@dataclass
class ImpactForm:
    evidence: str = ""
    evidenced_on: str = ""
    confirm_personal_data: str = ""


@get("/learning", name="learning")
async def learning_page(request: Request, as_at: FromQuery[str | None] = None) -> Template:
    day = as_at_from_query(as_at)
    return await page(
        "learning/learning.html",
        sources=await queries.sources(day.day),
        standings=STANDINGS,
        as_at=day,
        can_add=person(request).role in CAN_ADD_LEARNING,
    )


async def _source_page(
    request: Request,
    source_id: int,
    *,
    as_at: str | None = None,
    notice: str | None = None,
    item: ItemFormData | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple = (),
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    day = as_at_from_query(as_at)
    found = await queries.sources(day.day, source_id)
    if not found:
        raise NotFound(f"There is no source of learning {source_id}.")
    template = await page(
        "learning/source.html",
        source=found[0],
        standings=STANDINGS,
        as_at=day,
        can_add=person(request).role in CAN_ADD_LEARNING,
        item=item or ItemFormData(),
        kinds=ITEM_KINDS,
        audiences=AUDIENCES,
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
        notice=notice,
    )
    template.status_code = status_code
    return template


@get("/learning/sources/{source_id:int}", name="learning_source")
async def source_page(
    request: Request,
    source_id: FromPath[int],
    as_at: FromQuery[str | None] = None,
    saved: FromQuery[str | None] = None,
) -> Template:
    return await _source_page(request, source_id, as_at=as_at, notice=NOTICES.get(saved or ""))


async def _add_item_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, ItemFormData)
    return await _source_page(
        request, request.path_params["source_id"], item=form, **shown(refused)
    )


@post(
    "/learning/sources/{source_id:int}/items",
    name="add_learning_item",
    guards=[ADDERS],
    status_code=200,
    opt={"form": _add_item_again},
)
async def add_item_submit(
    request: Request,
    source_id: FromPath[int],
    data: Annotated[ItemFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await add_item(
        source_id,
        ItemForm(data.number, data.kind, data.addressed_to, data.text),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
    )
    return Redirect(f"/learning/sources/{source_id}?saved=item#add-item", status_code=303)


async def _item_page(
    request: Request,
    item_id: int,
    *,
    as_at: str | None = None,
    notice: str | None = None,
    impact: ImpactForm | None = None,
    edit: ItemFormData | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple = (),
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    day = as_at_from_query(as_at)
    found = await queries.item(item_id, day.day)
    if found is None:
        raise NotFound(f"There is no finding or recommendation {item_id}.")
    who = person(request)
    updater = Updater(who.role, who.agency_ids, who.lead_names)
    template = await page(
        "learning/item.html",
        item=found,
        as_at=day,
        can_link=who.role in CAN_LINK,
        may_unlink={a.id for a in found.actions if may_update(updater, a.scope)},
        can_record_impact=who.role in CAN_RECORD_IMPACT,
        can_edit=who.role in CAN_ADD_LEARNING,
        edit=edit or ItemFormData(found.number, found.kind, found.addressed_to, found.text),
        kinds=ITEM_KINDS,
        audiences=AUDIENCES,
        choices=[
            choice
            for choice in (await queries.action_choices() if who.role in CAN_LINK else [])
            if may_update(updater, choice.scope)
        ],
        impact=impact or ImpactForm(),
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
        notice=notice,
    )
    template.status_code = status_code
    return template


@get("/learning/items/{item_id:int}", name="learning_item")
async def item_page(
    request: Request,
    item_id: FromPath[int],
    as_at: FromQuery[str | None] = None,
    saved: FromQuery[str | None] = None,
) -> Template:
    return await _item_page(request, item_id, as_at=as_at, notice=NOTICES.get(saved or ""))


async def _impact_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, ImpactForm)
    return await _item_page(request, request.path_params["item_id"], impact=form, **shown(refused))


@post(
    "/learning/items/{item_id:int}/impact",
    name="learning_impact",
    guards=[IMPACT_RECORDERS],
    status_code=200,
    opt={"form": _impact_again},
)
async def impact_submit(
    request: Request,
    item_id: FromPath[int],
    data: Annotated[ImpactForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    await record_impact(
        item_id,
        data.evidence,
        data.evidenced_on,
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
    )
    return Redirect(f"/learning/items/{item_id}?saved=impact", status_code=303)


async def _edit_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, ItemFormData)
    return await _item_page(request, request.path_params["item_id"], edit=form, **shown(refused))


@post(
    "/learning/items/{item_id:int}/edit",
    name="edit_learning_item",
    guards=[ADDERS],
    status_code=200,
    opt={"form": _edit_again},
)
async def edit_submit(
    request: Request,
    item_id: FromPath[int],
    data: Annotated[ItemFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    changed = await edit_item(
        item_id,
        ItemForm(data.number, data.kind, data.addressed_to, data.text),
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
    )
    saved = "edited" if changed else "unchanged"
    return Redirect(f"/learning/items/{item_id}?saved={saved}", status_code=303)


ROUTES = [
    learning_page,
    source_page,
    add_item_submit,
    item_page,
    impact_submit,
    edit_submit,
]
