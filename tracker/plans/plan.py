"""A plan as at a day: its objectives, in order, each with its actions and their status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.rag import RagCounts
from tracker.core.tables import Objective, Plan
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import actions_as_at, one_action_as_at


@dataclass(frozen=True)
class ObjectiveSection:
    ref: str
    text: str
    actions: tuple[ActionAsAt, ...]
    id: int = 0


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    kind: str
    agency: str | None
    as_at: date
    objectives: tuple[ObjectiveSection, ...]
    agency_id: int | None = None

    @property
    def actions(self) -> list[ActionAsAt]:
        return [action for objective in self.objectives for action in objective.actions]

    @property
    def counted(self) -> list[ActionAsAt]:
        """The actions that count as at the day: not those withdrawn by then."""
        return [action for action in self.actions if not action.withdrawn]

    @property
    def withdrawn(self) -> int:
        return sum(1 for action in self.actions if action.withdrawn)

    @property
    def counts(self) -> RagCounts:
        return RagCounts.of(action.rag for action in self.counted)

    @property
    def overdue(self) -> int:
        return sum(1 for action in self.counted if action.days_overdue)

    @property
    def due_soon(self) -> int:
        return sum(1 for action in self.counted if action.due_soon)

    @property
    def stale(self) -> int:
        return sum(1 for action in self.counted if action.stale)


async def plan_view(plan_id: int, as_at: date) -> PlanView | None:
    plan = (
        await Plan.select(
            Plan.id, Plan.name, Plan.kind, Plan.agency, Plan.agency.name.as_alias("agency_name")
        )
        .where(Plan.id == plan_id)
        .first()
    )
    if plan is None:
        return None
    objectives = (
        await Objective.select(Objective.id, Objective.ref, Objective.text)
        .where(Objective.plan == plan_id)
        .order_by(Objective.position)
        .order_by(Objective.id)
    )
    rows_by_objective: dict[int, list[ActionAsAt]] = {row["id"]: [] for row in objectives}
    for action in await actions_as_at(as_at, plan_id=plan_id):
        rows_by_objective[action.objective_id].append(action)
    return PlanView(
        id=plan["id"],
        name=plan["name"],
        kind=plan["kind"],
        agency=plan["agency_name"],
        agency_id=plan["agency"],
        as_at=as_at,
        objectives=tuple(
            ObjectiveSection(
                row["ref"], row["text"], tuple(rows_by_objective[row["id"]]), row["id"]
            )
            for row in objectives
        ),
    )


async def plan_row(action_id: int, as_at: date) -> ActionAsAt | None:
    """One action's row of its plan's table, as at `as_at`."""
    return await one_action_as_at(action_id, as_at)
