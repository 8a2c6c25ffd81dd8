"""Reports: pick a quarter, preview and download its papers, write their front sheets and
key messages, publish (a confirmed step), fetch published versions.

Open to everyone signed in, as every page of figures is (the partnership's
transparency; leads and viewers read the same figures on the review page);
only the business unit writes front sheets and key messages, and publishes.
Thin: the report is tracker.reports.render, the versions
tracker.reports.publishing, the texts tracker.reports.front_sheets and
tracker.reports.messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import anyio.to_thread
from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.chosen import chosen_closed, chosen_id, chosen_period
from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.personal_data.check import CONFIRM_FIELD, FlaggedField, confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted, version_of
from tracker.core.web.headers import FRAMED_BY_SELF, own_styles_policy
from tracker.core.web.rendering import page
from tracker.reports.as_html import paper_css, report_html
from tracker.reports.front_sheets import front_sheets, save_front_sheet
from tracker.reports.messages import MAX_MESSAGES, key_messages, save_messages
from tracker.reports.model import Audience, Format, Marking
from tracker.reports.publishing import (
    MAX_REASON,
    next_version,
    publish,
    published_file,
    published_versions,
)
from tracker.reports.quarters import default_quarter, report_quarters
from tracker.reports.render import render, report_for
from tracker.reports.rules import FRONT_TEXTS, FrontSheetForm

BUSINESS_UNIT = roles(Role.BUSINESS_UNIT)
NOTICES = {
    "messages": "Key messages saved. Reports generated from now on include them.",
    "front-business-group": "Front sheet of the OSCB Business Group report saved.",
    "front-masa": "Front sheet of the MASA report saved.",
    "published": "Report published. Its files are kept exactly as they are now.",
}
MAX_LENGTHS = {name: most for name, _, most in FRONT_TEXTS}


@dataclass
class MessagesFormData:
    text: str = ""
    confirm_personal_data: str = ""


@dataclass
class PublishFormData:
    reason: str = ""
    version: str = ""  # the version the confirm page said would be published
    confirm_personal_data: str = ""


def _quarter(slug: str) -> Quarter:
    quarter = parsed(Quarter.parse, slug)
    if quarter is None:
        raise NotFound(f"There is no quarter {slug}: write it like 2020-21-Q2.")
    return quarter


def _audience(text: str) -> Audience:
    audience = parsed(Audience, text)
    if audience is None:
        raise NotFound("Reports are for business-group or masa.")
    return audience


def _name_and_format(file_name: str) -> tuple[str, Format]:
    """ "masa.docx" -> ("masa", docx); 404 for a format there is none of."""
    stem, _, extension = file_name.rpartition(".")
    format = parsed(Format, extension)
    if format is None:
        raise NotFound(f"There is no report {file_name}.")
    return stem, format


def _download(content: bytes, format: Format, file_name: str) -> Response:
    """A file to save; the web page opens in the browser, with its own styles allowed."""
    if format is Format.HTML:
        return Response(
            content,
            media_type=format.media_type,
            headers={
                "Content-Disposition": f'inline; filename="{file_name}"',
                "Content-Security-Policy": own_styles_policy(content),
            },
        )
    return Response(
        content,
        media_type=format.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


@get("/reports", name="reports")
async def reports_page(
    request: Request, quarter: FromQuery[str | None] = None
) -> Template | Redirect:
    # The picker only offers real quarters: anything else shows it again.
    if quarter and (asked := parsed(Quarter.parse, quarter)) is not None:
        return Redirect(f"/reports/{asked.slug}", status_code=303)
    today = clock.today()
    period = await chosen_period(request)
    return await page(
        "reports/reports.html",
        quarters=report_quarters(period, today),
        chosen=period.bounded(default_quarter(today), today),
        ended_note=period.ended_note(today),
        strategy_closed=await chosen_closed(request),
    )


async def _quarter_page(
    request: Request,
    quarter: Quarter,
    *,
    notice: str | None = None,
    messages: MessagesFormData | None = None,
    fronts: dict[Audience, FrontSheetForm] | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    sent_form: str = "",
    status_code: int = 200,
) -> Template:
    """`sent_form` names the form shown again with `problems`: messages, or front-<audience>."""
    strategy_id = await chosen_id(request)
    closed = await chosen_closed(request)
    written = await front_sheets(quarter, strategy_id=strategy_id)
    template = await page(
        "reports/report_quarter.html",
        quarter=quarter,
        audiences=list(Audience),
        formats=list(Format),
        versions=await published_versions(quarter, strategy_id=strategy_id),
        may_write=person(request).role is Role.BUSINESS_UNIT and not closed,
        strategy_closed=closed,
        messages=messages or MessagesFormData(await key_messages(quarter, strategy_id=strategy_id)),
        fronts={
            audience: (fronts or {}).get(audience) or FrontSheetForm.of(written[audience])
            for audience in Audience
        },
        written=written,
        markings=list(Marking),
        problems=problems or {},
        flagged=flagged,
        sent_form=sent_form,
        notice=notice,
        max_messages=MAX_MESSAGES,
        max_lengths=MAX_LENGTHS,
    )
    template.status_code = status_code
    return template


@get("/reports/{quarter:str}", name="report_quarter")
async def report_quarter_page(
    request: Request, quarter: FromPath[str], saved: FromQuery[str | None] = None
) -> Template:
    return await _quarter_page(request, _quarter(quarter), notice=NOTICES.get(saved or ""))


@get("/reports/{quarter:str}/{file_name:str}", name="report_download")
async def report_download(
    request: Request, quarter: FromPath[str], file_name: FromPath[str]
) -> Response:
    """The chosen strategy's report generated now, as at the quarter's last day."""
    asked = _quarter(quarter)
    audience_text, format = _name_and_format(file_name)
    report = await report_for(asked, _audience(audience_text), strategy_id=await chosen_id(request))
    # Large workbooks take a moment: off the event loop, so others are served meanwhile.
    content = await anyio.to_thread.run_sync(render, report, format)
    return _download(content, format, report.file_name(format))


@get("/reports/paper.css", name="paper_css")
async def paper_stylesheet() -> Response:
    return Response(paper_css(), media_type="text/css; charset=utf-8")


@get("/reports/{quarter:str}/{audience:str}/preview", name="report_preview")
async def report_preview(
    request: Request, quarter: FromPath[str], audience: FromPath[str]
) -> Response:
    """The paper as its reader will see it, generated now, shown beside the forms that write
    its front sheet: the page links its styles, so the tracker's own policy holds."""
    report = await report_for(
        _quarter(quarter), _audience(audience), strategy_id=await chosen_id(request)
    )
    content = await anyio.to_thread.run_sync(report_html, report, "/reports/paper.css")
    return Response(content, media_type=Format.HTML.media_type, headers=FRAMED_BY_SELF)


@get("/reports/{quarter:str}/{audience:str}/{file_name:str}", name="published_report_file")
async def published_download(
    request: Request, quarter: FromPath[str], audience: FromPath[str], file_name: FromPath[str]
) -> Response:
    """A published version's file, the bytes exactly as published."""
    stem, format = _name_and_format(file_name)
    if not (stem.startswith("v") and stem[1:].isdigit()):
        raise NotFound(f"There is no published report {file_name}.")
    found = await published_file(
        _quarter(quarter),
        _audience(audience),
        int(stem[1:]),
        format,
        strategy_id=await chosen_id(request),
    )
    if found is None:
        raise NotFound(f"Version {stem[1:]} of this report has not been published.")
    name, content = found
    return _download(content, format, name)


async def _messages_again(request: Request, refused: Refusal) -> Template:
    said = shown(refused)
    messages = await submitted(request, MessagesFormData)
    asked = _quarter(request.path_params["quarter"])
    return await _quarter_page(request, asked, messages=messages, sent_form="messages", **said)


@post(
    "/reports/{quarter:str}/messages",
    name="report_messages",
    guards=[BUSINESS_UNIT],
    status_code=200,
    opt={"form": _messages_again},
)
async def messages_submit(
    request: Request,
    quarter: FromPath[str],
    data: Annotated[MessagesFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    asked = _quarter(quarter)
    await save_messages(
        asked,
        data.text,
        person=person(request),
        strategy_id=await chosen_id(request),
        confirmed=confirmed_in({CONFIRM_FIELD: data.confirm_personal_data}),
        client=client_of(request),
    )
    return Redirect(f"/reports/{asked.slug}?saved=messages#key-messages", status_code=303)


async def _front_again(request: Request, refused: Refusal) -> Template:
    asked = _quarter(request.path_params["quarter"])
    chosen = _audience(request.path_params["audience"])
    form = await submitted(request, FrontSheetForm)
    return await _quarter_page(
        request, asked, fronts={chosen: form}, sent_form=f"front-{chosen.value}", **shown(refused)
    )


@post(
    "/reports/{quarter:str}/{audience:str}/front-sheet",
    name="report_front_sheet",
    guards=[BUSINESS_UNIT],
    status_code=200,
    opt={"form": _front_again},
)
async def front_sheet_submit(
    request: Request,
    quarter: FromPath[str],
    audience: FromPath[str],
    data: Annotated[FrontSheetForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    asked, chosen = _quarter(quarter), _audience(audience)
    await save_front_sheet(
        asked,
        chosen,
        data,
        person=person(request),
        strategy_id=await chosen_id(request),
        confirmed=confirmed_in({CONFIRM_FIELD: data.confirm_personal_data}),
        client=client_of(request),
    )
    return Redirect(
        f"/reports/{asked.slug}?saved=front-{chosen.value}#{chosen.value}-heading",
        status_code=303,
    )


async def _confirm_page(
    request: Request,
    quarter: Quarter,
    audience: Audience,
    *,
    form: PublishFormData | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    refusal: str = "",
    status_code: int = 200,
) -> Template:
    strategy_id = await chosen_id(request)
    version = await next_version(quarter, audience, strategy_id=strategy_id)
    template = await page(
        "reports/report_publish.html",
        quarter=quarter,
        audience=audience,
        formats=list(Format),
        version=version,
        front=(await front_sheets(quarter, strategy_id=strategy_id))[audience],
        messages=await key_messages(quarter, strategy_id=strategy_id),
        form=form or PublishFormData(),
        problems=problems or {},
        flagged=flagged,
        refusal=refusal,
        max_reason=MAX_REASON,
    )
    template.status_code = status_code
    return template


@get(
    "/reports/{quarter:str}/{audience:str}/publish",
    name="report_publish_confirm",
    guards=[BUSINESS_UNIT],
)
async def publish_confirm_page(
    request: Request, quarter: FromPath[str], audience: FromPath[str]
) -> Template:
    """What publishing will freeze, and the button that does it: nothing is published here."""
    return await _confirm_page(request, _quarter(quarter), _audience(audience))


async def _publish_again(request: Request, refused: Refusal) -> Template:
    asked = _quarter(request.path_params["quarter"])
    chosen = _audience(request.path_params["audience"])
    form = await submitted(request, PublishFormData)
    return await _confirm_page(request, asked, chosen, form=form, **shown(refused))


@post(
    "/reports/{quarter:str}/{audience:str}/publish",
    name="report_publish",
    guards=[BUSINESS_UNIT],
    status_code=200,
    opt={"form": _publish_again},
)
async def publish_submit(
    request: Request,
    quarter: FromPath[str],
    audience: FromPath[str],
    data: Annotated[PublishFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    asked, chosen = _quarter(quarter), _audience(audience)
    await publish(
        asked,
        chosen,
        person=person(request),
        reason=data.reason,
        confirmed=confirmed_in({CONFIRM_FIELD: data.confirm_personal_data}),
        client=client_of(request),
        version=version_of(data.version),
        strategy_id=await chosen_id(request),
    )
    return Redirect(f"/reports/{asked.slug}?saved=published#published", status_code=303)


ROUTES = [
    reports_page,
    report_quarter_page,
    report_download,
    paper_stylesheet,
    report_preview,
    published_download,
    messages_submit,
    front_sheet_submit,
    publish_confirm_page,
    publish_submit,
]
