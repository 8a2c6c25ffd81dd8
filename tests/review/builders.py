"""Portfolios built by hand, for testing the review without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.support.portfolios import own_fields, placed_in
from tracker.plans.portfolio import (
    AgencyInfo,
    ComponentInfo,
    PlanInfo,
    Portfolio,
    PortfolioAction,
)
from tracker.plans.slipping import slipping

AS_AT = date(2020, 9, 30)
OVERARCHING = PlanInfo(1, "Overarching", "overarching", None, None)
TVP = PlanInfo(2, "Thames Valley Police", "agency", 7, "Thames Valley Police")
HEALTH = PlanInfo(3, "Oxford Health, NHS Foundation Trust", "agency", 8, "Oxford Health")


def action(
    id: int,
    ref: str,
    plan: PlanInfo = TVP,
    *,
    text: str = "Deliver briefings",
    lead: str | None = "DCI Public Protection",
    due: date | None = None,
    recurring: str | None = None,
    rag: str | None = "green",
    last_update: date | None = AS_AT,
    progress: str | None = None,
    objective: tuple[int, str, str] = (10, "1", "Sound knowledge of neglect"),
    components: tuple[int, ...] = (),
) -> PortfolioAction:
    return PortfolioAction(
        id=id,
        **own_fields(ref=ref, text=text, lead=lead, due=due, recurring=recurring),
        version=1,
        **placed_in(plan),
        as_at=AS_AT,
        objective_id=objective[0],
        objective_ref=objective[1],
        objective_text=objective[2],
        components=components,
        rag=rag,
        progress=progress,
        status_as_at=last_update,
        slipping=slipping(
            due=due, recurring=recurring, rag=rag, last_update=last_update, as_at=AS_AT
        ),
        open_challenges=0,
        open_escalations=0,
    )


def portfolio_of(*actions: PortfolioAction, as_at: date = AS_AT) -> Portfolio:
    return Portfolio(
        as_at=as_at,
        plans=(OVERARCHING, TVP, HEALTH),
        agencies=(AgencyInfo(7, "Thames Valley Police"), AgencyInfo(8, "Oxford Health")),
        components=tuple(ComponentInfo(number, f"Component {number}") for number in range(1, 13)),
        actions=actions,
        updates=(),
    )


def with_counts(item: PortfolioAction, challenges: int, escalations: int) -> PortfolioAction:
    return replace(item, open_challenges=challenges, open_escalations=escalations)
