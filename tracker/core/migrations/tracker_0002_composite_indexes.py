"""Indexes over several columns: the unique pairs the tables rely on, and two lookups.

Piccolo's Unique constraint becomes ALTER TABLE ... ADD CONSTRAINT, which
SQLite rejects, so these are plain CREATE INDEX statements that both engines
accept. They are a migration of their own because Piccolo runs a migration's
raw statements before the tables it creates.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-03T12:37:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "Unique pairs and lookup indexes over several columns"

STATEMENTS = (
    "CREATE UNIQUE INDEX plan_strategy_name ON plan (strategy, name)",
    "CREATE UNIQUE INDEX objective_plan_ref ON objective (plan, ref)",
    "CREATE UNIQUE INDEX action_plan_ref ON action (plan, ref)",
    "CREATE INDEX action_objective ON action (objective)",
    "CREATE UNIQUE INDEX action_core_component_pair ON action_core_component (action, core_component)",
    "CREATE INDEX action_update_action_as_at ON action_update (action, as_at)",
    "CREATE UNIQUE INDEX plan_return_plan_quarter ON plan_return (plan, quarter)",
    "CREATE UNIQUE INDEX assurance_rating_action_quarter ON assurance_rating (action, quarter)",
    "CREATE UNIQUE INDEX reminder_digest_recipient_day ON reminder_digest (recipient, day)",
    "CREATE UNIQUE INDEX reminder_item_recipient_key ON reminder_item (recipient, key)",
    "CREATE INDEX flagged_text_record ON flagged_text (record_table, record_id)",
    "CREATE UNIQUE INDEX published_report_version ON published_report (quarter, audience, version)",
    "CREATE UNIQUE INDEX published_file_format ON published_file (published_report, format)",
)


class RawStatements(Table, tablename="action"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create_indexes() -> None:
        # Resolved now, not when the module was first imported: one process
        # (the test suite) may migrate several databases.
        RawStatements._meta.db = engine_finder()
        for statement in STATEMENTS:
            await RawStatements.raw(statement)

    manager.add_raw(create_indexes)
    return manager
