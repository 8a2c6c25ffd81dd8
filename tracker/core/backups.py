"""Backing up and restoring a SQLite database, safely while the tracker runs.

Both go through SQLite's online backup API, never a file copy: a backup is a consistent
snapshot even while pages are being written, and a restore writes into the live database
through SQLite itself, so its `-wal` file stays its own. (Copying a backup over the file
leaves the old `-wal` beside it, and SQLite replays those stale pages over the restored copy
when it next opens it.) PostgreSQL is backed up with pg_dump and pg_restore (README).
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

# Tables every tracker database has, however old: a file without them is not a backup of one.
TRACKER_TABLES = frozenset({"migration", "plan", "action", "action_update"})
WAL_FILES = ("-wal", "-shm")


class BackupProblem(Exception):
    """The backup or restore cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    kept: Path | None  # the database as it was before, when there was one


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    return sqlite3.connect(path, timeout=30)


def _wal_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in WAL_FILES]


def _counts(connection: sqlite3.Connection) -> tuple[int, int]:
    """How many tables the database has and how many rows they hold in all."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    # The names come from the database's own catalogue, quoted: nothing typed reaches the SQL.
    count = 'SELECT COUNT(*) FROM "{}"'
    rows = sum(
        connection.execute(count.format(name.replace('"', '""'))).fetchone()[0] for name in names
    )
    return len(names), rows


def back_up(database: Path, target: Path) -> tuple[int, int]:
    """Copy `database` to `target` (a new file) as one snapshot; (tables, rows) copied."""
    if not database.is_file():
        raise BackupProblem(f"There is no database at {database} to back up.")
    if target.exists():
        raise BackupProblem(f"{target} already exists: give a new file name for the backup.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupProblem(f"Cannot make the folder {target.parent}: {error}") from None
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(_connect(database, read_only=True)) as source:
            with closing(_connect(partial)) as copy:
                source.backup(copy)  # one step: a consistent snapshot of the database
                # One self-contained file: no -wal beside the backup.
                copy.execute("PRAGMA journal_mode=DELETE")
                counts = _counts(copy)
        os.replace(partial, target)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupProblem(f"The backup failed: {error}") from None
    return counts


def check_backup(backup: Path) -> None:
    """BackupProblem unless `backup` is a whole, undamaged tracker database."""
    if not backup.is_file():
        raise BackupProblem(f"There is no file {backup} to restore from.")
    try:
        with closing(_connect(backup, read_only=True)) as source:
            verdict = source.execute("PRAGMA quick_check").fetchone()[0]
            tables = {
                row[0]
                for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except sqlite3.DatabaseError as error:
        raise BackupProblem(f"{backup} is not a SQLite database ({error}).") from None
    if verdict != "ok":
        raise BackupProblem(f"{backup} is damaged ({verdict}): restore another backup.")
    if not TRACKER_TABLES <= tables:
        raise BackupProblem(f"{backup} is not a backup of the tracker's database.")


def restore(backup: Path, database: Path, *, now: datetime) -> Restored:
    """Make `database` exactly `backup`, keeping what it held beside it, named for `now`."""
    check_backup(backup)
    kept = None
    if database.is_file():
        kept = database.with_name(f"{database.stem}.before-restore-{now:%Y%m%d-%H%M%S}.sqlite3")
        back_up(database, kept)
    else:
        # A -wal or -shm without its database belongs to no database: SQLite would replay
        # it into the new file.
        for leftover in _wal_files(database):
            leftover.unlink(missing_ok=True)
        database.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_connect(backup, read_only=True)) as source:
            with closing(_connect(database)) as live:
                source.backup(live)  # through SQLite, in one transaction on the live database
                live.execute("PRAGMA journal_mode=WAL")
                live.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # fold it in, empty the -wal
                tables, rows = _counts(live)
    except sqlite3.Error as error:
        raise BackupProblem(
            f"The restore failed and {database} is unchanged: {error}"
            + (f" (its copy is {kept})" if kept else "")
        ) from None
    return Restored(tables, rows, kept)
