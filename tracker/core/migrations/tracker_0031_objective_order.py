"""An index of each objective's actions in the plan's order.

A long plan's page shows one objective a page at a time, 50 actions a page, in the
plan's order (position, then id: tracker.plans.queries.IN_PLAN_ORDER). Without this
index the database read every action of the objective and sorted them for each page:
1,539 rows for the benchmark's longest objective. With it, it reads the page's rows
in order and stops.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-05T05:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Index of each objective's actions in the plan's order"

STATEMENT = "CREATE INDEX action_objective_order ON action (objective, position, id)"


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
