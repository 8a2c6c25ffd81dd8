"""A plan's return gains the lead's optional cover note to the chairs, given on submitting.

Existing returns have none.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-03T15:55:41:118230"
VERSION = "1.38.0"
DESCRIPTION = "Return cover note"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)
    manager.add_column(
        table_class_name="PlanReturn",
        tablename="plan_return",
        column_name="cover_note",
        db_column_name="cover_note",
        column_class_name="Text",
        column_class=Text,
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
    return manager
