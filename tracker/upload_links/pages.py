"""Upload links: the business unit makes, lists and revokes them; anyone holding one sends
the return through it (the only page of the tracker open without signing in but sign-in's).

/upload/... is public (tracker.core.web.access.PUBLIC_PATHS): those pages show the plan's
name, the quarter and the deadline, and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import CAN_IMPORT
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown
from tracker.core.web.rendering import Section, page
from tracker.imports.proforma.result import base_name
from tracker.returns.store import deadline_for
from tracker.upload_links.queries import Link, every_link, link_by_id, receipt, waiting_uploads
from tracker.upload_links.rules import PATH, UPLOADS_PER_HOUR
from tracker.upload_links.store import make_link, receive, revoke_link, working_link

GUARD = [roles(*CAN_IMPORT)]  # the business unit: who imports what arrives
NOTICES = {"revoked": "Upload link revoked: it no longer works."}


@dataclass
class LinkUploadForm:
    file: UploadFile | None = None


def _quarter(slug: str) -> Quarter:
    quarter = parsed(Quarter.parse, slug)
    if quarter is None:
        raise NotFound(f"There is no quarter {slug!r}: a quarter is written like 2020-21-Q2.")
    return quarter


async def imports_section(request: Request) -> Section | None:
    """The Imports page's list of files that arrived by link, waiting to be previewed."""
    return Section("upload_links/_waiting.html", {"waiting": await waiting_uploads()})


@post(
    "/returns/{quarter:str}/plans/{plan_id:int}/upload-links",
    name="make_upload_link",
    guards=GUARD,
    status_code=200,
)
async def make(request: Request, quarter: FromPath[str], plan_id: FromPath[int]) -> Template:
    made = await make_link(
        plan_id,
        _quarter(quarter),
        by=person(request).email,
        days=request.app.state.upload_link_days,
        client=client_of(request),
    )
    link = await link_by_id(made.id)
    address = request.app.state.base_url + PATH + made.token
    return await page("upload_links/made.html", link=link, address=address)


@get("/upload-links", name="upload_links", guards=GUARD)
async def listing(saved: FromQuery[str | None] = None) -> Template:
    return await page(
        "upload_links/links.html",
        links=await every_link(),
        waiting=await waiting_uploads(),
        notice=NOTICES.get(saved or ""),
    )


async def _link(link_id: int) -> Link:
    link = await link_by_id(link_id)
    if link is None:
        raise NotFound(f"There is no upload link {link_id}.")
    return link


@get("/upload-links/{link_id:int}/revoke", name="revoke_upload_link_confirm", guards=GUARD)
async def revoke_confirm(link_id: FromPath[int]) -> Template:
    return await page("upload_links/revoke.html", link=await _link(link_id))


@post(
    "/upload-links/{link_id:int}/revoke",
    name="revoke_upload_link",
    guards=GUARD,
    status_code=303,
)
async def revoke(request: Request, link_id: FromPath[int]) -> Redirect:
    await revoke_link(link_id, by=person(request).email, client=client_of(request))
    return Redirect("/upload-links?saved=revoked", status_code=303)


async def _upload_page(
    request: Request, token: str, status_code: int = 200, **context: Any
) -> Template:
    link = await working_link(token)
    shown_page = await page(
        "upload_links/upload.html",
        link=link,
        token=token,
        deadline=await deadline_for(link.quarter, plan_id=link.plan_id),
        max_megabytes=request.app.state.max_upload_bytes // (1024 * 1024),
        per_hour=UPLOADS_PER_HOUR,
        problems=context.pop("problems", {}),
        **context,
    )
    shown_page.status_code = status_code
    return shown_page


@get("/upload/{token:str}", name="upload_by_link")
async def upload_form(request: Request, token: FromPath[str]) -> Template:
    return await _upload_page(request, token)


async def _send_again(request: Request, refused: Refusal) -> Template:
    """The upload page again, saying why the file was not received."""
    return await _upload_page(request, request.path_params["token"], **shown(refused))


@post("/upload/{token:str}", name="upload_by_link_send", opt={"form": _send_again})
async def send(
    request: Request,
    token: FromPath[str],
    data: Annotated[LinkUploadForm, Body(media_type=RequestEncodingType.MULTI_PART)],
) -> Redirect:
    file_name = base_name(data.file.filename if data.file else "") or "return.xlsx"
    received = await receive(
        token,
        file_name,
        await data.file.read() if data.file else b"",
        max_bytes=request.app.state.max_upload_bytes,
        max_unpacked_bytes=request.app.state.max_unpacked_bytes,
        client=client_of(request),
    )
    # To the receipt's own address: reloading it shows it again and sends nothing twice.
    return Redirect(f"/upload/{token}/receipts/{received.reference}", status_code=303)


@get("/upload/{token:str}/receipts/{reference:str}", name="upload_receipt")
async def receipt_page(token: FromPath[str], reference: FromPath[str]) -> Template:
    received = await receipt(await working_link(token), reference)
    if received is None:
        raise NotFound("There is no such receipt for this link.")
    return await page(
        "upload_links/receipt.html",
        receipt=received,
        received=clock.uk_day(received.received_at),
        at=received.received_at.astimezone(clock.UK).strftime("%H:%M"),
    )


ROUTES = [make, listing, revoke_confirm, revoke, upload_form, send, receipt_page]
