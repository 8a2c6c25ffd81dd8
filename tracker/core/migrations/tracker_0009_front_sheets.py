"""The front sheets of a quarter's papers: one per quarter and audience, written by the
business unit (meeting, protective marking, purpose, summary, recommendations).

The pair (quarter, audience) is unique. Piccolo runs a migration's raw statements
before the tables it adds, so the unique index is made once the table is there.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-03T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Front sheets of the quarterly papers"

UNIQUE_INDEX = (
    "CREATE UNIQUE INDEX report_front_sheet_quarter_audience "
    "ON report_front_sheet (quarter, audience)"
)


class RawStatements(Table, tablename="report_front_sheet"):
    pass


class TableThenIndex(MigrationManager):
    """Adds the table, then its unique index."""

    async def run(self, backwards: bool = False):
        await super().run(backwards=backwards)
        if not backwards:
            # Resolved now, not at import: one process (the tests) may migrate several.
            RawStatements._meta.db = engine_finder()
            await RawStatements.raw(UNIQUE_INDEX)


async def forwards():
    manager = TableThenIndex(migration_id=ID, app_name="tracker", description=DESCRIPTION)

    manager.add_table(
        class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="quarter",
        db_column_name="quarter",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 10,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="audience",
        db_column_name="audience",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="meeting",
        db_column_name="meeting",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 200,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="meeting_date",
        db_column_name="meeting_date",
        column_class_name="Date",
        column_class=Date,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="marking",
        db_column_name="marking",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 20,
            "default": "OFFICIAL",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="purpose",
        db_column_name="purpose",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="summary",
        db_column_name="summary",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="recommendations",
        db_column_name="recommendations",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="written_by",
        db_column_name="written_by",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 254,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="ReportFrontSheet",
        tablename="report_front_sheet",
        column_name="written_at",
        db_column_name="written_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
