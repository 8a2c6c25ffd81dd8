"""Preview progress in the database: how far the background read of a staged upload has
got, so a page served by another worker can show it (`tracker serve --workers N`)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod


ID = "2026-12-03T23:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "preview progress"

COLUMNS = (
    ("token", Varchar, {"length": 64, "default": "", "null": False, "unique": True}),
    ("rows_read", Integer, {"default": 0, "null": False, "unique": False}),
    ("rows_total", Integer, {"default": 0, "null": False, "unique": False}),
    ("done", Boolean, {"default": False, "null": False, "unique": False}),
    ("started_at", Timestamptz, {"default": TimestamptzNow(), "null": False, "unique": False}),
)


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="tracker", description=DESCRIPTION
    )
    manager.add_table(
        class_name="PreviewProgress",
        tablename="preview_progress",
        schema=None,
        columns=None,
    )
    for name, column_class, params in COLUMNS:
        manager.add_column(
            table_class_name="PreviewProgress",
            tablename="preview_progress",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params={
                **params,
                "primary_key": False,
                "index": False,
                "index_method": IndexMethod.btree,
                "choices": None,
                "db_column_name": None,
                "secret": False,
            },
            schema=None,
        )
    return manager
