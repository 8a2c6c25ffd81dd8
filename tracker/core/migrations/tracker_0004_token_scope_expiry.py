"""API tokens gain a scope (read, or read and write) and an expiry.

Tokens made before this migration become read-write (what they could do
before) and expire one year after they were made, the lifetime of a new
token, so no token is older than that rule allows. The tracker had no
database outside development and tests before 3 Dec 2026, so no token is
cut off at once by this. The tokens of accounts disabled before now are
revoked, as disabling does from now on, so enabling such an account again
does not bring its tokens back.

The expiry of the existing rows is filled in straight after the columns are
added, in the migration's own transaction: Piccolo runs a migration's raw
steps before its column changes, so the filling is a step of
`_run_add_columns` here rather than an `add_raw`.
"""

from datetime import datetime, timedelta, timezone

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-03T14:50:12:675355"
VERSION = "1.38.0"
DESCRIPTION = "API token scope and expiry"

LIFETIME = timedelta(days=365)  # tracker.accounts.tokens.DEFAULT_LIFETIME when this was written


class ExistingAccounts(Table, tablename="account"):
    id = Serial(primary_key=True)
    active = Boolean()


class ExistingTokens(Table, tablename="api_token"):
    id = Serial(primary_key=True)
    account = Integer()  # the account's id: a plain number is enough here
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
    expires_at = Timestamptz(null=True, default=None)


async def fill_expiry() -> None:
    engine = engine_finder()
    ExistingAccounts._meta.db = ExistingTokens._meta.db = engine
    now = datetime.now(timezone.utc)
    disabled = {
        row["id"]
        for row in await ExistingAccounts.select(ExistingAccounts.id).where(
            ExistingAccounts.active == False  # noqa: E712 - SQL, not Python
        )
    }
    rows = await ExistingTokens.select(
        ExistingTokens.id, ExistingTokens.account, ExistingTokens.created_at, ExistingTokens.revoked_at
    )
    for row in rows:
        values = {ExistingTokens.expires_at: row["created_at"] + LIFETIME}
        if row["account"] in disabled and row["revoked_at"] is None:
            values[ExistingTokens.revoked_at] = now
        await ExistingTokens.update(values).where(ExistingTokens.id == row["id"])


class AddThenFill(MigrationManager):
    async def _run_add_columns(self, backwards: bool = False) -> None:
        await super()._run_add_columns(backwards=backwards)
        if not backwards and not self.preview:
            await fill_expiry()


COMMON = {
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


async def forwards():
    manager = AddThenFill(migration_id=ID, app_name="tracker", description=DESCRIPTION)
    manager.add_column(
        table_class_name="ApiToken",
        tablename="api_token",
        column_name="expires_at",
        db_column_name="expires_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={"default": None, "null": True, **COMMON},
        schema=None,
    )
    manager.add_column(
        table_class_name="ApiToken",
        tablename="api_token",
        column_name="scope",
        db_column_name="scope",
        column_class_name="Varchar",
        column_class=Varchar,
        params={"length": 10, "default": "read-write", "null": False, **COMMON},
        schema=None,
    )
    return manager
