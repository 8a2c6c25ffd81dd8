"""Counts kept between requests, in the database, until a change their query did not see.

A count is worked out by a query that also selects `seen_column()`: what that query saw
(on PostgreSQL its snapshot, on SQLite the newest change logged). `keep` stores it under
a kind, a strategy and a day; `kept` gives back those no later change has ended. The
changes are logged by triggers (migration 0028, which says why this is safe with several
people writing and reading at once): an update dated on or before the day ends the day's
counts, and so does any change to actions' plans, dates (added, withdrawn, due),
recurrence or leads, to plans' strategies, agencies or kinds, to actions' core component
tags or to components' numbers. Counts of anything else (actions' texts, say, or
assurance ratings) are not for keeping here.

Nothing here knows what is counted: a count is anything JSON holds (numbers, text, lists,
mappings of text), given back as it was kept.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from piccolo.query import Select

from tracker.core.engine import write_unless_busy
from tracker.core.tables import Update

EVERY_STRATEGY = 0  # the strategy key of counts over every strategy


def _postgres() -> bool:
    return Update._meta.db.engine_type == "postgres"


def seen_column() -> str:
    """What a counting query saw, as a column `seen` of its rows (the same in each)."""
    if _postgres():
        return "CAST(pg_current_snapshot() AS TEXT) AS seen"
    return "(SELECT COALESCE(MAX(id), 0) FROM count_change) AS seen"


def _ended_since() -> str:
    """A change `c` the kept count `k` did not see, to a day it counts on."""
    if _postgres():
        seen = "CAST(k.seen AS pg_snapshot)"
        # Changes before the snapshot's xmin are all seen: the index finds the rest.
        return f"c.xid >= pg_snapshot_xmin({seen}) AND NOT pg_visible_in_snapshot(c.xid, {seen})"
    return "c.id > CAST(k.seen AS INTEGER)"


def _from_this_server() -> str:
    """PostgreSQL: the count `k` was made by this server's transactions. A database restored
    (pg_restore) into another cluster keeps its counts and their snapshots, but the new
    cluster's transaction ids may start lower: its changes would look older than those
    counts, and seen by them. A snapshot ahead of the server's own is not used."""
    if _postgres():
        return (
            " AND pg_snapshot_xmax(CAST(k.seen AS pg_snapshot))"
            " <= pg_snapshot_xmax(pg_current_snapshot())"
        )
    return ""


async def kept(
    kind: str, strategy_id: int | None, days: Sequence[date], *, view: bool = False
) -> dict[date, Any]:
    """The kept counts of `kind` for those days that no change has ended since. A `view`
    (what reads actions' words, places and assurance too: migration 0029) is ended also by
    changes that end no count."""
    if not days:
        return {}
    placeholders = ", ".join("{}" for _ in days)
    counts_only = "" if view else " AND c.views_only = 0"
    rows = await Update.raw(
        "SELECT k.day AS day, k.counts AS counts FROM kept_count AS k "  # noqa: S608
        f"WHERE k.kind = {{}} AND k.strategy = {{}} AND k.day IN ({placeholders})"
        f"{_from_this_server()} AND NOT EXISTS (SELECT 1 FROM count_change AS c "
        f"WHERE (c.from_day IS NULL OR c.from_day <= k.day){counts_only} AND {_ended_since()})",
        kind,
        _strategy_key(strategy_id),
        *days,
    )
    return {_day(row["day"]): json.loads(row["counts"]) for row in rows}


async def keep(
    kind: str,
    strategy_id: int | None,
    found: Mapping[date, tuple[Any, str]],
    *,
    at_most: tuple[str, int] | None = None,
) -> None:
    """Keep each day's counts with what the query making them saw (its `seen` column), in
    one statement. `at_most` (a prefix of kinds, a number): where the strategy has more
    than that number kept of kinds so named, those are forgotten first (views kept by their
    filters, whose number has no other bound)."""
    if not found:
        return
    if at_most is not None:
        await _forget_beyond(*at_most, strategy_id)
    values: list[object] = []
    for day, (counts, seen) in found.items():
        values += [kind, _strategy_key(strategy_id), day]
        values += [json.dumps(counts, sort_keys=True, default=_number), str(seen)]
    rows = ", ".join("({}, {}, {}, {}, {})" for _ in found)
    statement = (
        f"INSERT INTO kept_count (kind, strategy, day, counts, seen) VALUES {rows} "  # noqa: S608
        "ON CONFLICT (kind, strategy, day) DO UPDATE SET counts = excluded.counts, "
        "seen = excluded.seen"
    )
    if _postgres():
        await Update.raw(statement, *values)
        return
    # SQLite has one writer at a time: a page does not wait for an import to finish only to
    # keep counts it has worked out already. If another is writing, they are not kept.
    await write_unless_busy(
        statement.replace("{}", "?"),
        [value.isoformat() if isinstance(value, date) else value for value in values],
    )


async def _forget_beyond(prefix: str, most: int, strategy_id: int | None) -> None:
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    named = "kind LIKE {} ESCAPE '\\' AND strategy = {}"
    # Constant text (S608): the prefix, strategy and number are parameters.
    counted = f"(SELECT COUNT(*) FROM kept_count WHERE {named}) >= {{}}"  # noqa: S608
    values = [like, _strategy_key(strategy_id), like, _strategy_key(strategy_id), most]
    if _postgres():
        # Rows another page is forgetting or keeping now are left to it: never a wait.
        chosen = f"SELECT kind, strategy, day FROM kept_count WHERE {named} AND {counted}"  # noqa: S608
        await Update.raw(
            "DELETE FROM kept_count WHERE (kind, strategy, day) IN "  # noqa: S608
            f"({chosen} FOR UPDATE SKIP LOCKED)",
            *values,
        )
        return
    statement = f"DELETE FROM kept_count WHERE {named} AND {counted}"  # noqa: S608
    await write_unless_busy(statement.replace("{}", "?"), values)


async def seen_now() -> str:
    """What a query run now sees (seen_column()), for what several queries work out: a
    change any of them missed is one this did not see, so it ends what they made."""
    [row] = await Update.raw("SELECT " + seen_column())
    return str(row["seen"])


async def counted_rows(
    kind: str,
    strategy_id: int | None,
    day: date,
    counting: Callable[[], Awaitable[tuple[str, Sequence[Any]]]],
    *,
    view: bool = False,
    at_most: tuple[str, int] | None = None,
) -> list[dict[str, Any]]:
    """The rows of a counting query as at `day`, kept. `counting` gives the query and its
    values when they are not kept: its text has `{seen}` among its columns (seen_column()),
    and its rows hold numbers and text only. `view`: as kept's; `at_most`: as keep's."""
    found = await kept(kind, strategy_id, [day], view=view)
    if day in found:
        return list(found[day])
    query, values = await counting()
    text = query.replace("{seen}", seen_column())
    rows = await Update.raw(text, *values)
    if rows:
        seen = rows[0]["seen"]
    else:  # no row says what the query saw: what one before it saw stands in, then again
        seen = await seen_now()
        rows = await Update.raw(text, *values)
        seen = rows[0]["seen"] if rows else seen
    counted = [{name: value for name, value in row.items() if name != "seen"} for row in rows]
    await keep(kind, strategy_id, {day: (counted, seen)}, at_most=at_most)
    return counted


MOST_TOTALS = 200  # kept_total's of one kind and strategy at once: a filter makes its own


async def kept_total(kind: str, strategy_id: int | None, day: date, matching: Select) -> int:
    """How many rows `matching` (a Piccolo select) gives, kept as a view (`kept`'s) under
    `kind` and a digest of the query, values and all: one kept count for each filter, and
    at most MOST_TOTALS of a kind for a strategy (past that they are forgotten)."""
    digest = hashlib.sha256(str(matching).encode()).hexdigest()[: 40 - len(kind)]

    async def counting() -> tuple[str, list[object]]:
        # Constant text: the select's values stay its parameters.
        return "SELECT COUNT(*) AS total, {seen} FROM ({}) AS matching", [matching.querystrings[0]]

    rows = await counted_rows(
        kind + digest, strategy_id, day, counting, view=True, at_most=(kind, MOST_TOTALS)
    )
    return int(rows[0]["total"])


def _number(value: object) -> int | float:
    """A sum PostgreSQL gives as a decimal, for JSON."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not kept")


def _strategy_key(strategy_id: int | None) -> int:
    return EVERY_STRATEGY if strategy_id is None else strategy_id


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)
