"""The business unit's import pages: upload, preview, confirm, history and undo."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.personal_data.check import confirmed_in
from tracker.core.roles import CAN_IMPORT
from tracker.core.web.access import person, roles
from tracker.core.web.rendering import page
from tracker.imports.history import import_history, import_summary
from tracker.imports.limits import check_upload_size
from tracker.imports.preview_jobs import PreviewJob, PreviewJobs
from tracker.imports.proforma import UnreadableFile
from tracker.imports.proforma.result import base_name
from tracker.imports.service import (
    ImportOutcome,
    PersonalDataNotConfirmed,
    PreviewOutdated,
    import_workbook,
)
from tracker.imports.staging import Staged, stage, staged, unstage
from tracker.imports.undo import UndoRefused, undo_import
from tracker.plans.reference import agencies

GUARD = [roles(*CAN_IMPORT)]


@dataclass
class UploadForm:
    file: UploadFile | None = None
    as_at: str = ""
    agency: str = ""


@dataclass
class ConfirmForm:
    fingerprint: str = ""
    confirm_personal_data: str = ""


@dataclass
class UploadProblems:
    file: str | None = None
    as_at: str | None = None
    messages: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)


async def _upload_page(
    form: dict[str, Any], problems: UploadProblems | None = None, status_code: int = 200
) -> Template:
    template = await page(
        "imports/imports.html",
        history=await import_history(),
        agencies=await agencies(),
        form=form,
        problems=problems,
        today=clock.today(),
    )
    template.status_code = status_code
    return template


@get("/imports", name="imports", guards=GUARD)
async def imports_page() -> Template:
    return await _upload_page({"as_at": clock.today().isoformat(), "agency": ""})


def _read_as_at(value: str, problems: UploadProblems) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        problems.as_at = "Enter the date the return describes, for example 30 9 2020"
        problems.messages.append(("as-at", problems.as_at))
        return None


async def _dry_run(
    request: Request, upload: Staged, job: PreviewJob | None = None
) -> ImportOutcome:
    return await import_workbook(
        upload.content,
        file_name=upload.file_name,
        as_at=upload.as_at,
        recorded_by=person(request).email,
        dry_run=True,
        agency=upload.agency,
        max_unpacked_bytes=request.app.state.max_unpacked_bytes,
        progress=job.report if job else None,
    )


UNCONFIRMED = (
    "Tick the box to confirm the progress listed does not identify anyone, or correct the "
    "spreadsheet and upload it again."
)


async def _preview(
    request: Request,
    upload: Staged,
    outdated: bool = False,
    outcome: ImportOutcome | None = None,
    unconfirmed: bool = False,
) -> Template:
    outcome = outcome or await _dry_run(request, upload)
    return await page(
        "imports/import_preview.html",
        upload=upload,
        outcome=outcome,
        outdated=outdated,
        unconfirmed=UNCONFIRMED if unconfirmed else None,
    )


def _jobs(request: Request) -> PreviewJobs:
    return request.app.state.preview_jobs


async def _unreadable(upload: Staged, unreadable: UnreadableFile) -> Template:
    problems = UploadProblems()
    problems.file = f"{upload.file_name} cannot be imported: {unreadable}"
    problems.messages.append(("file", problems.file))
    form = {"as_at": upload.as_at.isoformat(), "agency": upload.agency or ""}
    return await _upload_page(form, problems, status_code=400)


@post("/imports/preview", name="import_preview", guards=GUARD)
async def preview(
    request: HTMXRequest,
    data: Annotated[UploadForm, Body(media_type=RequestEncodingType.MULTI_PART)],
) -> Template:
    problems = UploadProblems()
    form = {"as_at": data.as_at, "agency": data.agency}
    as_at = _read_as_at(data.as_at, problems)
    content = await data.file.read() if data.file else b""
    if not content:
        problems.file = "Choose the agency's spreadsheet (.xlsx) to import"
        problems.messages.insert(0, ("file", problems.file))
    if problems.messages or as_at is None:
        return await _upload_page(form, problems, status_code=400)
    file_name = base_name(data.file.filename if data.file else "") or "return.xlsx"
    try:
        check_upload_size(len(content), request.app.state.max_upload_bytes)
    except UnreadableFile as unreadable:
        problems.file = f"{file_name} cannot be imported: {unreadable}"
        problems.messages.insert(0, ("file", problems.file))
        return await _upload_page(form, problems, status_code=400)
    upload = await stage(
        file_name,
        content,
        as_at=as_at,
        agency=data.agency or None,
        uploaded_by=person(request).email,
    )
    if request.htmx:
        # Read in the background; the page shows how far it has got, then the preview.
        job = _jobs(request).start(upload.token, lambda job: _dry_run(request, upload, job))
        return await page("imports/import_reading.html", upload=upload, job=job)
    try:
        return await _preview(request, upload)
    except UnreadableFile as unreadable:
        return await _unreadable(upload, unreadable)


@get("/imports/staged/{token:str}/progress", name="import_progress", guards=GUARD)
async def reading_progress(request: Request, token: FromPath[str]) -> Template | Response:
    job = _jobs(request).get(token)
    if job is None or job.done:
        return Response(None, status_code=200, headers={"HX-Redirect": f"/imports/staged/{token}"})
    return await page("imports/_import_progress.html", token=token, job=job)


@get("/imports/staged/{token:str}", name="import_staged", guards=GUARD)
async def staged_preview(request: Request, token: FromPath[str]) -> Template:
    upload = await staged(token, person(request).email)
    if upload is None:
        raise NotFoundException("This upload has expired or was already imported: upload it again.")
    try:
        outcome = _jobs(request).finish(token)
        return await _preview(request, upload, outcome=outcome)
    except UnreadableFile as unreadable:
        return await _unreadable(upload, unreadable)


@post("/imports/staged/{token:str}/confirm", name="import_confirm", guards=GUARD)
async def confirm(
    request: Request,
    token: FromPath[str],
    data: Annotated[ConfirmForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    upload = await staged(token, person(request).email)
    if upload is None:
        raise NotFoundException("This upload has expired or was already imported: upload it again.")
    try:
        outcome = await import_workbook(
            upload.content,
            file_name=upload.file_name,
            as_at=upload.as_at,
            recorded_by=person(request).email,
            agency=upload.agency,
            max_unpacked_bytes=request.app.state.max_unpacked_bytes,
            previewed=data.fingerprint,
            personal_data_confirmed=confirmed_in(
                {"confirm_personal_data": data.confirm_personal_data}
            ),
        )
    except PreviewOutdated:
        return await _preview(request, upload, outdated=True)
    except PersonalDataNotConfirmed as unconfirmed:
        template = await _preview(request, upload, outcome=unconfirmed.outcome, unconfirmed=True)
        template.status_code = 422
        return template
    if outcome.import_id is None:  # the file has errors: nothing was written
        return await _preview(request, upload)
    await unstage(token)
    return Redirect(f"/imports/{outcome.import_id}?imported=1", status_code=303)


@get("/imports/{import_id:int}", name="import_detail", guards=GUARD)
async def import_detail(
    import_id: FromPath[int], imported: FromQuery[bool] = False, undone: FromQuery[bool] = False
) -> Template:
    record = await import_summary(import_id)
    if record is None:
        raise NotFoundException()
    return await page(
        "imports/import_detail.html", record=record, imported=imported, undone=undone, problem=None
    )


@post("/imports/{import_id:int}/undo", name="import_undo", guards=GUARD)
async def undo(request: Request, import_id: FromPath[int]) -> Template | Redirect:
    try:
        await undo_import(import_id, undone_by=person(request).email)
    except UndoRefused as refusal:
        record = await import_summary(import_id)
        if record is None:
            raise NotFoundException() from None
        template = await page(
            "imports/import_detail.html",
            record=record,
            imported=False,
            undone=False,
            problem=str(refusal),
        )
        template.status_code = 409
        return template
    return Redirect(f"/imports/{import_id}?undone=1", status_code=303)
