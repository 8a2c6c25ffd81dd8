"""Actions counted as at a day by the database: by plan, RAG and slipping, and by agency,
core component and RAG. The dashboard and the coverage matrix read these few rows
instead of building every action in Python.

tracker.plans.slipping and tracker.plans.status stay the reference: tests/dashboard and
tests/coverage compare these counts with the pure rules' on generated histories.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.core.dates import Quarter
from tracker.core.kept_counts import counted_rows, keep, kept, seen_column
from tracker.core.tables import PlanKind, Update
from tracker.plans.slipping import COMPLETE, DUE_SOON_DAYS
from tracker.plans.statuses import all_dated_by, newest_update_day, standing_join

# tracker.plans.slipping in SQL. {}: the as-at day, then (due soon) the day 30 days on,
# then (stale) the first day of the as-at day's quarter.
# The withdrawal rule (tracker.plans.queries.in_force): both {} are the day.
_IN_FORCE = (
    "(a.withdrawn_on IS NULL OR a.withdrawn_on > {}) AND (a.added_on IS NULL OR a.added_on <= {})"
)
_OPEN = f"(u.rag IS NULL OR u.rag <> '{COMPLETE}')"
_DATED = f"a.due IS NOT NULL AND a.recurring IS NULL AND {_OPEN}"
_BY_PLAN = f"""
SELECT a.plan AS plan, u.rag AS rag,
    CASE WHEN {_DATED} AND a.due < {{}} THEN 1 ELSE 0 END AS overdue,
    CASE WHEN {_DATED} AND a.due >= {{}} AND a.due <= {{}} THEN 1 ELSE 0 END AS due_soon,
    CASE WHEN {_OPEN} AND (u.as_at IS NULL OR u.as_at < {{}}) THEN 1 ELSE 0 END AS stale,
    COUNT(*) AS actions, {{seen}}
FROM action AS a
{{standing}}
WHERE {_IN_FORCE}{{strategy}}
GROUP BY 1, 2, 3, 4, 5
"""  # noqa: S608 - constant text; the days are parameters


@dataclass(frozen=True)
class Tally:
    """How many actions of one plan share a RAG and slipping as at the day."""

    plan_id: int
    rag: str | None
    overdue: bool
    due_soon: bool
    stale: bool
    actions: int


# Keeps a count to one strategy's actions: its id is the query's last parameter.
_IN_STRATEGY = " AND a.plan IN (SELECT id FROM plan WHERE strategy = {})"


def _strategy_filter(strategy_id: int | None) -> tuple[str, tuple[int, ...]]:
    return (_IN_STRATEGY, (strategy_id,)) if strategy_id is not None else ("", ())


TALLIES = "tallies"  # the kind of counts tracker.core.kept_counts keeps


async def tallies(as_at: date, strategy_id: int | None = None) -> list[Tally]:
    """Every action (of strategy `strategy_id`, if given) as at `as_at`, counted by plan,
    RAG, overdue, due soon and stale (as tracker.plans.slipping says), from the update
    standing on the day."""

    async def counting() -> tuple[str, list[date | int]]:
        where, strategy = _strategy_filter(strategy_id)
        latest = await all_dated_by(as_at)
        query = _BY_PLAN.replace("{standing}", standing_join("v.rag, v.as_at", latest=latest))
        first = Quarter.of(as_at).first_day
        # In the order the placeholders read: the CASEs', the standing join's day, the
        # rule's, the strategy.
        return query.replace("{strategy}", where), [
            as_at,
            as_at,
            as_at + timedelta(days=DUE_SOON_DAYS),
            first,
            as_at,
            as_at,
            as_at,
            *strategy,
        ]

    rows = await counted_rows(TALLIES, strategy_id, as_at, counting)
    return [
        Tally(
            row["plan"],
            row["rag"],
            bool(row["overdue"]),
            bool(row["due_soon"]),
            bool(row["stale"]),
            int(row["actions"]),
        )
        for row in rows
    ]


_RAGS_ON = f"""
SELECT {{number}} AS day, u.rag AS rag, COUNT(*) AS actions, {{seen}} FROM action AS a
{{standing}}
WHERE {_IN_FORCE}{{strategy}}
GROUP BY 1, 2
"""  # noqa: S608 - constant text; the days are parameters


# The days on or after every update's (the kept latest updates stand on each): one pass
# over the actions, a column per day ({counts}: `SUM(CASE WHEN counts on day n ...) AS dn`).
_RAGS_ON_LATER = """
SELECT u.rag AS rag, {counts}, {seen} FROM action AS a
LEFT JOIN standing_now AS u ON u.action = a.id
WHERE 1 = 1{strategy}
GROUP BY 1
"""  # noqa: S608 - constant text; the days are parameters

RAGS_ON_DAY = "rags on day"  # the kind of counts tracker.core.kept_counts keeps


async def _each_day(parts: list[str], values: list[date | int], per_day: int) -> list[list[dict]]:
    """The earlier days' counts. On PostgreSQL each day apart, at once on connections of
    their own: each is an index step per action (about 40 ms for 20,000), and the server
    works on them side by side (20,000 actions, 7 days: 160 ms, not 400). SQLite, one
    writer and reader in this process, gains nothing: one query."""
    if Update._meta.db.engine_type != "postgres":
        return [await Update.raw(" UNION ALL ".join(parts), *values)] if parts else []
    return list(
        await asyncio.gather(
            *(
                Update.raw(part, *values[n * per_day : (n + 1) * per_day])
                for n, part in enumerate(parts)
            )
        )
    )


async def rags_on_days(
    days: Sequence[date], strategy_id: int | None = None
) -> dict[date, dict[str | None, int]]:
    """Every action (of strategy `strategy_id`, if given) counted by the RAG standing on each
    of `days` (None: not rated then). Counts kept since no change could alter them are used
    (tracker.core.kept_counts); the others are worked out and kept: the days on or after
    every update's in one query, the earlier ones as _each_day says."""
    asked = sorted(set(days))
    if not asked:
        return {}
    found: dict[date, dict[str | None, int]] = {
        day: {rag or None: actions for rag, actions in counts.items()}
        for day, counts in (await kept(RAGS_ON_DAY, strategy_id, asked)).items()
    }
    missing = [day for day in asked if day not in found]
    if missing:
        worked_out = await _rags_worked_out(missing, strategy_id)
        found.update({day: counts for day, (counts, _) in worked_out.items()})
        await keep(
            RAGS_ON_DAY,
            strategy_id,
            {
                day: ({rag or "": actions for rag, actions in counts.items()}, seen)
                for day, (counts, seen) in worked_out.items()
                if seen is not None
            },
        )
    return {day: found.get(day, {}) for day in asked}


async def _rags_worked_out(
    asked: list[date], strategy_id: int | None
) -> dict[date, tuple[dict[str | None, int], str | None]]:
    """Each day's counts by RAG, with what its query saw (None: no action counted)."""
    where, strategy = _strategy_filter(strategy_id)
    newest = await newest_update_day()
    later = [n for n, day in enumerate(asked) if newest is None or newest <= day]
    parts = []
    values: list[date | int] = []
    for number, day in enumerate(asked):
        if number in later:
            continue
        parts.append(
            _RAGS_ON.replace("{number}", str(number))
            .replace("{standing}", standing_join("v.rag"))
            .replace("{strategy}", where)
            .replace("{seen}", seen_column())
        )
        values += [day, day, day, *strategy]
    found: dict[date, dict[str | None, int]] = {day: {} for day in asked}
    seen: dict[date, str] = {}
    if later:
        counts = ", ".join(f"SUM(CASE WHEN {_IN_FORCE} THEN 1 ELSE 0 END) AS d{n}" for n in later)
        query = (
            _RAGS_ON_LATER.replace("{counts}", counts)
            .replace("{strategy}", where)
            .replace("{seen}", seen_column())
        )
        in_one = [value for n in later for value in (asked[n], asked[n])]
        for row in await Update.raw(query, *in_one, *strategy):
            for n in later:
                seen[asked[n]] = row["seen"]
                if row[f"d{n}"]:
                    found[asked[n]][row["rag"]] = int(row[f"d{n}"])
    for rows in await _each_day(parts, values, per_day=3 + len(strategy)):
        for row in rows:
            seen[asked[row["day"]]] = row["seen"]
            found[asked[row["day"]]][row["rag"]] = int(row["actions"])
    return {day: (found[day], seen.get(day)) for day in asked}


_AGENCY_KINDS = f"('{PlanKind.AGENCY.value}', '{PlanKind.ADDITIONAL.value}')"
_BY_COMPONENT = f"""
SELECT p.agency AS agency, c.number AS number, u.rag AS rag, COUNT(DISTINCT a.id) AS actions,
    {{seen}}
FROM action AS a JOIN plan AS p ON p.id = a.plan
JOIN action_core_component AS t ON t.action = a.id
JOIN core_component AS c ON c.id = t.core_component
{{standing}}
WHERE p.agency IS NOT NULL AND p.kind IN {_AGENCY_KINDS} AND {_IN_FORCE}{{strategy}}
GROUP BY 1, 2, 3
"""  # noqa: S608 - constant text
_TAGGED = f"""
SELECT p.agency AS agency,
    CASE WHEN EXISTS (SELECT 1 FROM action_core_component AS t WHERE t.action = a.id)
        THEN 1 ELSE 0 END AS tagged,
    COUNT(*) AS actions, {{seen}}
FROM action AS a JOIN plan AS p ON p.id = a.plan
WHERE p.agency IS NOT NULL AND p.kind IN {_AGENCY_KINDS} AND {_IN_FORCE}{{strategy}}
GROUP BY 1, 2
"""  # noqa: S608 - constant text


@dataclass(frozen=True)
class ComponentTally:
    """How many of an agency's actions tagged with a core component have a RAG on the day."""

    agency_id: int
    component: int
    rag: str | None
    actions: int


_AND_STRATEGY = " AND p.strategy = {}"


def _and_strategy(strategy_id: int | None) -> tuple[str, tuple[int, ...]]:
    return (_AND_STRATEGY, (strategy_id,)) if strategy_id is not None else ("", ())


COMPONENT_TALLIES = "component tallies"  # kinds of counts tracker.core.kept_counts keeps
TAGGED_COUNTS = "tagged counts"


async def component_tallies(as_at: date, strategy_id: int | None = None) -> list[ComponentTally]:
    """Agencies' actions (their own plans' and additional ones; of strategy `strategy_id`,
    if given) by component and RAG."""

    async def counting() -> tuple[str, list[date | int]]:
        where, strategy = _and_strategy(strategy_id)
        latest = await all_dated_by(as_at)
        query = _BY_COMPONENT.replace("{standing}", standing_join("v.rag", latest=latest))
        return query.replace("{strategy}", where), [as_at, as_at, as_at, *strategy]

    return [
        ComponentTally(row["agency"], row["number"], row["rag"], int(row["actions"]))
        for row in await counted_rows(COMPONENT_TALLIES, strategy_id, as_at, counting)
    ]


async def tagged_counts(as_at: date, strategy_id: int | None = None) -> dict[tuple[int, bool], int]:
    """(agency, tagged with any component): how many of its actions (of strategy
    `strategy_id`, if given) counting on `as_at` (tags have no history)."""

    async def counting() -> tuple[str, list[date | int]]:
        where, strategy = _and_strategy(strategy_id)
        return _TAGGED.replace("{strategy}", where), [as_at, as_at, *strategy]

    rows = await counted_rows(TAGGED_COUNTS, strategy_id, as_at, counting)
    return {(row["agency"], bool(row["tagged"])): int(row["actions"]) for row in rows}
