"""Writing many rows within what the database drivers accept in one statement.

asyncpg refuses a query with more than 32,767 arguments and SQLite's default
limit is 32,766 variables, so a return of thousands of actions is written, and
taken back, a batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from piccolo.columns import Column
from piccolo.table import Table

MAX_ARGUMENTS = 30_000  # a margin under both limits

Item = TypeVar("Item")


def batches(items: Sequence[Item], size: int = MAX_ARGUMENTS) -> Iterator[Sequence[Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rows_per_insert(table: type[Table]) -> int:
    return max(1, MAX_ARGUMENTS // len(table._meta.columns))


async def insert_all(rows: Sequence[Table], *returning: Column) -> list[dict[str, Any]]:
    """Insert `rows` (all of one table) in batches; the `returning` columns of each, in order."""
    if not rows:
        return []
    table = type(rows[0])
    inserted: list[dict[str, Any]] = []
    for batch in batches(rows, rows_per_insert(table)):
        query = table.insert(*batch)
        if returning:
            inserted.extend(await query.returning(*returning))
        else:
            await query
    return inserted
