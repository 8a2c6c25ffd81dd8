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


async def insert_rows(table: type[Table], rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (column name: value; the table's defaults for the others) in bulk.

    Within the caller's transaction, one prepared statement is run over every row by the
    driver (executemany), without building an ORM object and a query string per row:
    thousands of actions in a fraction of a second. Outside one, an ordinary insert.
    """
    if not rows:
        return
    columns = [column for column in table._meta.columns if not column._meta.primary_key]
    template = table(_ignore_missing=True)  # the defaults, worked out once
    defaults = {column._meta.name: getattr(template, column._meta.name) for column in columns}
    values = [
        tuple(row.get(column._meta.name, defaults[column._meta.name]) for column in columns)
        for row in rows
    ]
    db = table._meta.db
    transaction = db.current_transaction.get()
    if transaction is None:
        await insert_all([table(**row) for row in rows])
        return
    names = ", ".join(f'"{column._meta.db_column_name}"' for column in columns)
    if db.engine_type == "postgres":
        marks = ", ".join(f"${number}" for number in range(1, len(columns) + 1))
    else:
        marks = ", ".join("?" for _ in columns)
    statement = f'INSERT INTO "{table._meta.tablename}" ({names}) VALUES ({marks})'  # noqa: S608 - names from the table's own columns
    await transaction.connection.executemany(statement, values)
