"""An index that finds each action's latest update on or before a day.

An action's status as at a day is its update with the greatest (as_at, recorded_at, id)
dated on or before it (tracker.plans.status). With this index the database finds that
update for each action by one step down the index, rather than reading every update.
The older (action, as_at) index is kept: nothing is dropped by a migration that adds.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-03T22:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Index for each action's latest update on or before a day"

STATEMENT = "CREATE INDEX action_update_latest ON action_update (action, as_at, recorded_at, id)"


class RawStatements(Table, tablename="action_update"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create_index() -> None:
        # Resolved now, not at import: one process (the test suite) migrates several databases.
        RawStatements._meta.db = engine_finder()
        await RawStatements.raw(STATEMENT)

    manager.add_raw(create_index)
    return manager
