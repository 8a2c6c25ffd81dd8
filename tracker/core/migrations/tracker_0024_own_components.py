"""A strategy's own core components: `core_component.strategy` names the strategy a
component belongs to; none (every component until now) means shared by every strategy.
The number stays unique across them all (SQLite cannot change that constraint), so a
strategy's own components take the next free numbers."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Serial
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-04T03:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "a strategy's own core components"


class Strategy(Table, tablename="strategy", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)
    manager.add_column(
        table_class_name="CoreComponent",
        tablename="core_component",
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
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )
    return manager
