"""Fills `action.added_on` for the actions made before it existed, as the reports worked it
out: the as-at day of the import that created the action (its undo log names it), else the
UK day the action was stored."""

import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T03:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "added on, filled"

_UK = ZoneInfo("Europe/London")


class RawStatements(Table, tablename="action"):
    pass


def _day(value) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(_UK).date()


def _as_date(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def fill() -> None:
        # Resolved now, not at import: one process (the test suite) migrates several databases.
        RawStatements._meta.db = engine_finder()
        days = {
            row["id"]: _day(row["created_at"])
            for row in await RawStatements.raw(
                "SELECT id, created_at FROM action WHERE added_on IS NULL"
            )
        }
        imports = await RawStatements.raw(
            "SELECT as_at, undo FROM import_record WHERE undone_at IS NULL"
        )
        for row in imports:
            undo = row["undo"]
            undo = json.loads(undo or "{}") if isinstance(undo, str) else (undo or {})
            for action_id in undo.get("created_actions", []):
                if action_id in days:
                    days[action_id] = min(days[action_id], _as_date(row["as_at"]))
        for action_id, day in days.items():
            await RawStatements.raw(
                "UPDATE action SET added_on = {} WHERE id = {}", day, action_id
            )

    manager.add_raw(fill)
    return manager
