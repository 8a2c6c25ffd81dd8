"""Each action's latest update, kept by the database in `standing_now` (issue 18).

The pages mostly show a plan as at today, when each action's standing update is simply
its latest one (no update is dated after today). Finding that for 20,000 actions one
index step at a time costs about 60 ms on PostgreSQL; reading it from this table of one
row per action, a hash join, a few. tracker.plans.statuses uses it for any day on or
after the newest update's as-at day, and the index walk otherwise.

Triggers keep it, so no write path (the web, imports and their undo, redaction, seeding,
a hand-written query) can leave it behind:
- SQLite: after each inserted, changed or deleted update, its action's row is worked out
  again (SQLite has one writer at a time).
- PostgreSQL: once per statement. New updates go in with an upsert that keeps the later
  of the row there and the new one, so two people recording updates for one action at
  the same moment both count without waiting on each other. A changed or deleted update
  locks its actions' rows (in id order) and works their rows out again.

Columns as action_update names them (id is the update's), so queries read `u.rag`,
`u.as_at` and `u.progress` from either source.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "standing now: each action's latest update, kept by triggers"

_ORDER = "v.as_at DESC, v.recorded_at DESC, v.id DESC"
_COLUMNS = "action, id, rag, progress, as_at, recorded_at"
_FILL = (
    f"INSERT INTO standing_now ({_COLUMNS}) "  # noqa: S608 - constant text
    f"SELECT {_COLUMNS} FROM (SELECT v.*, ROW_NUMBER() OVER "
    f"(PARTITION BY v.action ORDER BY {_ORDER}) AS n FROM action_update AS v) AS w WHERE n = 1"
)

# The updates about a quarter's days (My actions' "updated this quarter", the returns):
# a range of days, found without reading every update.
_BY_DAY = "CREATE INDEX action_update_as_at ON action_update (as_at)"


def _sqlite_refresh(which: str) -> str:
    return (
        f"DELETE FROM standing_now WHERE action = {which}.action; "
        f"INSERT INTO standing_now ({_COLUMNS}) SELECT {_COLUMNS} FROM action_update AS v "
        f"WHERE v.action = {which}.action ORDER BY {_ORDER} LIMIT 1;"
    )


SQLITE = (
    'CREATE TABLE standing_now ("action" INTEGER PRIMARY KEY NOT NULL '
    'REFERENCES "action" ("id") ON DELETE CASCADE, "id" INTEGER NOT NULL, '
    '"rag" VARCHAR(10) DEFAULT null, "progress" TEXT DEFAULT null, "as_at" DATE NOT NULL, '
    '"recorded_at" TIMESTAMPTZ NOT NULL)',
    "CREATE INDEX standing_now_as_at ON standing_now (as_at)",
    _BY_DAY,
    _FILL,
    "CREATE TRIGGER standing_now_on_insert AFTER INSERT ON action_update "
    f"BEGIN {_sqlite_refresh('NEW')} END",
    "CREATE TRIGGER standing_now_on_delete AFTER DELETE ON action_update "
    f"BEGIN {_sqlite_refresh('OLD')} END",
    "CREATE TRIGGER standing_now_on_update AFTER UPDATE ON action_update "
    f"BEGIN {_sqlite_refresh('OLD')} {_sqlite_refresh('NEW')} END",
)

_LATEST_OF = (
    f"SELECT DISTINCT ON (v.action) {_COLUMNS.replace('action, ', 'v.action, v.')} "
    "FROM {source} AS v {where} ORDER BY v.action, " + _ORDER
)

POSTGRES = (
    "CREATE TABLE standing_now (action INTEGER PRIMARY KEY REFERENCES action (id) "
    "ON DELETE CASCADE, id INTEGER NOT NULL, rag VARCHAR(10), progress TEXT, "
    "as_at DATE NOT NULL, recorded_at TIMESTAMPTZ NOT NULL)",
    "CREATE INDEX standing_now_as_at ON standing_now (as_at)",
    _BY_DAY,
    _FILL,
    "CREATE FUNCTION standing_now_added() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"INSERT INTO standing_now AS s ({_COLUMNS}) "
    + _LATEST_OF.format(source="added", where="")
    + " ON CONFLICT (action) DO UPDATE SET id = excluded.id, rag = excluded.rag, "
    "progress = excluded.progress, as_at = excluded.as_at, recorded_at = excluded.recorded_at "
    "WHERE (excluded.as_at, excluded.recorded_at, excluded.id) > (s.as_at, s.recorded_at, s.id); "
    "RETURN NULL; END $$",
    "CREATE FUNCTION standing_now_recount() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE ids integer[]; BEGIN "
    "IF TG_OP = 'DELETE' THEN SELECT array_agg(DISTINCT action) INTO ids FROM gone; "
    "ELSE SELECT array_agg(DISTINCT action) INTO ids FROM "
    "(SELECT action FROM gone UNION SELECT action FROM came) AS t; END IF; "
    "IF ids IS NULL THEN RETURN NULL; END IF; "
    "PERFORM 1 FROM action WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE; "
    "DELETE FROM standing_now WHERE action = ANY(ids); "
    f"INSERT INTO standing_now ({_COLUMNS}) "
    + _LATEST_OF.format(source="action_update", where="WHERE v.action = ANY(ids)")
    + "; RETURN NULL; END $$",
    "CREATE TRIGGER standing_now_on_insert AFTER INSERT ON action_update "
    "REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION standing_now_added()",
    "CREATE TRIGGER standing_now_on_update AFTER UPDATE ON action_update "
    "REFERENCING OLD TABLE AS gone NEW TABLE AS came "
    "FOR EACH STATEMENT EXECUTE FUNCTION standing_now_recount()",
    "CREATE TRIGGER standing_now_on_delete AFTER DELETE ON action_update "
    "REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION standing_now_recount()",
)


class RawStatements(Table, tablename="action_update"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create() -> None:
        # Resolved now, not at import: one process (the test suite) migrates several databases.
        engine = engine_finder()
        RawStatements._meta.db = engine
        for statement in POSTGRES if engine.engine_type == "postgres" else SQLITE:
            await RawStatements.raw(statement)

    manager.add_raw(create)
    return manager
