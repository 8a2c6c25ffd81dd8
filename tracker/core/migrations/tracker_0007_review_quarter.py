"""Challenges and escalations record the quarter under review they were raised for.

Existing ones have none: they belong to the quarter they were raised in, as before.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-03T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Quarter under review of challenges and escalations"

_PARAMS = {
    "length": 10,
    "default": None,
    "null": True,
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracker", description=DESCRIPTION)
    for class_name, tablename in (("Challenge", "challenge"), ("Escalation", "escalation")):
        manager.add_column(
            table_class_name=class_name,
            tablename=tablename,
            column_name="quarter",
            db_column_name="quarter",
            column_class_name="Varchar",
            column_class=Varchar,
            params=dict(_PARAMS),
            schema=None,
        )
    return manager
