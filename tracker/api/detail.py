"""One action for the JSON API: every field, its status as at a day, and its whole history."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from tracker.api.listing import action_item, field_values, status_values
from tracker.api.models import ActionDetail, ActionItem, HistoryItem
from tracker.core.tables import ActionCoreComponent, Update
from tracker.plans.model import action_as_at
from tracker.plans.queries import one_action_row
from tracker.plans.slipping import slipping
from tracker.plans.state import ActionState
from tracker.plans.status import UpdateRecord

_DETAIL = frozenset(field.name for field in fields(ActionDetail))


async def action_detail(action_id: int, as_of: date) -> ActionDetail | None:
    rows = await one_action_row(action_id)
    if not rows:
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
    standing = next((u for u in updates if u["as_at"] <= as_of), None)
    status = (
        UpdateRecord(
            standing["id"],
            action_id,
            standing["rag"],
            standing["progress"],
            standing["as_at"],
            standing["recorded_at"],
        )
        if standing
        else None
    )
    action = action_as_at(rows[0], status, as_of)
    return ActionDetail(
        id=action.id,
        plan_id=action.plan_id,
        plan=action.plan,
        agency=action.agency,
        objective_ref=action.objective_ref,
        objective=action.objective_text,
        **field_values(action, _DETAIL),
        core_components=sorted(component["number"] for component in components),
        **status_values(action),
        history=history,
    )


def state_item(state: ActionState, today: date) -> ActionItem:
    """An action as the recording service left it, in the list's shape, slipping as at `today`."""
    if state.as_at != today:  # read on one day, reported on the next: overdue counts from today
        slip = slipping(
            due=state.due,
            recurring=state.recurring,
            rag=state.rag,
            last_update=state.status_as_at,
            as_at=today,
        )
        state = replace(state, as_at=today, slipping=slip)
    return action_item(state)
