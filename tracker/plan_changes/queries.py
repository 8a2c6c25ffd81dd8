"""What the plan-change forms show: the plan, the objective or action as it stands, and
where an action may go. Each read says NotFound or NotAllowed before a form opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.core.people import Person
from tracker.core.permissions import may_change_plan
from tracker.core.refusals import NotAllowed, NotFound
from tracker.core.tables import Action, Objective, Plan
from tracker.plan_changes.rules import natural_key


@dataclass(frozen=True)
class PlanPlace:
    id: int
    name: str
    agency_id: int | None
    objectives: tuple[tuple[int, str, str], ...]  # (id, ref, text) in the plan's order

    @property
    def choices(self) -> list[tuple[str, str]]:
        """The objectives as a select's (value, label) pairs."""
        return [
            (str(ident), f"Objective {ref}: {text[:80]}") for ident, ref, text in self.objectives
        ]


@dataclass(frozen=True)
class ObjectiveNow:
    id: int
    ref: str
    text: str
    version: int
    plan: PlanPlace


@dataclass(frozen=True)
class ActionNow:
    id: int
    ref: str
    text: str
    input: str | None
    desired_outcome: str | None
    objective_id: int
    version: int
    withdrawn_on: date | None
    withdrawn_reason: str | None
    plan: PlanPlace


async def plan_place(plan_id: int, person: Person) -> PlanPlace:
    """The plan, if it exists and this person may change it."""
    row = await Plan.select(Plan.id, Plan.name, Plan.agency).where(Plan.id == plan_id).first()
    if row is None:
        raise NotFound(f"There is no plan {plan_id}.")
    if not may_change_plan(person.role, person.agency_ids, row["agency"]):
        raise NotAllowed(f"You cannot change {row['name']}: it is not one of your plans.")
    objectives = await Objective.select(Objective.id, Objective.ref, Objective.text).where(
        Objective.plan == plan_id
    )
    ordered = sorted(objectives, key=lambda o: (natural_key(o["ref"]), o["id"]))
    return PlanPlace(
        row["id"],
        row["name"],
        row["agency"],
        tuple((o["id"], o["ref"], o["text"]) for o in ordered),
    )


async def objective_now(objective_id: int, person: Person) -> ObjectiveNow:
    row = await Objective.select().where(Objective.id == objective_id).first()
    if row is None:
        raise NotFound(f"There is no objective {objective_id}.")
    place = await plan_place(row["plan"], person)
    return ObjectiveNow(row["id"], row["ref"], row["text"], row["version"], place)


async def action_now(action_id: int, person: Person) -> ActionNow:
    row = await Action.select().where(Action.id == action_id).first()
    if row is None:
        raise NotFound(f"There is no action {action_id}.")
    place = await plan_place(row["plan"], person)
    return ActionNow(
        row["id"],
        row["ref"],
        row["text"],
        row["input"],
        row["desired_outcome"],
        row["objective"],
        row["version"],
        row["withdrawn_on"],
        row["withdrawn_reason"],
        place,
    )
