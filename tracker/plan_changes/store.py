"""Writing a plan's changes: each all-or-nothing, versioned, and in the audit trail.

Every change is made on a version of the objective or action (the one its form
showed); inside one write transaction the version is bumped only if it is still
that one, so of two people pressing the same button at once exactly one wins and
the other is told, with nothing written. Refs stay unique in their plan (the
(plan, ref) indexes say so too) and the plan keeps its refs' natural order.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from asyncpg.exceptions import UniqueViolationError

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.people import Person
from tracker.core.permissions import may_change_plan
from tracker.core.personal_data.check import FlaggedField, guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import Conflict, InvalidInput, NotAllowed, NotFound
from tracker.core.tables import Action, Objective, Plan
from tracker.core.transactions import write_transaction
from tracker.plan_changes.rules import (
    ActionWordingForm,
    NewActionForm,
    ObjectiveForm,
    changed,
    check_new_action,
    check_objective,
    check_wording,
    in_natural_order,
    ref_taken,
)

_TAKEN = (sqlite3.IntegrityError, UniqueViolationError)


class StaleChange(Conflict):
    """The objective or action moved on since the form was shown: nothing was saved."""


@dataclass(frozen=True)
class PlanOf:
    id: int
    name: str
    agency_id: int | None


async def _plan(plan_id: int) -> PlanOf:
    row = await Plan.select(Plan.id, Plan.name, Plan.agency).where(Plan.id == plan_id).first()
    if row is None:
        raise NotFound(f"There is no plan {plan_id}.")
    return PlanOf(row["id"], row["name"], row["agency"])


def _may_change(person: Person, plan: PlanOf) -> None:
    if not may_change_plan(person.role, person.agency_ids, plan.agency_id):
        raise NotAllowed(f"You cannot change {plan.name}: it is not one of your plans.")


async def _objective_row(objective_id: int) -> dict[str, Any]:
    row = await Objective.select().where(Objective.id == objective_id).first()
    if row is None:
        raise NotFound(f"There is no objective {objective_id}.")
    return row


async def _action_row(action_id: int) -> dict[str, Any]:
    row = await Action.select().where(Action.id == action_id).first()
    if row is None:
        raise NotFound(f"There is no action {action_id}.")
    return row


async def _ref_free(
    table: type[Objective] | type[Action], plan_id: int, ref: str, own: int
) -> None:
    clash = await table.exists().where(
        (table.plan == plan_id) & (table.ref == ref) & (table.id != own)
    )
    if clash:
        what = "objective" if table is Objective else "action"
        raise InvalidInput({"ref": ref_taken(what, ref)})


async def claim(table: type[Objective] | type[Action], row_id: int, seen: int, what: str) -> None:
    """The next version, or StaleChange: atomic on both databases."""
    bumped = (
        await table.update({table.version: seen + 1})
        .where((table.id == row_id) & (table.version == seen))
        .returning(table.id)
    )
    if not bumped:
        raise StaleChange(
            f"{what} was changed by someone else since you opened this page. Nothing was saved: "
            "look at it again, then make your change."
        )


async def keep_natural_order(plan_id: int) -> None:
    """Number the plan's objectives, then its actions (objective by objective), by their refs."""
    objectives = await Objective.select(Objective.id, Objective.ref).where(
        Objective.plan == plan_id
    )
    placed = in_natural_order((row["id"], row["ref"]) for row in objectives)
    for position, objective_id in enumerate(placed):
        await Objective.update({Objective.position: position}).where(Objective.id == objective_id)
    order = {objective_id: place for place, objective_id in enumerate(placed)}
    actions = await Action.select(Action.id, Action.ref, Action.objective).where(
        Action.plan == plan_id
    )
    by_objective = sorted(
        actions, key=lambda row: order.get(row["objective"], len(order))
    )  # stable: refs decide within an objective
    position = 0
    for objective_id in placed:
        mine = [(row["id"], row["ref"]) for row in by_objective if row["objective"] == objective_id]
        for action_id in in_natural_order(mine):
            await Action.update({Action.position: position}).where(Action.id == action_id)
            position += 1


def guarded(texts: dict[str, tuple[str, str | None]], confirmed: bool) -> tuple[FlaggedField, ...]:
    return guard(texts, confirmed=confirmed)


async def record_flagged(
    flagged: tuple[FlaggedField, ...],
    table: str,
    record_id: int,
    person: Person,
    subject: str,
    action_id: int | None = None,
) -> None:
    await record_flags(
        flagged,
        record_table=table,
        record_id=record_id,
        confirmed_by=person.email,
        action_id=action_id,
        subject=subject,
    )


def _clash_as_refusal(what: str, ref: str) -> InvalidInput:
    return InvalidInput({"ref": ref_taken(what, ref)})


async def add_objective(
    plan_id: int, form: ObjectiveForm, *, person: Person, client: str = "", confirmed: bool = False
) -> int:
    check = check_objective(form)
    if check.change is None:
        raise InvalidInput(check.problems)
    change = check.change
    try:
        async with write_transaction(Objective._meta.db):
            plan = await _plan(plan_id)
            _may_change(person, plan)
            await refuse_if_closed(plan_id=plan_id)
            await _ref_free(Objective, plan_id, change.ref, 0)
            flagged = guarded({"text": ("Objective", change.text)}, confirmed)
            [row] = await Objective.insert(
                Objective(plan=plan_id, ref=change.ref, text=change.text, version=1)
            ).returning(Objective.id)
            await keep_natural_order(plan_id)
            subject = f"Objective {change.ref}, {plan.name}"
            await record_flagged(flagged, "objective", row["id"], person, subject)
            await append(
                AuditKind.OBJECTIVE_ADDED,
                person.email,
                subject=subject,
                summary=f"Added objective {change.ref}",
                before={},
                after={**change.values(), "objective_id": row["id"], "version": 1},
                client=client,
            )
    except _TAKEN as clash:
        raise _clash_as_refusal("objective", change.ref) from clash
    return int(row["id"])


async def change_objective(
    objective_id: int,
    form: ObjectiveForm,
    *,
    version: int,
    person: Person,
    client: str = "",
    confirmed: bool = False,
) -> bool:
    """Reword or renumber an objective; False when nothing differed."""
    check = check_objective(form)
    if check.change is None:
        raise InvalidInput(check.problems)
    change = check.change
    try:
        async with write_transaction(Objective._meta.db):
            current = await _objective_row(objective_id)
            plan = await _plan(current["plan"])
            _may_change(person, plan)
            await refuse_if_closed(plan_id=plan.id)
            if current["version"] != version:
                await claim(Objective, objective_id, version, f"Objective {current['ref']}")
            before, after = changed(current, change.values())
            if not after:
                return False
            await _ref_free(Objective, plan.id, change.ref, objective_id)
            flagged = guarded({"text": ("Objective", change.text)}, confirmed)
            await claim(Objective, objective_id, version, f"Objective {current['ref']}")
            await Objective.update(
                {getattr(Objective, name): value for name, value in after.items()}
            ).where(Objective.id == objective_id)
            if "ref" in after:
                await keep_natural_order(plan.id)
            subject = f"Objective {change.ref}, {plan.name}"
            await record_flagged(flagged, "objective", objective_id, person, subject)
            await append(
                AuditKind.OBJECTIVE_CHANGED,
                person.email,
                subject=subject,
                summary="Changed the objective's " + " and ".join(after),
                before={**before, "objective_id": objective_id, "version": version},
                after={**after, "objective_id": objective_id, "version": version + 1},
                client=client,
            )
    except _TAKEN as clash:
        raise _clash_as_refusal("objective", change.ref) from clash
    return True


async def _objective_ref(objective_id: Any) -> str:
    row = await Objective.select(Objective.ref).where(Objective.id == objective_id).first()
    return f"Objective {row['ref']}" if row else str(objective_id)


async def _plan_objectives(plan_id: int) -> list[int]:
    rows = await Objective.select(Objective.id).where(Objective.plan == plan_id)
    return [row["id"] for row in rows]


_ACTION_TEXTS = {"text": "Action", "input": "Input", "desired_outcome": "Desired outcome"}


def _texts(values: dict[str, Any]) -> dict[str, tuple[str, str | None]]:
    return {name: (label, values.get(name)) for name, label in _ACTION_TEXTS.items()}


async def add_action(
    plan_id: int,
    form: NewActionForm,
    *,
    person: Person,
    client: str = "",
    confirmed: bool = False,
) -> int:
    """A new action of one of the plan's objectives (the form's `objective`)."""
    plan = await _plan(plan_id)
    _may_change(person, plan)
    check = check_new_action(form, await _plan_objectives(plan_id))
    if check.change is None:
        raise InvalidInput(check.problems)
    new = check.change
    values = new.values()
    try:
        async with write_transaction(Action._meta.db):
            await refuse_if_closed(plan_id=plan_id)
            await _ref_free(Action, plan_id, new.wording.ref, 0)
            flagged = guarded(_texts(values), confirmed)
            fields: dict[str, Any] = {
                name: value for name, value in values.items() if name != "objective"
            }
            [row] = await Action.insert(
                Action(
                    plan=plan_id,
                    objective=new.wording.objective_id,
                    created_at=clock.now(),
                    added_on=clock.today(),
                    version=1,
                    **fields,
                )
            ).returning(Action.id)
            action_id = int(row["id"])
            await keep_natural_order(plan_id)
            subject = f"Action {new.wording.ref}, {plan.name}"
            await record_flagged(flagged, "action", action_id, person, subject, action_id)
            await append(
                AuditKind.ACTION_ADDED,
                person.email,
                subject=subject,
                action_id=action_id,
                summary=f"Added action {new.wording.ref}",
                before={},
                after={**values, "version": 1},
                client=client,
            )
    except _TAKEN as clash:
        raise _clash_as_refusal("action", new.wording.ref) from clash
    return action_id


async def changeable_action(action_id: int, person: Person, version: int) -> tuple[dict, PlanOf]:
    current = await _action_row(action_id)
    plan = await _plan(current["plan"])
    _may_change(person, plan)
    await refuse_if_closed(plan_id=plan.id)
    if current["version"] != version:
        await claim(Action, action_id, version, f"Action {current['ref']}")
    return current, plan


async def reword_action(
    action_id: int,
    form: ActionWordingForm,
    *,
    version: int,
    person: Person,
    client: str = "",
    confirmed: bool = False,
) -> bool:
    """Reword, renumber or move an action to another objective of its plan; False when
    nothing differed."""
    row = await _action_row(action_id)
    check = check_wording(form, await _plan_objectives(row["plan"]))
    if check.change is None:
        raise InvalidInput(check.problems)
    wording = check.change
    try:
        async with write_transaction(Action._meta.db):
            current, plan = await changeable_action(action_id, person, version)
            before, after = changed(current, wording.values())
            if not after:
                return False
            await _ref_free(Action, plan.id, wording.ref, action_id)
            flagged = guarded(
                {name: text for name, text in _texts(after).items() if name in after}, confirmed
            )
            await claim(Action, action_id, version, f"Action {current['ref']}")
            await Action.update(
                {getattr(Action, name): value for name, value in after.items()}
            ).where(Action.id == action_id)
            if "ref" in after or "objective" in after:
                await keep_natural_order(plan.id)
            if "objective" in after:  # audited by its ref, as people know it
                before["objective"] = await _objective_ref(before["objective"])
                after["objective"] = await _objective_ref(after["objective"])
            subject = f"Action {wording.ref}, {plan.name}"
            await record_flagged(flagged, "action", action_id, person, subject, action_id)
            await append(
                AuditKind.ACTION_REWORDED,
                person.email,
                subject=subject,
                action_id=action_id,
                summary="Changed the action's " + ", ".join(after),
                before={**before, "version": version},
                after={**after, "version": version + 1},
                client=client,
            )
    except _TAKEN as clash:
        raise _clash_as_refusal("action", wording.ref) from clash
    return True
