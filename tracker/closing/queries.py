"""Reads for closing a strategy, carrying its open actions and its closing report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from tracker.closing.rules import Candidate, Outcome, PlanReturnState, is_open, outcome
from tracker.core.dates import Quarter
from tracker.core.refusals import NotFound
from tracker.core.tables import Action, Plan, PlanReturn, Strategy
from tracker.plans.statuses import statuses


@dataclass(frozen=True)
class StrategyRow:
    id: int
    name: str
    partnership: str
    starts: date | None
    ends: date | None
    closed_at: datetime | None
    closed_by: str | None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def last_quarter(self) -> Quarter | None:
        return Quarter.of(self.ends) if self.ends else None


def _strategy(row: dict) -> StrategyRow:
    return StrategyRow(
        row["id"],
        row["name"],
        row["partnership"],
        row["starts"],
        row["ends"],
        row["closed_at"],
        row["closed_by"],
    )


async def strategy_by_id(strategy_id: int) -> StrategyRow:
    row = await Strategy.select().where(Strategy.id == strategy_id).first()
    if row is None:
        raise NotFound(f"There is no strategy {strategy_id}.")
    return _strategy(row)


async def open_later_strategies(source: StrategyRow) -> list[StrategyRow]:
    """The open strategies the source's actions may be carried into, earliest first."""
    rows = await Strategy.select().where(Strategy.closed_at.is_null() & (Strategy.id != source.id))
    later = [
        _strategy(row)
        for row in rows
        if source.ends is None or row["starts"] is None or row["starts"] > source.ends
    ]
    return sorted(later, key=lambda item: (item.starts or date.max, item.id))


async def last_quarter_returns(strategy: StrategyRow) -> list[PlanReturnState]:
    """Each plan's return for the strategy's last quarter, in plan order."""
    plans = (
        await Plan.select(Plan.id, Plan.name).where(Plan.strategy == strategy.id).order_by(Plan.id)
    )
    quarter = strategy.last_quarter
    if quarter is None:
        return []
    states = {
        row["plan"]: row["state"]
        for row in await PlanReturn.select(PlanReturn.plan, PlanReturn.state).where(
            (PlanReturn.quarter == quarter.slug)
            & PlanReturn.plan.is_in([plan["id"] for plan in plans] or [0])
        )
    }
    return [PlanReturnState(plan["name"], states.get(plan["id"], "not-started")) for plan in plans]


@dataclass(frozen=True)
class CarriedTo:
    id: int
    ref: str
    plan: str
    strategy: str


@dataclass(frozen=True)
class ClosingAction:
    id: int
    ref: str
    text: str
    plan_id: int
    plan: str
    objective_ref: str
    objective_text: str
    rag: str | None  # as at the strategy's last day
    progress: str | None
    withdrawn_on: date | None
    withdrawn_reason: str | None
    carried_to: CarriedTo | None
    outcome: Outcome
    open: bool

    @property
    def candidate(self) -> Candidate:
        return Candidate(
            self.id, self.ref, self.open, self.carried_to.id if self.carried_to else None
        )


@dataclass(frozen=True)
class PlanActions:
    plan_id: int
    plan: str
    actions: tuple[ClosingAction, ...]

    def count(self, which: Outcome) -> int:
        return sum(1 for action in self.actions if action.outcome is which)

    @property
    def open_actions(self) -> tuple[ClosingAction, ...]:
        return tuple(action for action in self.actions if action.open)


async def closing_actions(strategy: StrategyRow) -> list[PlanActions]:
    """Every action of the strategy as at its last day, with what became of it, by plan."""
    last_day = strategy.ends or date.max
    rows = (
        await Action.select(
            Action.id,
            Action.ref,
            Action.text,
            Action.plan.as_alias("plan_id"),
            Action.plan.name.as_alias("plan"),
            Action.objective.ref.as_alias("objective_ref"),
            Action.objective.text.as_alias("objective_text"),
            Action.withdrawn_on,
            Action.withdrawn_reason,
        )
        .where(Action.plan.strategy == strategy.id)
        .order_by(Action.plan, Action.position, Action.id)
    )
    ids = [row["id"] for row in rows]
    standing = await statuses(last_day, action_ids=ids) if ids else {}
    carried = {
        row["carried_from"]: CarriedTo(row["id"], row["ref"], row["plan"], row["strategy"])
        for row in await Action.select(
            Action.id,
            Action.ref,
            Action.carried_from,
            Action.plan.name.as_alias("plan"),
            Action.plan._.strategy._.name.as_alias("strategy"),
        ).where(Action.carried_from.is_in(ids or [0]))
    }
    actions = []
    for row in rows:
        status = standing.get(row["id"])
        rag = status.rag if status else None
        carried_to = carried.get(row["id"])
        actions.append(
            ClosingAction(
                row["id"],
                row["ref"],
                row["text"],
                row["plan_id"],
                row["plan"],
                row["objective_ref"],
                row["objective_text"],
                rag,
                status.progress if status else None,
                row["withdrawn_on"],
                row["withdrawn_reason"],
                carried_to,
                outcome(rag, row["withdrawn_on"], last_day, carried_to is not None),
                is_open(rag, row["withdrawn_on"], last_day),
            )
        )
    return [
        PlanActions(plan_id, group[0].plan, tuple(group))
        for plan_id, grouped in groupby(actions, key=lambda action: action.plan_id)
        for group in [list(grouped)]
    ]
