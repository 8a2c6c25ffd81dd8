"""Loading actions' statuses as at a day, in one query whatever their number."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tracker.core.tables import Update
from tracker.plans.status import UpdateRecord, statuses_as_at

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


# The id of each action's latest update on or before a day ({} is the day): the
# (action, as_at) index finds it, so the database reads one update per action, not all.
_SELECT = "SELECT id, action, rag, progress, as_at, recorded_at FROM action_update"
_LATEST_ON = """
SELECT (
    SELECT v.id FROM action_update AS v
    WHERE v.action = a.id AND v.as_at <= {}
    ORDER BY v.as_at DESC, v.recorded_at DESC, v.id DESC
    LIMIT 1
) FROM action AS a
"""


async def standing_updates(days: Iterable[date]) -> list[UpdateRecord]:
    """The update that stood on each of `days` for each action, each update once, in one query.

    statuses_as_at on any of those days gives from these what it gives from
    every update: the latest one on or before the day is among them.
    """
    asked = sorted(set(days))
    if not asked:
        return []
    standing = " OR ".join(f"id IN ({_LATEST_ON})" for _ in asked)
    query = f"{_SELECT} WHERE {standing} ORDER BY id"  # noqa: S608 - constant text; days are parameters
    rows = await Update.raw(query, *asked)
    return [_record(row) for row in rows]
