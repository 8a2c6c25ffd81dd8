"""Reading what the tracker already holds for the plans a file names."""

from __future__ import annotations

from datetime import date

from tracker.core.tables import Action, Plan, Update
from tracker.imports.changes import ExistingAction
from tracker.plans.queries import actions_as_at


async def plan_ids_by_name(strategy_id: int) -> dict[str, int]:
    rows = await Plan.select(Plan.id, Plan.name).where(Plan.strategy == strategy_id)
    return {row["name"]: row["id"] for row in rows}


async def existing_actions(plan_id: int, as_at: date) -> dict[str, ExistingAction]:
    """The plan's actions by ref, each with its status as at `as_at`, named as a return names
    them (tracker.imports.changes)."""
    impacts = await _latest_impacts(plan_id, as_at)
    return {
        action.ref: ExistingAction(
            id=action.id,
            version=action.version,
            ref=action.ref,
            objective_id=action.objective_id,
            objective_ref=action.objective_ref,
            objective=action.objective_text,
            action=action.text,
            input=action.input,
            desired_outcome=action.desired_outcome,
            lead=action.lead,
            timeframe=action.timeframe,
            due=action.due,
            recurring=action.recurring,
            rag=action.rag,
            progress=action.progress,
            impact=impacts.get(action.id),
        )
        for action in await actions_as_at(as_at, plan_id=plan_id, order_by=(Action.id,))
    }


async def _latest_impacts(plan_id: int, as_at: date) -> dict[int, str]:
    """Each action's latest evidence of impact on or before `as_at`: a return giving the
    same again is no change."""
    rows = (
        await Update.select(Update.action, Update.impact)
        .where(
            (Update.action._.plan == plan_id)
            & (Update.as_at <= as_at)
            & Update.impact.is_not_null()
        )
        .order_by(Update.as_at, Update.id)
    )
    return {row["action"]: row["impact"] for row in rows}  # the latest wins
