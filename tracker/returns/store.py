"""Reading returns' states and deadlines, and starting a draft. Writers hold the transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.dates import Quarter, format_date
from tracker.core.refusals import Conflict
from tracker.core.tables import Plan, PlanReturn, QuarterDeadline, ReturnStep
from tracker.returns.rules import ReturnState, default_deadline


class ReturnAccepted(Conflict):
    """The plan's return for the quarter is accepted: its figures cannot change."""


async def accepted_quarters(plan_id: int) -> frozenset[Quarter]:
    rows = await PlanReturn.select(PlanReturn.quarter).where(
        (PlanReturn.plan == plan_id) & (PlanReturn.state == ReturnState.ACCEPTED.value)
    )
    return frozenset(Quarter.parse(row["quarter"]) for row in rows)


async def return_states(quarter: Quarter, plan_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Plan id -> stored state for the quarter; plans missing have not started."""
    query = PlanReturn.select(PlanReturn.plan, PlanReturn.state).where(
        PlanReturn.quarter == quarter.slug
    )
    if plan_ids is not None:
        query = query.where(PlanReturn.plan.is_in(list(plan_ids) or [0]))
    return {row["plan"]: row["state"] for row in await query}


async def return_state(plan_id: int, quarter: Quarter) -> ReturnState:
    states = await return_states(quarter, [plan_id])
    return ReturnState(states.get(plan_id, ReturnState.NOT_STARTED.value))


async def deadline_for(
    quarter: Quarter, strategy_id: int | None = None, *, plan_id: int | None = None
) -> date:
    """The quarter's deadline in strategy `strategy_id` (or plan `plan_id`'s strategy);
    given neither, any strategy's."""
    if plan_id is not None:
        owner = await Plan.select(Plan.strategy).where(Plan.id == plan_id).first()
        strategy_id = owner["strategy"] if owner else None
    query = QuarterDeadline.select(QuarterDeadline.deadline).where(
        QuarterDeadline.quarter == quarter.slug
    )
    if strategy_id is not None:
        query = query.where(QuarterDeadline.strategy == strategy_id)
    row = await query.first()
    return row["deadline"] if row else default_deadline(quarter)


async def ensure_draft(
    plan_id: int,
    plan_name: str,
    quarter: Quarter,
    *,
    actor: str,
    import_id: int | None = None,
    reason: str | None = None,
) -> int:
    """The plan's return for the quarter, started as a draft if there was none.

    An import that fills it is remembered; `reason` says on the first step what started
    it otherwise. Refused with ReturnAccepted once accepted.
    """
    row = (
        await PlanReturn.select(PlanReturn.id, PlanReturn.state, PlanReturn.accepted_at)
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter.slug))
        .first()
    )
    if row is not None:
        if row["state"] == ReturnState.ACCEPTED.value:
            raise ReturnAccepted(accepted_message(plan_name, quarter, row["accepted_at"]))
        if import_id is not None:
            await PlanReturn.update({PlanReturn.import_record: import_id}).where(
                PlanReturn.id == row["id"]
            )
        return int(row["id"])
    now = clock.now()
    # Another writer may start it at the same moment: then it is theirs, found again.
    created = (
        await PlanReturn.insert(
            PlanReturn(
                plan=plan_id,
                quarter=quarter.slug,
                state=ReturnState.DRAFT.value,
                started_at=now,
                import_record=import_id,
            )
        )
        .on_conflict(action="DO NOTHING")
        .returning(PlanReturn.id)
    )
    if not created:
        return await ensure_draft(
            plan_id, plan_name, quarter, actor=actor, import_id=import_id, reason=reason
        )
    return_id = int(created[0]["id"])
    await ReturnStep.insert(
        ReturnStep(
            plan_return=return_id,
            state=ReturnState.DRAFT.value,
            actor=actor,
            occurred_at=now,
            comment=f"Filled by import {import_id}" if import_id else reason,
        )
    )
    return return_id


def accepted_message(plan_name: str, quarter: Quarter, accepted_at: datetime | None) -> str:
    when = f" on {format_date(accepted_at.date())}" if accepted_at else ""
    return (
        f"The {quarter.label} return of {plan_name} was accepted{when}: its figures are "
        f"locked. Date the changes in {quarter.next().label} or later."
    )


async def submit_imported(
    plan_id: int, plan_name: str, quarter: Quarter, *, actor: str, import_id: int, on_behalf: bool
) -> None:
    """An imported return submitted as the officer confirmed it (the default): the plan's
    draft becomes submitted, a returned one resubmitted; one already with the chairs stays.
    The caller holds the transaction (the import's) and has started the draft."""
    row = (
        await PlanReturn.select(PlanReturn.id, PlanReturn.state, PlanReturn.version)
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter.slug))
        .first()
    )
    if row is None or row["state"] not in (ReturnState.DRAFT.value, ReturnState.RETURNED.value):
        return
    before = ReturnState(row["state"])
    after = ReturnState.SUBMITTED if before is ReturnState.DRAFT else ReturnState.RESUBMITTED
    now = clock.now()
    await PlanReturn.update(
        {
            PlanReturn.state: after.value,
            PlanReturn.submitted_at: now,
            PlanReturn.submitted_by: actor,
            PlanReturn.on_behalf: on_behalf,
            PlanReturn.version: row["version"] + 1,
        }
    ).where(PlanReturn.id == row["id"])
    await ReturnStep.insert(
        ReturnStep(
            plan_return=row["id"],
            state=after.value,
            actor=actor,
            occurred_at=now,
            comment=f"Submitted by import {import_id}",
            on_behalf=on_behalf,
        )
    )
    await append(
        AuditKind.RETURN_SUBMITTED,
        actor,
        subject=f"{quarter.label} return, {plan_name}",
        summary=f"{before.label} → {after.label} (by import {import_id})",
        before={"plan": plan_id, "quarter": quarter.slug, "state": before.value},
        after={"plan": plan_id, "quarter": quarter.slug, "state": after.value, "import": import_id},
    )
