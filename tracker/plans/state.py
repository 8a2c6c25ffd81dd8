"""An action as it stands now: the details a change is checked against and shown beside."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.core.tables import AuditEvent, Update
from tracker.plans.model import ActionAsAt, as_at_values
from tracker.plans.queries import one_action_row
from tracker.plans.status import UpdateRecord


@dataclass(frozen=True)
class LatestUpdate:
    rag: str | None
    progress: str | None
    as_at: date
    recorded_at: datetime
    recorded_by: str
    source: str
    impact: str | None
    evidence_link: str | None


@dataclass(frozen=True, kw_only=True)
class ActionState(ActionAsAt):
    """The action as at today, with the whole of its latest update."""

    latest: LatestUpdate | None


@dataclass(frozen=True)
class ChangeSince:
    """A change made after the version someone's form was based on."""

    kind: str
    actor: str
    occurred_at: datetime
    summary: str
    before: dict[str, Any]
    after: dict[str, Any]


async def action_state(action_id: int, today: date) -> ActionState | None:
    rows = await one_action_row(action_id)
    if not rows:
        return None
    latest = (
        await Update.select()
        .where((Update.action == action_id) & (Update.as_at <= today))
        .order_by(Update.as_at, Update.recorded_at, Update.id, ascending=False)
        .first()
    )
    status = (
        UpdateRecord(
            latest["id"],
            action_id,
            latest["rag"],
            latest["progress"],
            latest["as_at"],
            latest["recorded_at"],
        )
        if latest
        else None
    )
    return ActionState(
        **as_at_values(rows[0], status, today),
        latest=LatestUpdate(
            latest["rag"],
            latest["progress"],
            latest["as_at"],
            latest["recorded_at"],
            latest["recorded_by"],
            latest["source"],
            latest["impact"],
            latest["evidence_link"],
        )
        if latest
        else None,
    )


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    return json.loads(value or "{}")


async def changes_since(action_id: int, version: int) -> list[ChangeSince]:
    """Audited changes of the action that made versions after `version`, oldest first."""
    rows = (
        await AuditEvent.select()
        .where(AuditEvent.action_id == action_id)
        .order_by(AuditEvent.id, ascending=False)
        .limit(20)
    )
    changes = []
    for row in reversed(rows):
        after = _json(row["after"])
        if after.get("version", 0) > version:
            changes.append(
                ChangeSince(
                    row["kind"],
                    row["actor"],
                    row["occurred_at"],
                    row["summary"],
                    _json(row["before"]),
                    after,
                )
            )
    return changes
