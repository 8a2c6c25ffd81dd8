"""What ends the reminders page's kept list of e-mails due today (tracker.reminders.due):
besides actions, updates, plans and strategies (migrations 0028 and 0029), who leads what
(accounts' names, roles and standing, their agencies and lead titles), returns and their
deadlines, and the reminders already sent. Logged as ending views, not counts.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-05T02:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kept reminders: changes to leads, returns and reminders sent end them"

# (table, the events ending the reminders due; an account's sign-in time does not)
_CHANGES = (
    ("account", "INSERT OR DELETE OR UPDATE OF email, name, role, active"),
    ("account_agency", "INSERT OR DELETE OR UPDATE"),
    ("account_lead_name", "INSERT OR DELETE OR UPDATE"),
    ("plan_return", "INSERT OR DELETE OR UPDATE"),
    ("quarter_deadline", "INSERT OR DELETE OR UPDATE"),
    ("reminder_item", "INSERT OR DELETE OR UPDATE"),
    ("reminder_digest", "INSERT OR DELETE OR UPDATE"),
    ("strategy", "INSERT OR DELETE OR UPDATE"),
)

# count_change_of_views() is migration 0029's.
POSTGRES = tuple(
    f"CREATE TRIGGER view_change_of_{table} AFTER {events} ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_views()"
    for table, events in _CHANGES
)


def _sqlite_triggers() -> list[str]:
    statements = []
    for table, events in _CHANGES:
        for event in events.split(" OR "):
            name = f"view_change_on_{table}_{event.split()[0].lower()}"
            # Constant text: the names and columns are written in this module.
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "  # noqa: S608
                "INSERT INTO count_change (from_day, views_only) VALUES (NULL, 1); END"
            )
    return statements


SQLITE = tuple(_sqlite_triggers())


class RawStatements(Table, tablename="count_change"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create() -> None:
        engine = engine_finder()
        RawStatements._meta.db = engine
        for statement in POSTGRES if engine.engine_type == "postgres" else SQLITE:
            await RawStatements.raw(statement)

    manager.add_raw(create)
    return manager
