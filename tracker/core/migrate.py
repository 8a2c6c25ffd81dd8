"""Applying the committed migrations, and telling whether any are missing."""

from __future__ import annotations

import contextlib
import io
import os

os.environ.setdefault("PICCOLO_CONF", "tracker.core.piccolo_conf")

from piccolo.apps.migrations.commands.base import BaseMigrationManager  # noqa: E402
from piccolo.apps.migrations.commands.forwards import ForwardsMigrationManager  # noqa: E402
from piccolo.apps.migrations.tables import Migration  # noqa: E402

APP_NAME = "tracker"


class MigrationFailed(RuntimeError):
    pass


def _known_migration_ids() -> list[str]:
    manager = BaseMigrationManager()
    app_config = manager.get_app_config(app_name=APP_NAME)
    modules = manager.get_migration_modules(app_config.resolved_migrations_folder_path)
    return sorted(manager.get_migration_ids(modules))


async def pending_migrations() -> list[str]:
    """Migrations in the code that the database has not had yet."""
    if not await Migration.table_exists():
        return _known_migration_ids()
    applied = set(await Migration.get_migrations_which_ran(app_name=APP_NAME))
    return [migration for migration in _known_migration_ids() if migration not in applied]


async def upgrade() -> list[str]:
    """Apply every pending migration; return the ones applied."""
    pending = await pending_migrations()
    if not pending:
        return []
    chatter = io.StringIO()  # Piccolo prints progress with emoji; we report our own way
    with contextlib.redirect_stdout(chatter):
        result = await ForwardsMigrationManager(app_name=APP_NAME).run()
    if not result.success:
        raise MigrationFailed(result.message or chatter.getvalue().strip())
    return pending
