"""Loading actions' statuses as at a day, in one query whatever their number."""

from __future__ import annotations

from datetime import date

from tracker.db.tables import Update
from tracker.domain.status import UpdateRecord, statuses_as_at

_COLUMNS = (Update.id, Update.action, Update.rag, Update.progress, Update.as_at, Update.recorded_at)


def _record(row: dict) -> UpdateRecord:
    return UpdateRecord(
        row["id"], row["action"], row["rag"], row["progress"], row["as_at"], row["recorded_at"]
    )


async def statuses(
    as_at: date, *, plan_id: int | None = None, action_id: int | None = None
) -> dict[int, UpdateRecord]:
    """Each action's latest update on or before `as_at`: in one plan, of one action, or all."""
    query = Update.select(*_COLUMNS).where(Update.as_at <= as_at)
    if plan_id is not None:
        query = query.where(Update.action.plan == plan_id)
    if action_id is not None:
        query = query.where(Update.action == action_id)
    return statuses_as_at((_record(row) for row in await query), as_at)


async def all_updates(as_at: date) -> list[UpdateRecord]:
    """Every update dated on or before `as_at`, for working out statuses on several days."""
    return [_record(row) for row in await Update.select(*_COLUMNS).where(Update.as_at <= as_at)]
