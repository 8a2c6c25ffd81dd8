"""An action of a closed strategy is carried into a later one at most once.

The carry-over page refuses an action already carried; this unique index makes
that hold when two people carry the same action at the same moment, on SQLite
and PostgreSQL alike (both let any number of rows have no predecessor).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T01:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "An action is carried over at most once"

STATEMENT = "CREATE UNIQUE INDEX action_carried_once ON action (carried_from)"


class RawStatements(Table, tablename="action"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create_index() -> None:
        # Resolved now, not at import: one process (the test suite) migrates several databases.
        RawStatements._meta.db = engine_finder()
        await RawStatements.raw(STATEMENT)

    manager.add_raw(create_index)
    return manager
