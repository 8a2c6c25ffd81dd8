"""The audit trail is append-only: the database itself refuses UPDATE and DELETE.

The application never edits the trail; these triggers make sure no bug,
command or hand-written query can either. A migration of its own because
Piccolo runs a migration's raw statements before the tables it creates.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-11-22T14:21:41:000000"
VERSION = "1.38.0"
DESCRIPTION = "Audit trail append-only"

MESSAGE = "The audit trail is append-only: entries cannot be changed or deleted."

SQLITE = (
    "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
)

POSTGRES = (
    "CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
    "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()",
)


class RawStatements(Table, tablename="audit_event"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create_triggers() -> None:
        engine = engine_finder()
        RawStatements._meta.db = engine
        statements = POSTGRES if engine.engine_type == "postgres" else SQLITE
        for statement in statements:
            await RawStatements.raw(statement)

    manager.add_raw(create_triggers)
    return manager
