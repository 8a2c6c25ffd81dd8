"""What a proforma is filled with: the plan, its actions as at the quarter end, the deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from piccolo.columns.combination import Combinable

from tracker.core.chosen import current_strategy
from tracker.core.dates import Quarter
from tracker.core.refusals import NotFound
from tracker.core.tables import Plan
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_as_at, in_force
from tracker.returns.store import deadline_for


@dataclass(frozen=True)
class ProformaPlan:
    id: int
    name: str
    agency_id: int | None
    agency: str | None
    strategy: str
    strategy_id: int | None = None


@dataclass(frozen=True)
class ProformaContent:
    plan: ProformaPlan
    quarter: Quarter
    deadline: date
    actions: tuple[ActionAsAt, ...]


async def proforma_plan(plan_id: int) -> ProformaPlan:
    row = (
        await Plan.select(
            Plan.id,
            Plan.name,
            Plan.agency,
            Plan.agency._.name.as_alias("agency_name"),
            Plan.strategy._.name.as_alias("strategy"),
            Plan.strategy.as_alias("strategy_id"),
        )
        .where(Plan.id == plan_id)
        .first()
    )
    if row is None:
        raise NotFound(f"There is no plan {plan_id}.")
    return ProformaPlan(
        row["id"],
        row["name"],
        row["agency"],
        row["agency_name"],
        row["strategy"],
        row["strategy_id"],
    )


async def plan_named(name: str) -> ProformaPlan:
    """The plan called `name`: the current strategy's, where two strategies have one."""
    current = await current_strategy()
    named: Combinable = Plan.name == name
    if current is not None:
        named = named & (Plan.strategy == current.id)
    row = await Plan.select(Plan.id).where(named).first()
    if row is None:
        raise NotFound(f"There is no plan called '{name}'.")
    return await proforma_plan(row["id"])


async def every_agency_plan(strategy_id: int | None = None) -> list[ProformaPlan]:
    """The agencies' plans (own and additional actions), in name order: one proforma each."""
    agency_plan: Combinable = Plan.agency.is_not_null()
    if strategy_id is not None:  # that strategy's plans alone
        agency_plan = agency_plan & (Plan.strategy == strategy_id)
    rows = await Plan.select(Plan.id).where(agency_plan).order_by(Plan.name)
    return [await proforma_plan(row["id"]) for row in rows]


async def proforma_content(plan: ProformaPlan, quarter: Quarter) -> ProformaContent:
    actions = await actions_as_at(quarter.last_day, in_force(quarter.last_day), plan_id=plan.id)
    return ProformaContent(
        plan, quarter, await deadline_for(quarter, plan.strategy_id), tuple(actions)
    )
