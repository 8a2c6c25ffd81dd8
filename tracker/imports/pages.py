"""The business unit's import pages: upload, preview, confirm, history and undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.chosen import chosen_id
from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import CAN_IMPORT
from tracker.core.web.access import person, roles
from tracker.core.web.forms import shown, submitted
from tracker.core.web.rendering import Section, SectionProvider, page
from tracker.imports.confirming import ConfirmForm, confirmation, expected_of
from tracker.imports.file_checks import Expected
from tracker.imports.history import import_history, import_summary
from tracker.imports.limits import ImportLimits
from tracker.imports.outcome import ImportOutcome
from tracker.imports.preview_jobs import PreviewJob, PreviewJobs
from tracker.imports.proforma import UnreadableFile
from tracker.imports.refusals import PersonalDataNotConfirmed, PreviewOutdated
from tracker.imports.service import import_workbook
from tracker.imports.staging import Staged, stage, staged
from tracker.imports.undo import undo_import
from tracker.imports.upload import UploadForm, UploadProblems, read_upload
from tracker.plans.reference import agencies
from tracker.proposals.queries import made_by_import

GUARD = [roles(*CAN_IMPORT)]


async def _upload_page(
    form: dict[str, Any],
    problems: UploadProblems | None = None,
    status_code: int = 200,
    sections: list[Section] | None = None,
) -> Template:
    template = await page(
        "imports/imports.html",
        history=await import_history(),
        agencies=await agencies(),
        form=form,
        problems=problems,
        today=clock.today(),
        sections=sections or [],
    )
    template.status_code = status_code
    return template


async def _sections(request: Request) -> list[Section]:
    """What other features add to the page (app state "imports_sections"): the returns
    sent by upload link, waiting."""
    providers: list[SectionProvider] = request.app.state.get("imports_sections", [])
    return [section for provide in providers if (section := await provide(request))]


@get("/imports", name="imports", guards=GUARD)
async def imports_page(request: Request) -> Template:
    return await _upload_page(
        {"as_at": clock.today().isoformat(), "agency": ""}, sections=await _sections(request)
    )


async def _dry_run(
    request: Request,
    upload: Staged,
    job: PreviewJob | None = None,
    expected: Expected | None = None,
) -> ImportOutcome:
    return await import_workbook(
        upload.content,
        file_name=upload.file_name,
        as_at=upload.as_at,
        recorded_by=person(request).email,
        dry_run=True,
        agency=upload.agency,
        limits=ImportLimits.of(request.app.state),
        progress=job.report if job else None,
        expected=expected,
        strategy_id=await chosen_id(request),
    )


LISTED = 100  # changes of each kind, and problems, listed on a preview; the rest are counted

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
    expected: Expected | None = None,
) -> Template:
    outcome = outcome or await _dry_run(request, upload, expected=expected)
    return await page(
        "imports/import_preview.html",
        listed=LISTED,
        upload=upload,
        outcome=outcome,
        outdated=outdated,
        unconfirmed=UNCONFIRMED if unconfirmed else None,
        expected=expected,
    )


def _jobs(request: Request) -> PreviewJobs:
    return request.app.state.preview_jobs


async def _unreadable(file_name: str, as_at: date, agency: str | None, why: Refusal) -> Template:
    problems = UploadProblems.of({"file": f"{file_name} cannot be imported: {why}"})
    return await _upload_page({"as_at": as_at.isoformat(), "agency": agency or ""}, problems, 400)


async def _upload_again(request: Request, refused: Refusal) -> Template:
    """The upload form again: what was missing, or why the file could not be read."""
    sent = await submitted(request, UploadForm)
    if isinstance(refused, UnreadableFile) and sent.day is not None:  # read once staged
        return await _unreadable(sent.file_name, sent.day, sent.agency, refused)
    problems = UploadProblems.of(shown(refused).get("problems") or {"file": str(refused)})
    return await _upload_page({"as_at": sent.as_at, "agency": sent.agency}, problems, 400)


@post("/imports/preview", name="import_preview", guards=GUARD, opt={"form": _upload_again})
async def preview(
    request: HTMXRequest,
    data: Annotated[UploadForm, Body(media_type=RequestEncodingType.MULTI_PART)],
) -> Template:
    sent = await read_upload(data, request.app.state.max_upload_bytes)
    upload = await stage(
        sent.file_name,
        sent.content,
        as_at=sent.as_at,
        agency=data.agency or None,
        uploaded_by=person(request).email,
    )
    if request.htmx:
        # Read in the background; the page shows how far it has got, then the preview.
        job = await _jobs(request).start(upload.token, lambda job: _dry_run(request, upload, job))
        return await page("imports/import_reading.html", upload=upload, job=job)
    return await _preview(request, upload)


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/import",
    name="return_import",
    guards=GUARD,
    opt={"form": _upload_again},
)
async def return_import(
    request: Request,
    quarter: FromPath[str],
    plan_id: FromPath[int],
    data: Annotated[UploadForm, Body(media_type=RequestEncodingType.MULTI_PART)],
) -> Redirect:
    """A returned proforma imported from its plan's return page: previewed, and checked to
    be that plan's for that quarter, before anything is written."""
    which = parsed(Quarter.parse, quarter)
    if which is None:
        raise NotFound(f"There is no quarter {quarter}.")
    sent = await read_upload(
        replace(data, as_at=which.last_day.isoformat()), request.app.state.max_upload_bytes
    )
    upload = await stage(
        sent.file_name,
        sent.content,
        as_at=sent.as_at,
        agency=None,
        uploaded_by=person(request).email,
    )
    return Redirect(
        f"/imports/staged/{upload.token}?plan={plan_id}&quarter={which.slug}", status_code=303
    )


@get("/imports/staged/{token:str}/progress", name="import_progress", guards=GUARD)
async def reading_progress(request: Request, token: FromPath[str]) -> Template | Response:
    job = await _jobs(request).progress(token)
    if job is None or job.done:
        return Response(None, status_code=200, headers={"HX-Redirect": f"/imports/staged/{token}"})
    return await page("imports/_import_progress.html", token=token, job=job)


async def _staged(request: Request, token: str) -> Staged:
    upload = await staged(token, person(request).email)
    if upload is None:
        raise NotFound("This upload has expired or was already imported: upload it again.")
    return upload


async def _staged_again(request: Request, refused: Refusal) -> Template:
    """The upload form again, saying why the staged file could not be read."""
    upload = await _staged(request, request.path_params["token"])
    return await _unreadable(upload.file_name, upload.as_at, upload.agency, refused)


@get(
    "/imports/staged/{token:str}",
    name="import_staged",
    guards=GUARD,
    opt={"form": _staged_again},
)
async def staged_preview(
    request: Request,
    token: FromPath[str],
    plan: FromQuery[str | None] = None,
    quarter: FromQuery[str | None] = None,
) -> Template:
    """`plan` and `quarter`: the return page the file was imported from, checked against it."""
    upload = await _staged(request, token)
    expected = expected_of(plan, quarter)
    outcome = None if expected else _jobs(request).finish(token)
    return await _preview(request, upload, outcome=outcome, expected=expected)


async def _confirm_again(request: Request, refused: Refusal) -> Template:
    """The preview again: made afresh if the tracker changed since, or asking to confirm
    the progress that looks like personal data."""
    upload = await _staged(request, request.path_params["token"])
    sent = await submitted(request, ConfirmForm)
    expected = expected_of(sent.for_plan, sent.for_quarter)
    if isinstance(refused, PreviewOutdated):
        return await _preview(request, upload, outdated=True, expected=expected)
    if isinstance(refused, PersonalDataNotConfirmed):
        template = await _preview(
            request, upload, outcome=refused.outcome, unconfirmed=True, expected=expected
        )
        template.status_code = refused.status_code
        return template
    return await _unreadable(upload.file_name, upload.as_at, upload.agency, refused)


@post(
    "/imports/staged/{token:str}/confirm",
    name="import_confirm",
    guards=GUARD,
    opt={"form": _confirm_again},
)
async def confirm(
    request: Request,
    token: FromPath[str],
    data: Annotated[ConfirmForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template | Redirect:
    upload = await _staged(request, token)
    chosen = await confirmation(request, data)
    outcome = await import_workbook(
        upload.content,
        file_name=upload.file_name,
        as_at=upload.as_at,
        recorded_by=person(request).email,
        agency=upload.agency,
        limits=ImportLimits.of(request.app.state),
        previewed=chosen.fingerprint,
        staged_token=token,
        personal_data_confirmed=chosen.personal_data_confirmed,
        submit_return=chosen.submit_return,
        skip=chosen.skip,
        expected=chosen.expected,
        strategy_id=await chosen_id(request),
    )
    if outcome.import_id is None:  # the file has errors: nothing was written
        return await _preview(request, upload, expected=chosen.expected)
    return Redirect(f"/imports/{outcome.import_id}?imported=1", status_code=303)


async def _detail_page(import_id: int, status_code: int = 200, **shown: Any) -> Template:
    record = await import_summary(import_id)
    if record is None:
        raise NotFound()
    template = await page(
        "imports/import_detail.html",
        record=record,
        proposed=await made_by_import(import_id),
        **shown,
    )
    template.status_code = status_code
    return template


@get("/imports/{import_id:int}", name="import_detail", guards=GUARD)
async def import_detail(
    import_id: FromPath[int], imported: FromQuery[bool] = False, undone: FromQuery[bool] = False
) -> Template:
    return await _detail_page(import_id, imported=imported, undone=undone, problem=None)


async def _undo_again(request: Request, refused: Refusal) -> Template:
    """The import's page again, saying why it cannot be undone."""
    import_id = request.path_params["import_id"]
    return await _detail_page(
        import_id, refused.status_code, imported=False, undone=False, problem=str(refused)
    )


@post("/imports/{import_id:int}/undo", name="import_undo", guards=GUARD, opt={"form": _undo_again})
async def undo(request: Request, import_id: FromPath[int]) -> Redirect:
    await undo_import(import_id, undone_by=person(request).email)
    return Redirect(f"/imports/{import_id}?undone=1", status_code=303)
