"""An action as it stands now: the details a change is checked against and shown beside."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.core.permissions import ActionScope
from tracker.core.tables import Action, AuditEvent, Update


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


@dataclass(frozen=True)
class ActionState:
    id: int
    ref: str
    text: str
    plan_id: int
    plan: str
    agency_id: int | None
    agency: str | None
    lead: str | None
    timeframe: str | None
    due: date | None
    recurring: str | None
    version: int
    latest: LatestUpdate | None

    @property
    def scope(self) -> ActionScope:
        return ActionScope(self.agency_id, self.lead)

    @property
    def rag(self) -> str | None:
        return self.latest.rag if self.latest else None

    @property
    def details(self) -> dict[str, str | date | None]:
        return {"lead": self.lead, "timeframe": self.timeframe, "due": self.due}


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
    row = (
        await Action.select(
            Action.id,
            Action.ref,
            Action.text,
            Action.lead,
            Action.timeframe,
            Action.due,
            Action.recurring,
            Action.version,
            Action.plan.id.as_alias("plan_id"),
            Action.plan.name.as_alias("plan"),
            Action.plan._.agency._.id.as_alias("agency_id"),
            Action.plan._.agency._.name.as_alias("agency"),
        )
        .where(Action.id == action_id)
        .first()
    )
    if row is None:
        return None
    latest = (
        await Update.select()
        .where((Update.action == action_id) & (Update.as_at <= today))
        .order_by(Update.as_at, Update.recorded_at, Update.id, ascending=False)
        .first()
    )
    return ActionState(
        id=row["id"],
        ref=row["ref"],
        text=row["text"],
        plan_id=row["plan_id"],
        plan=row["plan"],
        agency_id=row["agency_id"],
        agency=row["agency"],
        lead=row["lead"],
        timeframe=row["timeframe"],
        due=row["due"],
        recurring=row["recurring"],
        version=row["version"],
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
