"""Strategies that follow one another and plans kept on the web (issue 20): a strategy can
be closed; objectives are versioned; an action can be withdrawn (from a day, with a reason)
and can carry on an action of an earlier strategy; a browser remembers the strategy it chose."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import Date
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-04T00:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "strategies and plan changes"

_NULL = {"default": None, "null": True}
_SELF = {
    "references": "self",
    "on_delete": OnDelete.set_null,
    "on_update": OnUpdate.cascade,
    "target_column": None,
    "null": True,
}
COLUMNS = (
    ("Strategy", "strategy", "closed_at", Timestamptz, _NULL),
    ("Strategy", "strategy", "closed_by", Varchar, {"length": 200, **_NULL}),
    ("Objective", "objective", "version", Integer, {"default": 1, "null": False}),
    ("Action", "action", "carried_from", ForeignKey, _SELF),
    ("Action", "action", "withdrawn_by", Varchar, {"length": 200, **_NULL}),
    ("Action", "action", "withdrawn_on", Date, _NULL),
    ("Action", "action", "withdrawn_reason", Text, _NULL),
    ("SignInSession", "sign_in_session", "strategy", Integer, _NULL),
)


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="tracker", description=DESCRIPTION
    )
    for class_name, table, name, column_class, params in COLUMNS:
        manager.add_column(
            table_class_name=class_name,
            tablename=table,
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params={
                **params,
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
