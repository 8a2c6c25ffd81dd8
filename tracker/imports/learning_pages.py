"""Importing a source of learning's findings and recommendations from a spreadsheet: the
business unit uploads it on the source's page; every row is added, or none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from tracker.core.personal_data.check import confirmed_in
from tracker.core.refusals import InvalidInput, NotFound, Refusal
from tracker.core.tables import LearningSource
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown
from tracker.core.web.rendering import page
from tracker.imports.learning_rows import read_learning_rows
from tracker.imports.limits import size_problem
from tracker.learning.rules import CAN_ADD_LEARNING
from tracker.learning.store import add_items

ADDERS = roles(*CAN_ADD_LEARNING)


@dataclass
class LearningUpload:
    file: UploadFile | None = None
    confirm_personal_data: str = ""


async def _again(request: Request, refused: Refusal) -> Template:
    source_id = request.path_params["source_id"]
    source = await LearningSource.select().where(LearningSource.id == source_id).first()
    if source is None:
        raise NotFound(f"There is no source of learning {source_id}.")
    said = shown(refused)
    template = await page(
        "learning/import_problems.html",
        source=source,
        problems=said.get("problems", {}),
        ids={name: "file" for name in said.get("problems", {})},
        flagged=said.get("flagged", ()),
        refusal=said.get("refusal"),
    )
    template.status_code = said["status_code"]
    return template


@post(
    "/learning/sources/{source_id:int}/import",
    name="import_learning_items",
    guards=[ADDERS],
    status_code=200,
    opt={"form": _again},
)
async def import_items(
    request: Request,
    source_id: FromPath[int],
    data: Annotated[LearningUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
) -> Redirect:
    content = await data.file.read() if data.file else b""
    if not content:
        raise InvalidInput(
            {"file": "Choose the spreadsheet (.xlsx) of findings and recommendations"}
        )
    if too_large := size_problem(len(content), request.app.state.max_upload_bytes):
        raise InvalidInput({"file": too_large})
    found = read_learning_rows(content, request.app.state.max_unpacked_bytes)
    added = await add_items(
        source_id,
        found.items,
        person=person(request),
        client=client_of(request),
        confirmed=confirmed_in({"confirm_personal_data": data.confirm_personal_data}),
    )
    return Redirect(f"/learning/sources/{source_id}?saved=imported&count={added}", status_code=303)


ROUTES = [import_items]
