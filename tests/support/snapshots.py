"""Everything a database holds, to compare a restored database with the one backed up."""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import asyncpg

from tracker.core.engine import sqlite_path

Snapshot = dict[str, Any]  # table name: its rows in id order; "triggers": their names


def sqlite_snapshot(path: Path) -> Snapshot:
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: Snapshot = {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            for table in tables
        }
        found["triggers"] = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    return found


async def _postgres_snapshot(url: str) -> Snapshot:
    connection = await asyncpg.connect(url)
    try:
        tables = [
            row["tablename"]
            for row in await connection.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        found: Snapshot = {
            table: [
                tuple(row) for row in await connection.fetch(f'SELECT * FROM "{table}" ORDER BY 1')
            ]
            for table in tables
        }
        found["triggers"] = sorted(
            {
                row["trigger_name"]
                for row in await connection.fetch(
                    "SELECT trigger_name FROM information_schema.triggers"
                )
            }
        )
    finally:
        await connection.close()
    return found


def snapshot(url: str) -> Snapshot:
    """Every table's rows and every trigger's name, of the database at `url`."""
    path = sqlite_path(url)
    return sqlite_snapshot(path) if path is not None else asyncio.run(_postgres_snapshot(url))


def row_counts(found: Snapshot) -> dict[str, int]:
    return {table: len(rows) for table, rows in found.items() if table != "triggers"}
