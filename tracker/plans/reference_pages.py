"""Agencies, core components and glossary pages; the business unit adds and rewords the
chosen strategy's own core components on the core components page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from tracker.core.chosen import chosen_strategy
from tracker.core.personal_data.check import CONFIRM_FIELD, confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.plans import reference
from tracker.plans.own_components import (
    CAN_ADD_OWN_COMPONENTS,
    OwnComponentForm,
    save_own_component,
)

OWN_COMPONENT_WRITERS = roles(*CAN_ADD_OWN_COMPONENTS)


@get("/agencies", name="agencies")
async def agencies() -> Template:
    return await page("plans/agencies.html", agencies=await reference.agencies())


@dataclass
class OwnComponentData:
    number: str = ""
    text: str = ""
    confirm_personal_data: str = ""

    @property
    def form(self) -> OwnComponentForm:
        return OwnComponentForm(self.number, self.text)


def _short(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


async def _components_page(
    request: Request,  # type: ignore[type-arg]
    form: OwnComponentData,
    *,
    saved: int | None = None,
    status_code: int = 200,
    **said: Any,
) -> Template:
    chosen = await chosen_strategy(request)
    components = await reference.core_components(chosen.id if chosen else None)
    template = await page(
        "plans/core_components.html",
        components=components,
        shared=[row for row in components if row["strategy"] is None],
        own=[row for row in components if row["strategy"] is not None],
        own_choices=[
            (str(row["number"]), f"{row['number']}. {_short(row['text'])}")
            for row in components
            if row["strategy"] is not None
        ],
        strategy=chosen,
        can_add=person(request).role in CAN_ADD_OWN_COMPONENTS and chosen is not None,
        form=form,
        saved=saved,
        problems=said.get("problems", {}),
        flagged=said.get("flagged", ()),
        refusal=said.get("refusal"),
    )
    template.status_code = status_code
    return template


@get("/core-components", name="core_components")
async def core_components(
    request: Request,  # type: ignore[type-arg]
    saved: FromQuery[int | None] = None,
) -> Template:
    return await _components_page(request, OwnComponentData(), saved=saved)


async def _own_again(request: Request, refused: Refusal) -> Template:  # type: ignore[type-arg]
    form = await submitted(request, OwnComponentData)
    return await _components_page(request, form, **shown(refused))


@post(
    "/core-components",
    name="save_own_component",
    guards=[OWN_COMPONENT_WRITERS],
    status_code=200,
    opt={"form": _own_again},
)
async def save_own_component_submit(
    request: Request,  # type: ignore[type-arg]
    data: Annotated[OwnComponentData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    chosen = await chosen_strategy(request)
    if chosen is None:
        raise NotFound("There is no strategy yet: add one first.")
    number = await save_own_component(
        chosen.id,
        data.form,
        person=person(request),
        confirmed=confirmed_in({CONFIRM_FIELD: data.confirm_personal_data}),
        client=client_of(request),
    )
    return Redirect(f"/core-components?saved={number}#own", status_code=303)


@get("/glossary", name="glossary")
async def glossary() -> Template:
    return await page("plans/glossary.html", terms=await reference.glossary())
