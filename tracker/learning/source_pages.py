"""Adding a source of learning and editing one (kind, title, date, publisher, link): the
business unit's. Thin: checks in tracker.learning.rules, writes in tracker.learning.sources."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from tracker.core.personal_data.check import confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.learning.queries import source_fields
from tracker.learning.rules import CAN_ADD_LEARNING, SOURCE_KINDS, SourceForm
from tracker.learning.sources import add_source, edit_source

ADDERS = roles(*CAN_ADD_LEARNING)


@dataclass
class SourceFormData:
    kind: str = ""
    title: str = ""
    published: str = ""
    publisher: str = ""
    link: str = ""
    confirm_personal_data: str = ""

    @property
    def source(self) -> SourceForm:
        return SourceForm(self.kind, self.title, self.published, self.publisher, self.link)

    @property
    def confirmed(self) -> bool:
        return confirmed_in({"confirm_personal_data": self.confirm_personal_data})


async def _form_page(
    form: SourceFormData,
    *,
    source_id: int | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple = (),
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    template = await page(
        "learning/source_new.html",
        form=form,
        source_id=source_id,
        kinds=SOURCE_KINDS,
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/learning/sources/new", name="new_learning_source", guards=[ADDERS])
async def new_source_page() -> Template:
    return await _form_page(SourceFormData())


async def _add_source_again(request: Request, refused: Refusal) -> Template:
    return await _form_page(await submitted(request, SourceFormData), **shown(refused))


@post(
    "/learning/sources",
    name="add_learning_source",
    guards=[ADDERS],
    status_code=200,
    opt={"form": _add_source_again},
)
async def add_source_submit(
    request: Request,
    data: Annotated[SourceFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    source_id = await add_source(
        data.source, person=person(request), client=client_of(request), confirmed=data.confirmed
    )
    return Redirect(f"/learning/sources/{source_id}?saved=source", status_code=303)


@get("/learning/sources/{source_id:int}/edit", name="edit_learning_source", guards=[ADDERS])
async def edit_source_page(source_id: FromPath[int]) -> Template:
    fields = await source_fields(source_id)
    if fields is None:
        raise NotFound("There is no such source of learning.")
    return await _form_page(SourceFormData(**fields), source_id=source_id)


async def _edit_source_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, SourceFormData)
    return await _form_page(form, source_id=request.path_params["source_id"], **shown(refused))


@post(
    "/learning/sources/{source_id:int}/edit",
    name="save_learning_source",
    guards=[ADDERS],
    status_code=200,
    opt={"form": _edit_source_again},
)
async def edit_source_submit(
    request: Request,
    source_id: FromPath[int],
    data: Annotated[SourceFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    changed = await edit_source(
        source_id,
        data.source,
        person=person(request),
        client=client_of(request),
        confirmed=data.confirmed,
    )
    saved = "edited" if changed else "unchanged"
    return Redirect(f"/learning/sources/{source_id}?saved={saved}", status_code=303)


ROUTES = [new_source_page, add_source_submit, edit_source_page, edit_source_submit]
