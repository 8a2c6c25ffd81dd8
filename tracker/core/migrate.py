"""Applying the committed migrations, and telling whether any are missing."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

os.environ.setdefault("PICCOLO_CONF", "tracker.core.piccolo_conf")

from piccolo.apps.migrations.tables import Migration  # noqa: E402

APP_NAME = "tracker"


class MigrationFailed(RuntimeError):
    pass


MIGRATIONS = Path(__file__).parent / "migrations"
_ID = re.compile(r'^ID = "([^"]+)"$', re.MULTILINE)


def known_migration_ids() -> list[str]:
    """Each committed migration's ID, read from its file's `ID = "..."` line: what Piccolo's
    migration manager finds by importing them, without loading it (it imports black, a
    third of a second at every command's start). tests/core say they agree."""
    found = []
    for path in sorted(MIGRATIONS.glob("tracker_*.py")):
        match = _ID.search(path.read_text(encoding="utf-8"))
        if match is None:
            raise MigrationFailed(f"{path.name} names no migration ID")
        found.append(match.group(1))
    return sorted(found)


async def pending_migrations() -> list[str]:
    """Migrations in the code that the database has not had yet."""
    if not await Migration.table_exists():
        return known_migration_ids()
    applied = set(await Migration.get_migrations_which_ran(app_name=APP_NAME))
    return [migration for migration in known_migration_ids() if migration not in applied]


async def upgrade() -> list[str]:
    """Apply every pending migration; return the ones applied."""
    pending = await pending_migrations()
    if not pending:
        return []
    from piccolo.apps.migrations.commands.forwards import ForwardsMigrationManager

    chatter = io.StringIO()  # Piccolo prints progress with emoji; we report our own way
    with contextlib.redirect_stdout(chatter):
        result = await ForwardsMigrationManager(app_name=APP_NAME).run()
    if not result.success:
        raise MigrationFailed(result.message or chatter.getvalue().strip())
    return pending
