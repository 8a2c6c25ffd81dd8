"""Choosing the strategy the pages work on (the header's switcher), and the business unit's
page of strategies, where the next one is added. Thin: checks in tracker.strategies.rules,
writes in tracker.strategies.store and tracker.accounts.sessions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from tracker.accounts.sessions import choose_strategy
from tracker.core.chosen import every_strategy, strategies
from tracker.core.parsing import parsed
from tracker.core.refusals import NotFound, Refusal
from tracker.core.web.access import SESSION_COOKIE, person, roles
from tracker.core.web.forms import client_of, shown, submitted
from tracker.core.web.redirects import safe_next
from tracker.core.web.rendering import page
from tracker.strategies.queries import strategy_rows
from tracker.strategies.rules import CAN_ADD_STRATEGY, StrategyForm
from tracker.strategies.store import add_strategy

ADDERS = roles(*CAN_ADD_STRATEGY)


@dataclass
class ChoiceData:
    strategy: str = ""
    next: str = "/"


@post("/strategy", name="choose_strategy", status_code=303)
async def choose(
    request: Request,  # type: ignore[type-arg]
    data: Annotated[ChoiceData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    wanted = parsed(int, data.strategy.strip())
    if wanted is None or all(s.id != wanted for s in await every_strategy()):
        raise NotFound("There is no such strategy: choose one from the list.")
    await choose_strategy(request.cookies.get(SESSION_COOKIE), wanted)
    return Redirect(safe_next(data.next), status_code=303)


@dataclass
class StrategyFormData:
    name: str = ""
    partnership: str = ""
    period: str = ""
    starts: str = ""
    ends: str = ""

    @property
    def strategy(self) -> StrategyForm:
        return StrategyForm(self.name, self.partnership, self.period, self.starts, self.ends)


async def _strategies_page(
    request: Request,  # type: ignore[type-arg]
    form: StrategyFormData,
    *,
    problems: dict[str, str] | None = None,
    added: int | None = None,
    refusal: str | None = None,
    status_code: int = 200,
) -> Template:
    template = await page(
        "strategies/strategies.html",
        rows=await strategy_rows(),
        chosen=(await strategies(request)).chosen,
        form=form,
        problems=problems or {},
        added=added,
        refusal=refusal,
    )
    template.status_code = status_code
    return template


@get("/strategies", name="strategies", guards=[ADDERS])
async def strategies_page(
    request: Request,  # type: ignore[type-arg]
    added: FromQuery[int | None] = None,
) -> Template:
    return await _strategies_page(request, StrategyFormData(), added=added)


async def _add_again(request: Request, refused: Refusal) -> Template:  # type: ignore[type-arg]
    form = await submitted(request, StrategyFormData)
    return await _strategies_page(request, form, **shown(refused))


@post(
    "/strategies",
    name="add_strategy",
    guards=[ADDERS],
    status_code=200,
    opt={"form": _add_again},
)
async def add_strategy_submit(
    request: Request,  # type: ignore[type-arg]
    data: Annotated[StrategyFormData, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Redirect:
    added = await add_strategy(data.strategy, person=person(request), client=client_of(request))
    return Redirect(f"/strategies?added={added}", status_code=303)


ROUTES = [choose, strategies_page, add_strategy_submit]
