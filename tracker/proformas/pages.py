"""Downloading proformas: one plan's for a quarter, or every agency's at once (a zip)."""

from __future__ import annotations

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.chosen import chosen_id
from tracker.core.dates import Quarter
from tracker.core.refusals import Conflict, NotAllowed, NotFound
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of
from tracker.core.web.rendering import page
from tracker.proformas.build import made_proforma, made_proformas, zip_name
from tracker.proformas.mailing import planned_round, send_proformas
from tracker.proformas.queries import every_agency_plan, proforma_plan
from tracker.proformas.rules import may_download
from tracker.returns.store import deadline_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Viewers fill in no returns: the route turns them away before any plan is read.
GUARD = [roles(Role.BUSINESS_UNIT, Role.CHAIR, Role.LEAD)]


def _quarter(slug: str) -> Quarter:
    try:
        return Quarter.parse(slug)
    except ValueError:
        raise NotFound(f"There is no quarter {slug}.") from None


def _download(content: bytes, media_type: str, file_name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
    )


@get("/plans/{plan_id:int}/proforma/{quarter:str}", name="plan_proforma", guards=GUARD)
async def plan_proforma(
    request: Request, plan_id: FromPath[int], quarter: FromPath[str]
) -> Response:
    asked = _quarter(quarter)
    plan = await proforma_plan(plan_id)
    who = person(request)
    if not may_download(who.role, who.agency_ids, plan.agency_id):
        raise NotAllowed(
            "Only the plan's own agency leads, chairs and the business unit can "
            "download its proforma."
        )
    name, content = await made_proforma(plan, asked)
    return _download(content, XLSX, name)


@get(
    "/returns/{quarter:str}/proformas.zip",
    name="every_proforma",
    guards=[roles(Role.BUSINESS_UNIT)],
)
async def every_proforma(request: Request, quarter: FromPath[str]) -> Response:
    asked = _quarter(quarter)
    content = await made_proformas(await every_agency_plan(await chosen_id(request)), asked)
    return _download(content, "application/zip", zip_name(asked, clock.today()))


@get(
    "/returns/{quarter:str}/proformas/email",
    name="email_proformas_confirm",
    guards=[roles(Role.BUSINESS_UNIT)],
)
async def email_proformas_confirm(request: Request, quarter: FromPath[str]) -> Template:
    asked = _quarter(quarter)
    found, _ = await planned_round(asked, await chosen_id(request))
    return await page(
        "proformas/email.html",
        quarter=asked,
        found=found,
        deadline=await deadline_for(asked, await chosen_id(request)),
        emailing=request.app.state.smtp is not None,
    )


@post(
    "/returns/{quarter:str}/proformas/email",
    name="email_proformas",
    guards=[roles(Role.BUSINESS_UNIT)],
    status_code=303,
)
async def email_proformas(request: Request, quarter: FromPath[str]) -> Redirect:
    asked = _quarter(quarter)
    server = request.app.state.smtp
    if server is None:
        raise Conflict(
            "No SMTP server is set (SMTP_URL), so no proforma was e-mailed and none is "
            "recorded as sent. Download them as a zip from the Returns page instead."
        )
    await send_proformas(
        server,
        request.app.state.mail_from,
        asked,
        person(request).email,
        client=client_of(request),
        strategy_id=await chosen_id(request),
    )
    return Redirect(f"/returns/{asked.slug}?saved=emailed#proformas-emailed", status_code=303)
