"""The chairs' quarter page: every plan's return for a quarter, the quarter's deadline
and the proformas e-mailed for it.

Thin: the reading is in tracker.returns.queries, the deadline's writing in
tracker.returns.deadlines. One plan's return and its steps are
tracker.returns.return_pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.core import clock
from tracker.core.chosen import chosen_closed, chosen_id, chosen_period
from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.refusals import Refusal
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.rendering import page
from tracker.returns.deadlines import set_deadline
from tracker.returns.queries import proformas_mailed, quarter_returns
from tracker.returns.rules import collecting
from tracker.returns.urls import NOTICES, quarter_of


@dataclass
class DeadlineFormData:
    deadline: str = ""


@get("/returns", name="returns")
async def returns_now(
    request: Request,  # type: ignore[type-arg]
    quarter: FromQuery[str | None] = None,
) -> Redirect | Template:
    """The quarter the picker chose (its own address); else the returns being collected,
    the quarter before today's (within the strategy), shown here: the menu's link opens
    them in one request, not two."""
    if quarter and (asked := parsed(Quarter.parse, quarter)) is not None:
        return Redirect(f"/returns/{asked.slug}", status_code=303)
    today = clock.today()
    being_collected = (await chosen_period(request)).bounded(collecting(today), today)
    return await _quarter_page(request, being_collected)


async def _quarter_page(
    request: Request,
    quarter: Quarter,
    *,
    notice: str | None = None,
    form: DeadlineFormData | None = None,
    problems: dict[str, str] | None = None,
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    today = clock.today()
    found = await quarter_returns(quarter, today, await chosen_id(request))
    period = await chosen_period(request)
    business_unit = person(request).role is Role.BUSINESS_UNIT
    closed = await chosen_closed(request)
    template = await page(
        "returns/returns.html",
        strategy_closed=closed,
        mailed=await proformas_mailed(quarter) if business_unit else [],
        found=found,
        quarters=period.quarters(today),  # every one: a later quarter's deadline can be set
        ended_note=period.ended_note(today),
        can_set_deadline=business_unit and not closed,
        form=form or DeadlineFormData(found.deadline.day.isoformat()),
        problems=problems or {},
        notice=notice,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/returns/{quarter:str}", name="quarter_returns")
async def quarter_page(
    request: Request, quarter: FromPath[str], saved: FromQuery[str | None] = None
) -> Template:
    return await _quarter_page(request, quarter_of(quarter), notice=NOTICES.get(saved or ""))


async def _deadline_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, DeadlineFormData)
    quarter = quarter_of(request.path_params["quarter"])
    return await _quarter_page(request, quarter, form=form, **shown(refused))


@post(
    "/returns/{quarter:str}/deadline",
    name="set_returns_deadline",
    guards=[roles(Role.BUSINESS_UNIT)],
    status_code=200,
    opt={"form": _deadline_again},
)
async def deadline_submit(
    request: Request,
    quarter: FromPath[str],
    data: Annotated[DeadlineFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    which = quarter_of(quarter)
    await set_deadline(
        which,
        data.deadline,
        person(request),
        strategy_id=await chosen_id(request),
        client=client_of(request),
    )
    return Redirect(f"/returns/{which.slug}?saved=deadline", status_code=303)


ROUTES = [returns_now, quarter_page, deadline_submit]
