"""One action with every field and its whole update history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.core.tables import Action, ActionCoreComponent, AuditEvent, Update
from tracker.plans.action_row import ActionRow, action_row
from tracker.plans.status import UpdateRecord, status_as_at
from tracker.updates.store import FIELD_NAMES


@dataclass(frozen=True)
class HistoryEntry:
    rag: str | None
    progress: str | None
    as_at: date
    recorded_at: datetime
    recorded_by: str
    source: str
    impact: str | None = None
    evidence_link: str | None = None


@dataclass(frozen=True)
class DetailChange:
    """An edit of lead, time-frame or due date, from the audit trail."""

    occurred_at: datetime
    actor: str
    fields: tuple[tuple[str, Any, Any], ...]  # (field, before, after)


@dataclass(frozen=True)
class ActionView:
    action: ActionRow
    plan_id: int
    plan: str
    objective_ref: str
    objective: str
    core_components: tuple[tuple[int, str], ...]
    history: tuple[HistoryEntry, ...]
    agency_id: int | None = None
    detail_changes: tuple[DetailChange, ...] = ()
    suggested_components: frozenset[int] = frozenset()  # guessed by the importer, unconfirmed


async def action_view(action_id: int, as_at: date) -> ActionView | None:
    action = (
        await Action.select(
            *Action.all_columns(),
            Action.plan.name.as_alias("plan_name"),
            Action.objective.ref.as_alias("objective_ref"),
            Action.objective.text.as_alias("objective_text"),
            Action.plan.agency.as_alias("agency_id"),
        )
        .where(Action.id == action_id)
        .first()
    )
    if action is None:
        return None
    components = await ActionCoreComponent.select(
        ActionCoreComponent.core_component.number.as_alias("number"),
        ActionCoreComponent.core_component.text.as_alias("text"),
        ActionCoreComponent.suggested,
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
    return ActionView(
        action=action_row(action, status, as_at),
        plan_id=action["plan"],
        plan=action["plan_name"],
        objective_ref=action["objective_ref"],
        objective=action["objective_text"],
        core_components=tuple(sorted((row["number"], row["text"]) for row in components)),
        history=tuple(
            HistoryEntry(
                u["rag"],
                u["progress"],
                u["as_at"],
                u["recorded_at"],
                u["recorded_by"],
                u["source"],
                u["impact"],
                u["evidence_link"],
            )
            for u in history
        ),
        agency_id=action["agency_id"],
        detail_changes=await detail_changes(action_id),
        suggested_components=frozenset(row["number"] for row in components if row["suggested"]),
    )


async def detail_changes(action_id: int) -> tuple[DetailChange, ...]:
    rows = (
        await AuditEvent.select(
            AuditEvent.occurred_at, AuditEvent.actor, AuditEvent.before, AuditEvent.after
        )
        .where((AuditEvent.action_id == action_id) & (AuditEvent.kind == AuditKind.EDIT.value))
        .order_by(AuditEvent.id, ascending=False)
    )
    changes = []
    for row in rows:
        before, after = json.loads(row["before"]), json.loads(row["after"])
        fields = tuple(
            (FIELD_NAMES.get(name, name), before.get(name), value)
            for name, value in after.items()
            if name != "version"
        )
        changes.append(DetailChange(row["occurred_at"], row["actor"], fields))
    return tuple(changes)
