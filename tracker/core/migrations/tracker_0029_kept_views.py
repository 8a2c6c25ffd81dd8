"""Views kept between requests, for issue 18: the review's matching actions in order, its
counts, and the choices its filters offer (tracker.review.kept), in `kept_count` with the
counts of migration 0028.

Those read more than counts do: the actions' words, refs, places and objectives; the
objectives themselves; assurance ratings; plans' names and agencies' order (the order of
plans). Changes to those end kept views but not kept counts, so they are logged with
`views_only` = 1 and counts pass over them (tracker.core.kept_counts.kept). Every change
logged before (an update, an action's dates or lead, a plan's agency...) ends both.

As in 0028, PostgreSQL logs a row per statement with its transaction's id, SQLite a row
per changed row.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-05T01:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kept views: changes that end views but not counts"

_COLUMN = "ALTER TABLE count_change ADD COLUMN views_only SMALLINT NOT NULL DEFAULT 0"

# (table, the events ending a view but no count)
_VIEW_CHANGES = (
    ("action", "UPDATE OF text, ref, position, objective"),
    ("objective", "INSERT OR DELETE OR UPDATE"),
    ("assurance_rating", "INSERT OR DELETE OR UPDATE"),
    ("plan", "INSERT OR UPDATE OF name"),
    ("agency", "INSERT OR DELETE OR UPDATE OF name, position"),
)

POSTGRES = (
    _COLUMN,
    "CREATE FUNCTION count_change_of_views() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO count_change (xid, from_day, views_only) "
    "VALUES (pg_current_xact_id(), NULL, 1); RETURN NULL; END $$",
    *(
        f"CREATE TRIGGER view_change_of_{table} AFTER {events} ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_views()"
        for table, events in _VIEW_CHANGES
    ),
)


def _sqlite_triggers() -> list[str]:
    statements = []
    for table, events in _VIEW_CHANGES:
        for event in events.split(" OR "):
            name = f"view_change_on_{table}_{event.split()[0].lower()}"
            # Constant text: the names and columns are written in this module.
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "  # noqa: S608
                "INSERT INTO count_change (from_day, views_only) VALUES (NULL, 1); END"
            )
    return statements


SQLITE = (_COLUMN, *_sqlite_triggers())


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
