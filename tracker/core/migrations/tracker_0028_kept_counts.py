"""Counts kept between requests (`kept_count`), and the log of changes that end them
(`count_change`), for issue 18: tracker.core.kept_counts.

The dashboard's chart counts every action by its RAG on each of the last quarters' ends.
Once an update is dated after a quarter's end, each action's RAG on that day is found by an
index step per action: about 40 ms a day for 20,000 actions on PostgreSQL, so 160 ms or
more for the chart, on every view; the home page's counts by plan, RAG and overdue, and the
dashboard's by plan, RAG and slipping, are 20 ms more. Those counts change only when an
update dated on or before the day, an action's plan, dates (added, withdrawn, due),
recurrence or lead, or a plan's strategy change; so they are kept with what their query saw, and
used until a change it did not see. The coverage matrix's counts by agency and core
component (its tags, the components' numbers, the plans' agencies and kinds), and a
quarter's returns' counts of each plan's actions by lead and of those updated, the same.

Triggers log every such change, so no write path can be missed (the web, imports and their
undo, redaction, seeding, a hand-written query):
- `from_day`: the earliest as-at day of the updates changed (counts on earlier days stand);
  NULL for a change to actions, plans, tags or components (every day's counts end).
- PostgreSQL: a row per statement, with its transaction's id. A kept count records its
  query's snapshot; a change whose transaction that snapshot does not see (still running
  then, or begun later) ends it, so two people writing while another reads never leave a
  count standing that misses their change. Writers never wait on each other for this.
- SQLite: a row per changed row. One writer at a time, so ids are in commit order and a kept
  count records the newest id its query saw.
Rows of `count_change` are kept (one per writing statement: a few MB a year for the
busiest partnership); its index on the transaction id (on SQLite, the primary key) keeps
the check to the changes since a count was made.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T23:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kept counts, and the log of changes ending them"

_KEPT = (
    "CREATE TABLE kept_count (kind VARCHAR(40) NOT NULL, strategy INTEGER NOT NULL, "
    "day DATE NOT NULL, counts TEXT NOT NULL, seen TEXT NOT NULL, "
    "PRIMARY KEY (kind, strategy, day))"
)

POSTGRES = (
    _KEPT,
    "CREATE TABLE count_change (id BIGSERIAL PRIMARY KEY, xid XID8 NOT NULL, from_day DATE)",
    "CREATE INDEX count_change_xid ON count_change (xid)",
    "CREATE FUNCTION count_change_of_updates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN "
    "INSERT INTO count_change (xid, from_day) SELECT pg_current_xact_id(), MIN(as_at) "
    "FROM added HAVING COUNT(*) > 0; "
    "ELSIF TG_OP = 'DELETE' THEN "
    "INSERT INTO count_change (xid, from_day) SELECT pg_current_xact_id(), MIN(as_at) "
    "FROM gone HAVING COUNT(*) > 0; "
    "ELSE "
    "INSERT INTO count_change (xid, from_day) SELECT pg_current_xact_id(), MIN(as_at) "
    "FROM (SELECT as_at FROM gone UNION ALL SELECT as_at FROM came) AS t "
    "HAVING COUNT(*) > 0; "
    "END IF; RETURN NULL; END $$",
    "CREATE FUNCTION count_change_of_all() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO count_change (xid, from_day) VALUES (pg_current_xact_id(), NULL); "
    "RETURN NULL; END $$",
    "CREATE TRIGGER count_change_on_insert AFTER INSERT ON action_update "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_updates()",
    "CREATE TRIGGER count_change_on_update AFTER UPDATE ON action_update "
    "REFERENCING OLD TABLE AS gone NEW TABLE AS came "
    "FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_updates()",
    "CREATE TRIGGER count_change_on_delete AFTER DELETE ON action_update "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_updates()",
    "CREATE TRIGGER count_change_of_actions AFTER INSERT OR DELETE "
    "OR UPDATE OF plan, added_on, withdrawn_on, due, recurring, lead ON action "
    "FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_all()",
    "CREATE TRIGGER count_change_of_plans AFTER DELETE OR UPDATE OF strategy, agency, kind "
    "ON plan FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_all()",
    "CREATE TRIGGER count_change_of_tags AFTER INSERT OR DELETE OR UPDATE "
    "ON action_core_component FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_all()",
    "CREATE TRIGGER count_change_of_components AFTER DELETE OR UPDATE OF number "
    "ON core_component FOR EACH STATEMENT EXECUTE FUNCTION count_change_of_all()",
)


def _sqlite_logged(name: str, event: str, table: str, from_day: str) -> str:
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} "
        # Constant text: the names and columns are written in this module.
        f"BEGIN INSERT INTO count_change (from_day) VALUES ({from_day}); END"  # noqa: S608
    )


SQLITE = (
    _KEPT,
    "CREATE TABLE count_change (id INTEGER PRIMARY KEY AUTOINCREMENT, from_day DATE)",
    _sqlite_logged("count_change_on_insert", "INSERT", "action_update", "NEW.as_at"),
    _sqlite_logged("count_change_on_delete", "DELETE", "action_update", "OLD.as_at"),
    _sqlite_logged(
        "count_change_on_update", "UPDATE", "action_update", "MIN(OLD.as_at, NEW.as_at)"
    ),
    _sqlite_logged("count_change_on_action_insert", "INSERT", "action", "NULL"),
    _sqlite_logged("count_change_on_action_delete", "DELETE", "action", "NULL"),
    _sqlite_logged(
        "count_change_on_action_update", "UPDATE OF plan, added_on, withdrawn_on, due, recurring, lead", "action", "NULL"
    ),
    _sqlite_logged("count_change_on_plan_delete", "DELETE", "plan", "NULL"),
    _sqlite_logged("count_change_on_plan_update", "UPDATE OF strategy, agency, kind", "plan", "NULL"),
    _sqlite_logged("count_change_on_tag_insert", "INSERT", "action_core_component", "NULL"),
    _sqlite_logged("count_change_on_tag_delete", "DELETE", "action_core_component", "NULL"),
    _sqlite_logged("count_change_on_tag_update", "UPDATE", "action_core_component", "NULL"),
    _sqlite_logged("count_change_on_component_delete", "DELETE", "core_component", "NULL"),
    _sqlite_logged("count_change_on_component_update", "UPDATE OF number", "core_component", "NULL"),
)


class RawStatements(Table, tablename="action_update"):
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
