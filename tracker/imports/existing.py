"""Reading what the tracker already holds for the plans a file names."""

from __future__ import annotations

from datetime import date

from tracker.core.tables import Action, Plan, Update
from tracker.imports.changes import ExistingAction
from tracker.plans.status import UpdateRecord, statuses_as_at


async def plan_ids_by_name(strategy_id: int) -> dict[str, int]:
    rows = await Plan.select(Plan.id, Plan.name).where(Plan.strategy == strategy_id)
    return {row["name"]: row["id"] for row in rows}


async def existing_actions(plan_id: int, as_at: date) -> dict[str, ExistingAction]:
    """The plan's actions by ref, each with its status as at `as_at`."""
    actions = await Action.select(
        Action.id,
        Action.version,
        Action.ref,
        Action.objective,
        Action.objective.ref.as_alias("objective_ref"),
        Action.objective.text.as_alias("objective_text"),
        Action.text,
        Action.input,
        Action.desired_outcome,
        Action.lead,
        Action.timeframe,
        Action.due,
        Action.recurring,
    ).where(Action.plan == plan_id)
    updates = await Update.select(
        Update.id, Update.action, Update.rag, Update.progress, Update.as_at, Update.recorded_at
    ).where((Update.action.plan == plan_id) & (Update.as_at <= as_at))
    statuses = statuses_as_at(
        (
            UpdateRecord(
                row["id"],
                row["action"],
                row["rag"],
                row["progress"],
                row["as_at"],
                row["recorded_at"],
            )
            for row in updates
        ),
        as_at,
    )
    found: dict[str, ExistingAction] = {}
    for row in actions:
        status = statuses.get(row["id"])
        found[row["ref"]] = ExistingAction(
            id=row["id"],
            version=row["version"],
            ref=row["ref"],
            objective_id=row["objective"],
            objective_ref=row["objective_ref"],
            objective=row["objective_text"],
            action=row["text"],
            input=row["input"],
            desired_outcome=row["desired_outcome"],
            lead=row["lead"],
            timeframe=row["timeframe"],
            due=row["due"],
            recurring=row["recurring"],
            rag=status.rag if status else None,
            progress=status.progress if status else None,
        )
    return found
