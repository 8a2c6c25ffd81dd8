"""A plan as at a day: its objectives, in order, each with its actions and their status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.db.tables import Action, Objective, Plan
from tracker.domain.overdue import days_overdue
from tracker.domain.rag import RagCounts
from tracker.views.statuses import statuses


@dataclass(frozen=True)
class ActionRow:
    id: int
    ref: str
    text: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    rag: str | None
    progress: str | None
    status_as_at: date | None
    days_overdue: int


@dataclass(frozen=True)
class ObjectiveSection:
    ref: str
    text: str
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class PlanView:
    id: int
    name: str
    kind: str
    agency: str | None
    as_at: date
    objectives: tuple[ObjectiveSection, ...]

    @property
    def actions(self) -> list[ActionRow]:
        return [action for objective in self.objectives for action in objective.actions]

    @property
    def counts(self) -> RagCounts:
        return RagCounts.of(action.rag for action in self.actions)

    @property
    def overdue(self) -> int:
        return sum(1 for action in self.actions if action.days_overdue)


async def plan_view(plan_id: int, as_at: date) -> PlanView | None:
    plan = (
        await Plan.select(Plan.id, Plan.name, Plan.kind, Plan.agency.name.as_alias("agency_name"))
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
    actions = (
        await Action.select()
        .where(Action.plan == plan_id)
        .order_by(Action.position)
        .order_by(Action.id)
    )
    latest = await statuses(as_at, plan_id=plan_id)
    rows_by_objective: dict[int, list[ActionRow]] = {row["id"]: [] for row in objectives}
    for action in actions:
        status = latest.get(action["id"])
        rag = status.rag if status else None
        rows_by_objective[action["objective"]].append(
            ActionRow(
                id=action["id"],
                ref=action["ref"],
                text=action["text"],
                input=action["input"],
                desired_outcome=action["desired_outcome"],
                lead=action["lead"],
                timeframe=action["timeframe"],
                due=action["due"],
                recurring=action["recurring"],
                rag=rag,
                progress=status.progress if status else None,
                status_as_at=status.as_at if status else None,
                days_overdue=days_overdue(action["due"], action["recurring"], rag, as_at),
            )
        )
    return PlanView(
        id=plan["id"],
        name=plan["name"],
        kind=plan["kind"],
        agency=plan["agency_name"],
        as_at=as_at,
        objectives=tuple(
            ObjectiveSection(row["ref"], row["text"], tuple(rows_by_objective[row["id"]]))
            for row in objectives
        ),
    )
