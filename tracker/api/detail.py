"""One action for the JSON API: every field, its status as at a day, and its whole history."""

from __future__ import annotations

from datetime import date

from tracker.api.models import ActionDetail, ActionItem, HistoryItem
from tracker.core.tables import Action, ActionCoreComponent, Update
from tracker.plans.slipping import slipping
from tracker.plans.state import ActionState


async def action_detail(action_id: int, as_of: date) -> ActionDetail | None:
    row = (
        await Action.select(
            *Action.all_columns(),
            Action.plan.name.as_alias("plan_name"),
            Action.plan._.agency._.name.as_alias("agency_name"),
            Action.objective.ref.as_alias("objective_ref"),
            Action.objective.text.as_alias("objective_text"),
        )
        .where(Action.id == action_id)
        .first()
    )
    if row is None:
        return None
    components = await ActionCoreComponent.select(
        ActionCoreComponent.core_component.number.as_alias("number")
    ).where(ActionCoreComponent.action == action_id)
    updates = sorted(
        await Update.select().where(Update.action == action_id),
        key=lambda u: (u["as_at"], u["recorded_at"], u["id"]),
        reverse=True,
    )
    history = [
        HistoryItem(
            u["rag"],
            u["progress"],
            u["as_at"],
            u["recorded_at"],
            u["recorded_by"],
            u["source"],
            u["impact"],
            u["evidence_link"],
        )
        for u in updates
    ]
    status = next((entry for entry in history if entry.as_at <= as_of), None)
    rag = status.rag if status else None
    slip = slipping(
        due=row["due"],
        recurring=row["recurring"],
        rag=rag,
        last_update=status.as_at if status else None,
        as_at=as_of,
    )
    return ActionDetail(
        id=row["id"],
        plan_id=row["plan"],
        plan=row["plan_name"],
        agency=row["agency_name"],
        objective_ref=row["objective_ref"],
        objective=row["objective_text"],
        ref=row["ref"],
        action=row["text"],
        input=row["input"],
        desired_outcome=row["desired_outcome"],
        lead=row["lead"],
        timeframe=row["timeframe"],
        due=row["due"],
        recurring=row["recurring"],
        core_components=sorted(component["number"] for component in components),
        rag=rag,
        progress=status.progress if status else None,
        as_at=status.as_at if status else None,
        overdue=slip.overdue,
        days_overdue=slip.days_overdue,
        due_soon=slip.due_soon,
        stale=slip.stale,
        version=row["version"],
        history=history,
    )


def state_item(state: ActionState, today: date) -> ActionItem:
    """An action as the recording service left it, in the list's shape."""
    latest = state.latest
    slip = slipping(
        due=state.due,
        recurring=state.recurring,
        rag=state.rag,
        last_update=latest.as_at if latest else None,
        as_at=today,
    )
    return ActionItem(
        id=state.id,
        plan_id=state.plan_id,
        plan=state.plan,
        agency=state.agency,
        ref=state.ref,
        action=state.text,
        lead=state.lead,
        timeframe=state.timeframe,
        due=state.due,
        recurring=state.recurring,
        rag=state.rag,
        progress=latest.progress if latest else None,
        as_at=latest.as_at if latest else None,
        overdue=slip.overdue,
        days_overdue=slip.days_overdue,
        due_soon=slip.due_soon,
        stale=slip.stale,
        version=state.version,
    )
