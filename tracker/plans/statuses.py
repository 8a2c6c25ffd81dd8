"""Loading actions' statuses as at a day, in one query whatever their number."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from tracker.core.kept_counts import counted_rows
from tracker.core.rag import RagCounts
from tracker.core.tables import Update
from tracker.plans.status import UpdateRecord

_COLUMNS = (Update.id, Update.action, Update.rag, Update.progress, Update.as_at, Update.recorded_at)


def _record(row: dict) -> UpdateRecord:
    return UpdateRecord(
        row["id"], row["action"], row["rag"], row["progress"], row["as_at"], row["recorded_at"]
    )


# Each action's latest update on or before a day, found by the database: for each action
# one step down the (action, as_at, recorded_at, id) index (migration 0013), in the order
# of tracker.plans.status._recency, so no update but the standing one is read.
# PostgreSQL takes it as a lateral join (3.5x quicker there at 20,000 actions than the
# join on a subquery); SQLite has no LATERAL.
_LATEST = """
    SELECT {columns} FROM action_update AS v
    WHERE v.action = a.id AND v.as_at <= {{}}
    ORDER BY v.as_at DESC, v.recorded_at DESC, v.id DESC
    LIMIT 1
"""
_FIELDS = "u.id, u.action, u.rag, u.progress, u.as_at, u.recorded_at"
_FROM = "SELECT " + _FIELDS + " FROM action AS a "  # noqa: S608 - constant text
_STANDING = {  # constant text: the day and any ids are parameters
    "postgres": _FROM + "CROSS JOIN LATERAL (" + _LATEST.format(columns="v.*") + ") AS u",
    "sqlite": _FROM + "JOIN action_update AS u ON u.id = (" + _LATEST.format(columns="v.id") + ")",
}


# Each action's latest update, kept by the database's triggers (migration 0025): its
# standing update on any day on or after the newest update's as-at day. A hash join here,
# where the index walk above takes a step per action.
_LATEST_KEPT = "standing_now AS u ON u.action = a.id AND u.as_at <= {}"


async def newest_update_day() -> date | None:
    """The as-at day of the newest update (None: there is none), from standing_now's index."""
    rows = await Update.raw("SELECT MAX(as_at) AS newest FROM standing_now")
    newest = rows[0]["newest"] if rows else None
    if isinstance(newest, str):  # SQLite gives an aggregate's date as text
        return date.fromisoformat(newest[:10])
    return newest


async def all_dated_by(day: date) -> bool:
    """Whether no update is dated after `day`: each action's standing update on it is then
    its latest, which `standing_now` holds (standing_join(..., latest=True))."""
    newest = await newest_update_day()
    return newest is None or newest <= day


def standing_join(postgres_columns: str, sqlite_id: str = "v.id", *, latest: bool = False) -> str:
    """`LEFT JOIN ... AS u`: each action `a`'s update standing on a day (one {} placeholder),
    its columns as u.*; u's columns are NULL for an action with none yet. On PostgreSQL the
    lateral join yields only `postgres_columns` (of `v`); SQLite joins the whole row.

    `latest`: the day is on or after every update's (all_dated_by says so), so the kept
    latest updates serve, with their columns id, action, rag, progress, as_at, recorded_at.
    """
    if latest:
        return "LEFT JOIN " + _LATEST_KEPT
    if _engine() == "postgres":
        return f"LEFT JOIN LATERAL ({_LATEST.format(columns=postgres_columns)}) AS u ON TRUE"
    return f"LEFT JOIN action_update AS u ON u.id = ({_LATEST.format(columns=sqlite_id)})"


def _engine() -> str:
    return "postgres" if Update._meta.db.engine_type == "postgres" else "sqlite"


_IDS_AT_ONCE = 900  # under SQLite's oldest limit on a statement's parameters


async def statuses(
    as_at: date,
    *,
    plan_id: int | None = None,
    action_id: int | None = None,
    action_ids: Sequence[int] | None = None,
    latest: bool | None = None,
) -> dict[int, UpdateRecord]:
    """Each action's latest update on or before `as_at`: in one plan, of one action, of
    those `action_ids`, or all.

    The same as tracker.plans.status.statuses_as_at over every update (tests/plans say so),
    worked out by the database. `latest`: whether all_dated_by(as_at), when the caller
    already asked; not asked for one plan's or named actions, whose index walk is as quick.
    """
    if latest is None:
        some = action_ids is not None or action_id is not None or plan_id is not None
        latest = False if some else await all_dated_by(as_at)
    standing = _FROM + "JOIN " + _LATEST_KEPT if latest else _STANDING[_engine()]
    if action_ids is not None:
        found: dict[int, UpdateRecord] = {}
        ids = sorted(set(action_ids))
        for start in range(0, len(ids), _IDS_AT_ONCE):
            chunk = ids[start : start + _IDS_AT_ONCE]
            marks = ", ".join("{}" for _ in chunk)
            query = f"{standing} WHERE a.id IN ({marks})"
            rows = await Update.raw(query, as_at, *chunk)
            found.update((row["action"], _record(row)) for row in rows)
        return found
    query = standing
    values: list[date | int] = [as_at]
    where = []
    if plan_id is not None:
        where.append("a.plan = {}")
        values.append(plan_id)
    if action_id is not None:
        where.append("a.id = {}")
        values.append(action_id)
    if where:
        query += " WHERE " + " AND ".join(where)
    rows = await Update.raw(query, *values)
    return {row["action"]: _record(row) for row in rows}


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
    if _engine() == "postgres":  # a lateral join a day, each update once (UNION)
        query = " UNION ".join(_STANDING["postgres"] for _ in asked) + " ORDER BY id"
    else:
        standing = " OR ".join(f"id IN ({_LATEST_ON})" for _ in asked)
        query = f"{_SELECT} WHERE {standing} ORDER BY id"  # noqa: S608 - constant text; days are parameters
    rows = await Update.raw(query, *asked)
    return [_record(row) for row in rows]


# Per plan and RAG as at a day: how many actions, and how many of them are overdue by
# tracker.plans.slipping.is_overdue (dated, not recurring, not complete, due before the day).
_COUNTED = """
SELECT a.plan AS plan, u.rag AS rag, COUNT(*) AS actions,
    SUM(CASE WHEN a.due IS NOT NULL AND a.recurring IS NULL
        AND (u.rag IS NULL OR u.rag <> 'blue') AND a.due < {{}} THEN 1 ELSE 0 END) AS overdue,
    {{seen}}
FROM action AS a JOIN plan AS p ON p.id = a.plan
{standing}
WHERE p.strategy = {{}} AND (a.withdrawn_on IS NULL OR a.withdrawn_on > {{}})
    AND (a.added_on IS NULL OR a.added_on <= {{}})
GROUP BY a.plan, u.rag
"""
_COUNTS = {
    "latest": _COUNTED.format(standing="LEFT JOIN " + _LATEST_KEPT),
    "postgres": _COUNTED.format(
        standing=f"LEFT JOIN LATERAL ({_LATEST.format(columns='v.rag')}) AS u ON TRUE"
    ),
    "sqlite": _COUNTED.format(
        standing=f"LEFT JOIN action_update AS u ON u.id = ({_LATEST.format(columns='v.id')})"
    ),
}


PLAN_COUNTS = "plan counts"  # the kind of counts tracker.core.kept_counts keeps


async def plan_counts(as_at: date, strategy_id: int) -> dict[int, tuple[RagCounts, int]]:
    """Each plan's actions counted by RAG as at `as_at`, and how many of them are overdue.

    A plan with no actions is absent. An action withdrawn on or before `as_at`, or added after
    it, is not counted.
    """
    rags: dict[int, Counter[str | None]] = defaultdict(Counter)
    overdue: Counter[int] = Counter()

    async def counting() -> tuple[str, list[Any]]:
        query = _COUNTS["latest" if await all_dated_by(as_at) else _engine()]
        return query, [as_at, as_at, strategy_id, as_at, as_at]

    for row in await counted_rows(PLAN_COUNTS, strategy_id, as_at, counting):
        rags[row["plan"]][row["rag"]] += row["actions"]
        overdue[row["plan"]] += int(row["overdue"] or 0)
    return {plan: (RagCounts.of(tally.elements()), overdue[plan]) for plan, tally in rags.items()}
