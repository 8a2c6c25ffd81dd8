"""One action with every field and its whole update history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.db.tables import Action, ActionCoreComponent, Update
from tracker.domain.overdue import days_overdue
from tracker.domain.status import UpdateRecord, status_as_at


@dataclass(frozen=True)
class HistoryEntry:
    rag: str | None
    progress: str | None
    as_at: date
    recorded_at: datetime
    recorded_by: str
    source: str


@dataclass(frozen=True)
class ActionView:
    id: int
    ref: str
    plan_id: int
    plan: str
    objective_ref: str
    objective: str
    text: str
    input: str | None
    desired_outcome: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    core_components: tuple[tuple[int, str], ...]
    rag: str | None
    progress: str | None
    status_as_at: date | None
    days_overdue: int
    history: tuple[HistoryEntry, ...]


async def action_view(action_id: int, as_at: date) -> ActionView | None:
    action = (
        await Action.select(
            *Action.all_columns(),
            Action.plan.name.as_alias("plan_name"),
            Action.objective.ref.as_alias("objective_ref"),
            Action.objective.text.as_alias("objective_text"),
        )
        .where(Action.id == action_id)
        .first()
    )
    if action is None:
        return None
    components = await ActionCoreComponent.select(
        ActionCoreComponent.core_component.number.as_alias("number"),
        ActionCoreComponent.core_component.text.as_alias("text"),
    ).where(ActionCoreComponent.action == action_id)
    updates = await Update.select().where(Update.action == action_id)
    history = sorted(updates, key=lambda u: (u["as_at"], u["recorded_at"], u["id"]), reverse=True)
    status = status_as_at(
        (
            UpdateRecord(u["id"], action_id, u["rag"], u["progress"], u["as_at"], u["recorded_at"])
            for u in updates
        ),
        as_at,
    )
    rag = status.rag if status else None
    return ActionView(
        id=action["id"],
        ref=action["ref"],
        plan_id=action["plan"],
        plan=action["plan_name"],
        objective_ref=action["objective_ref"],
        objective=action["objective_text"],
        text=action["text"],
        input=action["input"],
        desired_outcome=action["desired_outcome"],
        lead=action["lead"],
        timeframe=action["timeframe"],
        due=action["due"],
        recurring=action["recurring"],
        core_components=tuple(sorted((row["number"], row["text"]) for row in components)),
        rag=rag,
        progress=status.progress if status else None,
        status_as_at=status.as_at if status else None,
        days_overdue=days_overdue(action["due"], action["recurring"], rag, as_at),
        history=tuple(
            HistoryEntry(
                u["rag"], u["progress"], u["as_at"], u["recorded_at"], u["recorded_by"], u["source"]
            )
            for u in history
        ),
    )
