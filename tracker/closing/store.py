"""Closing a strategy and carrying its open actions into a later one: each all or nothing,
audited."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from asyncpg.exceptions import UniqueViolationError

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.closing.queries import (
    StrategyRow,
    closing_actions,
    last_quarter_returns,
    strategy_by_id,
)
from tracker.closing.rules import carry_refusal, close_refusal, due_dates, target_refusal
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.refusals import Conflict, InvalidInput
from tracker.core.tables import Action, Objective, Plan, Strategy
from tracker.core.transactions import write_transaction

_TAKEN = (sqlite3.IntegrityError, UniqueViolationError)
ALREADY_CARRIED = "One of those actions was carried over meanwhile: nothing was carried."


class NotClosable(Conflict):
    """The strategy cannot close yet: the message names the returns still to be accepted."""


class NotCarried(Conflict):
    """The actions chosen cannot be carried: the message says why; nothing was carried."""


def _db() -> Any:
    return Strategy._meta.db


async def close_strategy(strategy_id: int, *, by: str, client: str = "") -> StrategyRow:
    async with write_transaction(_db()):
        strategy = await strategy_by_id(strategy_id)
        refusal = close_refusal(
            strategy.name,
            strategy.last_quarter,
            await last_quarter_returns(strategy),
            strategy.closed,
        )
        if refusal:
            raise NotClosable(refusal)
        closed_at = clock.now()
        await Strategy.update({Strategy.closed_at: closed_at, Strategy.closed_by: by}).where(
            Strategy.id == strategy_id
        )
        await append(
            AuditKind.STRATEGY_CLOSED,
            by,
            subject=strategy.name,
            summary=f"{strategy.name} closed: it is read only from now on",
            before={"strategy": strategy.id, "closed": False},
            after={"strategy": strategy.id, "closed": True, "closed_at": closed_at},
            client=client,
        )
    return await strategy_by_id(strategy_id)


@dataclass(frozen=True)
class Carried:
    old_id: int
    new_id: int
    ref: str


async def _target_plan(target_id: int, row: dict[str, Any]) -> int:
    """The target strategy's plan for the same agency and kind, made if missing."""
    agency = Plan.agency.is_null() if row["agency"] is None else Plan.agency == row["agency"]
    found = (
        await Plan.select(Plan.id)
        .where((Plan.strategy == target_id) & (Plan.kind == row["kind"]) & agency)
        .order_by(Plan.id)
        .first()
    )
    if found:
        return int(found["id"])
    made = await Plan.insert(
        Plan(strategy=target_id, name=row["plan"], kind=row["kind"], agency=row["agency"])
    ).returning(Plan.id)
    return int(made[0]["id"])


async def _target_objective(plan_id: int, row: dict[str, Any]) -> tuple[int, str]:
    """The plan's objective with the same text, made (numbered next) if missing."""
    objectives = await Objective.select(Objective.id, Objective.ref, Objective.text).where(
        Objective.plan == plan_id
    )
    for objective in objectives:
        if objective["text"].strip() == row["objective_text"].strip():
            return int(objective["id"]), objective["ref"]
    ref = str(len(objectives) + 1)
    made = await Objective.insert(
        Objective(plan=plan_id, ref=ref, text=row["objective_text"], position=len(objectives) + 1)
    ).returning(Objective.id)
    return int(made[0]["id"]), ref


async def _carry_one(target_id: int, row: dict[str, Any], due: date | None) -> tuple[int, str]:
    plan_id = await _target_plan(target_id, row)
    objective_id, objective_ref = await _target_objective(plan_id, row)
    siblings = await Action.count().where(Action.objective == objective_id)
    in_plan = await Action.count().where(Action.plan == plan_id)
    ref = f"{objective_ref}.{siblings + 1}"
    made = await Action.insert(
        Action(
            plan=plan_id,
            objective=objective_id,
            ref=ref,
            position=in_plan + 1,
            text=row["text"],
            input=row["input"],
            desired_outcome=row["desired_outcome"],
            lead=row["lead"],
            timeframe=row["timeframe"],
            due=due,
            recurring=row["recurring"],
            created_at=clock.now(),
            added_on=clock.today(),
            carried_from=row["id"],
        )
    ).returning(Action.id)
    return int(made[0]["id"]), ref


async def _sources(action_ids: Sequence[int]) -> list[dict[str, Any]]:
    return (
        await Action.select(
            Action.id,
            Action.ref,
            Action.text,
            Action.input,
            Action.desired_outcome,
            Action.lead,
            Action.timeframe,
            Action.recurring,
            Action.plan.name.as_alias("plan"),
            Action.plan.kind.as_alias("kind"),
            Action.plan.agency.as_alias("agency"),
            Action.objective.text.as_alias("objective_text"),
        )
        .where(Action.id.is_in(list(action_ids) or [0]))
        .order_by(Action.plan, Action.position, Action.id)
    )


async def carry_actions(
    source_id: int,
    target_id: int,
    action_ids: Sequence[int],
    *,
    by: str,
    dues: Mapping[int, str] | None = None,
    client: str = "",
) -> tuple[Carried, ...]:
    """Create each chosen open action of the closed source strategy in the target one,
    linked to its predecessor, due on the day typed for it in `dues` (none: no due date);
    nothing when any one of them cannot be carried."""
    try:
        return await _carry(source_id, target_id, action_ids, by=by, dues=dues or {}, client=client)
    except _TAKEN as taken:  # carried by someone else between our check and our insert
        raise NotCarried(ALREADY_CARRIED) from taken


async def _carry(
    source_id: int,
    target_id: int,
    action_ids: Sequence[int],
    *,
    by: str,
    dues: Mapping[int, str],
    client: str,
) -> tuple[Carried, ...]:
    if target_id < 1:
        raise NotCarried("Choose the strategy to carry the actions into.")
    async with write_transaction(_db()):
        source = await strategy_by_id(source_id)
        target = await strategy_by_id(target_id)
        if not source.closed:
            raise NotCarried(f"{source.name} is still open: close it before carrying work over.")
        refusal = target_refusal(source.ends, target.starts, target.closed, source.id == target.id)
        if refusal:
            raise NotCarried(refusal)
        await refuse_if_closed(strategy_id=target.id)
        candidates = {
            action.id: action.candidate
            for plan in await closing_actions(source)
            for action in plan.actions
        }
        refusal = carry_refusal(action_ids, candidates, source.name)
        if refusal:
            raise NotCarried(refusal)
        due_on, problems = due_dates(
            dict(dues), action_ids, {key: item.ref for key, item in candidates.items()}
        )
        if problems:
            raise InvalidInput(problems)
        carried = []
        for row in await _sources(sorted(set(action_ids))):
            new_id, ref = await _carry_one(target.id, row, due_on.get(row["id"]))
            carried.append(Carried(row["id"], new_id, ref))
            await append(
                AuditKind.ACTION_CARRIED,
                by,
                subject=f"Action {ref}: carried over from {source.name} {row['ref']}",
                summary=f"{row['plan']} action {row['ref']} of {source.name} carried into "
                f"{target.name} as action {ref}",
                action_id=new_id,
                before={"strategy": source.name, "action": row["id"], "ref": row["ref"]},
                after={
                    "strategy": target.name,
                    "action": new_id,
                    "ref": ref,
                    "due": due_on.get(row["id"]),
                },
                client=client,
            )
    return tuple(carried)
