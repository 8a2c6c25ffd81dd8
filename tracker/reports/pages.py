"""Reports: pick a quarter, download its reports, write key messages, publish, fetch versions.

Open to everyone signed in, as every page of figures is (the partnership's
transparency; leads and viewers read the same figures on the review page);
only the business unit writes key messages and publishes. Thin: the report
is tracker.reports.render, the versions tracker.reports.publishing, the
messages tracker.reports.messages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated

import anyio.to_thread
from litestar import Request, Response, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.personal_data.check import CONFIRM_FIELD, FlaggedField, confirmed_in
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.plans.period import strategy_period
from tracker.reports.messages import MAX_MESSAGES, key_messages, save_messages
from tracker.reports.model import Audience, Format
from tracker.reports.publishing import (
    MAX_REASON,
    publish,
    published_file,
    published_versions,
)
from tracker.reports.quarters import default_quarter, report_quarters
from tracker.reports.render import render, report_for

BUSINESS_UNIT = roles(Role.BUSINESS_UNIT)
NOTICES = {
    "messages": "Key messages saved. Reports generated from now on include them.",
    "published": "Report published. Its files are kept exactly as they are now.",
}


@dataclass
class MessagesFormData:
    text: str = ""
    confirm_personal_data: str = ""


@dataclass
class PublishFormData:
    reason: str = ""
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
    return Response(
        content,
        media_type=format.media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


@get("/reports", name="reports")
async def reports_page(quarter: FromQuery[str | None] = None) -> Template | Redirect:
    # The picker only offers real quarters: anything else shows it again.
    if quarter and (asked := parsed(Quarter.parse, quarter)) is not None:
        return Redirect(f"/reports/{asked.slug}", status_code=303)
    today = clock.today()
    period = await strategy_period()
    return await page(
        "reports/reports.html",
        quarters=report_quarters(period, today),
        chosen=period.bounded(default_quarter(today), today),
        ended_note=period.ended_note(today),
    )


async def _quarter_page(
    request: Request,
    quarter: Quarter,
    *,
    notice: str | None = None,
    messages: MessagesFormData | None = None,
    publishing: dict[str, PublishFormData] | None = None,
    problems: dict[str, str] | None = None,
    flagged: tuple[FlaggedField, ...] = (),
    flagged_form: str = "",
    status_code: int = 200,
) -> Template:
    template = await page(
        "reports/report_quarter.html",
        quarter=quarter,
        audiences=list(Audience),
        formats=list(Format),
        versions=await published_versions(quarter),
        may_write=person(request).role is Role.BUSINESS_UNIT,
        messages=messages or MessagesFormData(await key_messages(quarter)),
        publishing=publishing or {},
        problems=problems or {},
        flagged=flagged,
        flagged_form=flagged_form,
        notice=notice,
        max_messages=MAX_MESSAGES,
        max_reason=MAX_REASON,
    )
    template.status_code = status_code
    return template


@get("/reports/{quarter:str}", name="report_quarter")
async def report_quarter_page(
    request: Request, quarter: FromPath[str], saved: FromQuery[str | None] = None
) -> Template:
    return await _quarter_page(request, _quarter(quarter), notice=NOTICES.get(saved or ""))


@get("/reports/{quarter:str}/{file_name:str}", name="report_download")
async def report_download(quarter: FromPath[str], file_name: FromPath[str]) -> Response:
    """The report generated now, as at the quarter's last day."""
    asked = _quarter(quarter)
    audience_text, format = _name_and_format(file_name)
    report = await report_for(asked, _audience(audience_text))
    # Large workbooks take a moment: off the event loop, so others are served meanwhile.
    content = await anyio.to_thread.run_sync(render, report, format)
    return _download(content, format, report.file_name(format))


@get("/reports/{quarter:str}/{audience:str}/{file_name:str}", name="published_report_file")
async def published_download(
    quarter: FromPath[str], audience: FromPath[str], file_name: FromPath[str]
) -> Response:
    """A published version's file, the bytes exactly as published."""
    stem, format = _name_and_format(file_name)
    if not (stem.startswith("v") and stem[1:].isdigit()):
        raise NotFound(f"There is no published report {file_name}.")
    found = await published_file(_quarter(quarter), _audience(audience), int(stem[1:]), format)
    if found is None:
        raise NotFound(f"Version {stem[1:]} of this report has not been published.")
    name, content = found
    return _download(content, format, name)


async def _messages_again(request: Request, refused: Refusal) -> Template:
    said = shown(refused)
    if "flagged" in said:
        said["flagged_form"] = "messages"
    messages = await submitted(request, MessagesFormData)
    asked = _quarter(request.path_params["quarter"])
    return await _quarter_page(request, asked, messages=messages, **said)


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
        confirmed=confirmed_in({CONFIRM_FIELD: data.confirm_personal_data}),
        client=client_of(request),
    )
    return Redirect(f"/reports/{asked.slug}?saved=messages#key-messages", status_code=303)


async def _publish_again(request: Request, refused: Refusal) -> Template:
    asked = _quarter(request.path_params["quarter"])
    chosen = _audience(request.path_params["audience"])
    said = shown(refused)
    if "flagged" in said:  # the warning links to the field: this form's reason box
        said["flagged"] = tuple(replace(f, field=f"{chosen.value}-reason") for f in said["flagged"])
    form = await submitted(request, PublishFormData)
    return await _quarter_page(
        request, asked, publishing={chosen.value: form}, flagged_form=chosen.value, **said
    )


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
    )
    return Redirect(f"/reports/{asked.slug}?saved=published#published", status_code=303)


ROUTES = [
    reports_page,
    report_quarter_page,
    report_download,
    published_download,
    messages_submit,
    publish_submit,
]
