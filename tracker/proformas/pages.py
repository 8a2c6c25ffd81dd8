"""Downloading proformas: one plan's for a quarter, or every agency's at once (a zip)."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.params import FromPath

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.refusals import NotAllowed, NotFound
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.proformas.build import made_proforma, made_proformas, zip_name
from tracker.proformas.queries import every_agency_plan, proforma_plan
from tracker.proformas.rules import may_download

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
async def every_proforma(quarter: FromPath[str]) -> Response:
    asked = _quarter(quarter)
    content = await made_proformas(await every_agency_plan(), asked)
    return _download(content, "application/zip", zip_name(asked, clock.today()))
