"""The first three numbers of each action's ref, kept by PostgreSQL beside the ref (issue 18).

The review sorts by ref as people read refs: 1.2 before 1.10 (tracker.review.table.ref_key).
Working the numbers out of 20,000 refs with three regular expressions each, for every
request, cost PostgreSQL about 55 ms of a 100 ms query; as generated columns they are
worked out once, when a ref is written, by the database itself, so no write path can
leave them behind. SQLite works them out as it sorts (cheap at its sizes): nothing there.

ref_n1, ref_n2, ref_n3: the ref's first, second and third numbers (1.10.2: 1, 10, 2),
NULL where it has fewer or does not start with one.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T15:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "ref order: the ref's numbers as generated columns on PostgreSQL"

_SKIP = r"[0-9]+[.\s]+"
POSTGRES = tuple(
    f"ALTER TABLE action ADD COLUMN ref_n{n + 1} INTEGER GENERATED ALWAYS AS "
    rf"(CAST(substring(ref from '^\s*{_SKIP * n}([0-9]+)') AS INTEGER)) STORED"
    for n in range(3)
)


class RawStatements(Table, tablename="action"):
    pass


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    async def create() -> None:
        engine = engine_finder()
        if engine.engine_type != "postgres":
            return
        RawStatements._meta.db = engine
        for statement in POSTGRES:
            await RawStatements.raw(statement)

    manager.add_raw(create)
    return manager
