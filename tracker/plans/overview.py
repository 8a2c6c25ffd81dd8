"""The strategy at a glance: every plan with its RAG and overdue counts as at a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.rag import RagCounts
from tracker.core.tables import Plan, PlanKind, Strategy
from tracker.plans.statuses import plan_counts

_KIND_ORDER = {
    PlanKind.OVERARCHING.value: 0,
    PlanKind.AGENCY.value: 1,
    PlanKind.ADDITIONAL.value: 2,
}


@dataclass(frozen=True)
class PlanSummary:
    id: int
    name: str
    kind: str
    agency: str | None
    counts: RagCounts
    overdue: int


@dataclass(frozen=True)
class Overview:
    strategy: str
    partnership: str
    period: str
    as_at: date
    plans: tuple[PlanSummary, ...]

    @property
    def counts(self) -> RagCounts:
        return RagCounts(
            **{
                name: sum(getattr(plan.counts, name) for plan in self.plans)
                for name in ("red", "amber", "green", "blue", "none")
            }
        )

    @property
    def overdue(self) -> int:
        return sum(plan.overdue for plan in self.plans)


def plan_order(kind: str, agency_position: int | None, name: str) -> tuple:
    """Overarching first; then each agency's plan, its additional actions right after."""
    if kind == PlanKind.OVERARCHING.value:
        return (0, 0, 0, name)
    return (1, agency_position if agency_position is not None else 10_000, _KIND_ORDER[kind], name)


async def overview(as_at: date, strategy_id: int | None) -> Overview | None:
    """The plans of strategy `strategy_id` (the chosen one) counted as at `as_at`."""
    if strategy_id is None:
        return None
    strategy = await Strategy.select().where(Strategy.id == strategy_id).first()
    if strategy is None:
        return None
    plans = await Plan.select(
        Plan.id,
        Plan.name,
        Plan.kind,
        Plan.agency.name.as_alias("agency_name"),
        Plan.agency.position.as_alias("agency_position"),
    ).where(Plan.strategy == strategy["id"])
    # Counted by the database: no update but each action's standing one is read.
    counts = await plan_counts(as_at, strategy["id"])
    ordered = sorted(plans, key=lambda p: plan_order(p["kind"], p["agency_position"], p["name"]))
    return Overview(
        strategy=strategy["name"],
        partnership=strategy["partnership"],
        period=strategy["period"],
        as_at=as_at,
        plans=tuple(
            PlanSummary(
                id=plan["id"],
                name=plan["name"],
                kind=plan["kind"],
                agency=plan["agency_name"],
                counts=counts.get(plan["id"], (RagCounts(), 0))[0],
                overdue=counts.get(plan["id"], (RagCounts(), 0))[1],
            )
            for plan in ordered
        ),
    )
