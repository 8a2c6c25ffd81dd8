"""What a quarter keeps is kept per strategy (issue 20): two strategies can run side by side
over the same quarters, so a quarter's key messages, front sheets, published reports and
return deadline, and a free-standing escalation, belong to one strategy.

Each table gains a nullable `strategy` (a foreign key to strategy). Existing rows get the
strategy whose period holds their quarter, else the first strategy (an escalation of an
action gets its action's plan's strategy).

The unique rules become per strategy:
- report_message.quarter and quarter_deadline.quarter were unique columns. PostgreSQL drops
  their constraints (<table>_quarter_key); SQLite cannot drop a column's constraint, so
  those two small tables are rebuilt without it (nothing refers to them).
- the unique indexes report_front_sheet_quarter_audience and published_report_version are
  dropped and made again with the strategy first (the same names, so the index checks hold).
"""

from datetime import date

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A quarter's messages, front sheets, reports, deadlines and escalations per strategy"


class Strategy(Table, tablename="strategy", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class RawStatements(Table, tablename="strategy"):
    pass


TABLES = (
    ("ReportMessage", "report_message"),
    ("ReportFrontSheet", "report_front_sheet"),
    ("PublishedReport", "published_report"),
    ("QuarterDeadline", "quarter_deadline"),
    ("Escalation", "escalation"),
)
UNIQUE_COLUMNS = (("ReportMessage", "report_message"), ("QuarterDeadline", "quarter_deadline"))
INDEXES = (
    "DROP INDEX IF EXISTS report_front_sheet_quarter_audience",
    "CREATE UNIQUE INDEX report_front_sheet_quarter_audience "
    "ON report_front_sheet (strategy, quarter, audience)",
    "DROP INDEX IF EXISTS published_report_version",
    "CREATE UNIQUE INDEX published_report_version "
    "ON published_report (strategy, quarter, audience, version)",
    "CREATE UNIQUE INDEX report_message_strategy_quarter ON report_message (strategy, quarter)",
    "CREATE UNIQUE INDEX quarter_deadline_strategy_quarter "
    "ON quarter_deadline (strategy, quarter)",
)


def quarter_start(quarter: str) -> date | None:
    """The first day of "2020-21-Q2"; None for anything else."""
    try:
        year, number = int(quarter[:4]), int(quarter[-1])
    except (TypeError, ValueError):
        return None
    if not 1 <= number <= 4:
        return None
    return date(year + 1, 1, 1) if number == 4 else date(year, 1 + 3 * number, 1)


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


async def _backfill(sqlite: bool) -> None:
    raw = RawStatements.raw
    strategies = [
        (row["id"], _day(row["starts"]), _day(row["ends"]))
        for row in await raw("SELECT id, starts, ends FROM strategy ORDER BY starts, id")
    ]
    if not strategies:
        return

    def holding(day: date | None) -> int:
        found = [i for i, starts, ends in strategies if day and starts <= day <= ends]
        return found[0] if found else strategies[0][0]

    for _, table in TABLES:
        rows = await raw(f"SELECT id, quarter FROM {table} WHERE strategy IS NULL")  # noqa: S608
        for row in rows:
            await raw(
                f"UPDATE {table} SET strategy = {{}} WHERE id = {{}}",  # noqa: S608
                holding(quarter_start(row["quarter"] or "")),
                row["id"],
            )
    await raw(
        "UPDATE escalation SET strategy = "
        "(SELECT plan.strategy FROM action JOIN plan ON plan.id = action.plan "
        "WHERE action.id = escalation.action) WHERE action IS NOT NULL"
    )


async def _rebuild_without_unique(table: str) -> None:
    """SQLite: the table again, its quarter no longer unique on its own."""
    raw = RawStatements.raw
    [row] = await raw(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = {}", table
    )
    made = row["sql"].replace('"quarter" VARCHAR(10) UNIQUE', '"quarter" VARCHAR(10)')
    made = made.replace(f'"{table}"', f'"{table}_new"', 1)
    assert "UNIQUE" not in made, made
    indexes = await raw(
        "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = {} "
        "AND sql IS NOT NULL",
        table,
    )
    await raw(made)
    await raw(f'INSERT INTO "{table}_new" SELECT * FROM "{table}"')  # noqa: S608
    await raw(f'DROP TABLE "{table}"')
    await raw(f'ALTER TABLE "{table}_new" RENAME TO "{table}"')
    for index in indexes:
        await raw(index["sql"])


class PerStrategy(MigrationManager):
    """Adds the columns, then (PostgreSQL) drops the unique column constraints or (SQLite)
    rebuilds the two tables without them, fills the columns and makes the indexes."""

    async def _run_alter_columns(self, backwards: bool = False):
        if engine_finder().engine_type != "sqlite":  # SQLite: rebuilt in run()
            await super()._run_alter_columns(backwards=backwards)

    async def run(self, backwards: bool = False):
        await super().run(backwards=backwards)
        if backwards:
            return
        # Resolved now, not at import: one process (the tests) may migrate several.
        engine = engine_finder()
        RawStatements._meta.db = engine
        sqlite = engine.engine_type == "sqlite"
        if sqlite:
            for _, table in UNIQUE_COLUMNS:
                await _rebuild_without_unique(table)
        await _backfill(sqlite)
        for statement in INDEXES:
            await RawStatements.raw(statement)


async def forwards():
    manager = PerStrategy(migration_id=ID, app_name="tracker", description=DESCRIPTION)
    for class_name, table in TABLES:
        manager.add_column(
            table_class_name=class_name,
            tablename=table,
            column_name="strategy",
            db_column_name="strategy",
            column_class_name="ForeignKey",
            column_class=ForeignKey,
            params={
                "references": Strategy,
                "on_delete": OnDelete.restrict,
                "on_update": OnUpdate.cascade,
                "target_column": None,
                "null": True,
                "default": None,
                "primary_key": False,
                "unique": False,
                "index": True,
                "index_method": IndexMethod.btree,
                "choices": None,
                "db_column_name": None,
                "secret": False,
            },
            schema=None,
        )
    for class_name, table in UNIQUE_COLUMNS:
        manager.alter_column(
            table_class_name=class_name,
            tablename=table,
            column_name="quarter",
            db_column_name="quarter",
            params={"unique": False},
            old_params={"unique": True},
            column_class=None,
            old_column_class=None,
            schema=None,
        )
    return manager
