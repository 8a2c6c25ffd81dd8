"""fold_case(text): text in small letters, every letter (not only A to Z), on both databases.

Searching the review ("łukasz" finds "Łukasz", "élan" finds "ÉLAN") and the audit trail
compares text folded to small letters. SQLite's own LOWER folds only A to Z, and so does
PostgreSQL's in a database made with the C locale; the rules (tracker.review.table) use
Python's str.lower. On PostgreSQL this function lowers with ICU's root locale where the
server has it (Debian's and most builds do), whatever the database's locale; else with
the database's own. SQLite has no stored functions: the tracker gives each connection
one (tracker.core.engine).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "fold_case: lower case for every letter, on PostgreSQL whatever its locale"

_FUNCTION = (
    "CREATE OR REPLACE FUNCTION fold_case(t text) RETURNS text LANGUAGE sql IMMUTABLE "
    "PARALLEL SAFE AS $$ SELECT lower(t{collate}) $$"
)
ICU_ROOT = "und-x-icu"


class RawStatements(Table, tablename="action"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create() -> None:
        engine = engine_finder()
        if engine.engine_type != "postgres":
            return
        RawStatements._meta.db = engine
        [found] = await RawStatements.raw(
            "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = {}) AS icu", ICU_ROOT
        )
        collate = f' COLLATE "{ICU_ROOT}"' if found["icu"] else ""
        await RawStatements.raw(_FUNCTION.format(collate=collate))

    manager.add_raw(create)
    return manager
