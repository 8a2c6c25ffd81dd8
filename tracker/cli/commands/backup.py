"""`tracker backup PATH` and `tracker restore PATH`: the SQLite database, safely while it runs.

PostgreSQL has its own tools for this (pg_dump and pg_restore): these commands say so.
"""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.connection import settings
from tracker.core import clock
from tracker.core.backups import BackupProblem, back_up, restore
from tracker.core.engine import DatabaseUrlError, engine_kind, sqlite_path

PG_DUMP = 'pg_dump --format=custom --file=PATH "$DATABASE_URL"'
PG_RESTORE = 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" PATH'


class NotForThisDatabase(click.ClickException):
    """Asked of a database these commands do not look after: exit status 2, like a usage error."""

    exit_code = 2


def _sqlite_file(command: str) -> Path:
    url = settings().database_url
    try:
        kind = engine_kind(url)
    except DatabaseUrlError as error:
        raise NotForThisDatabase(str(error)) from None
    path = sqlite_path(url)
    if kind != "sqlite" or path is None:
        tool = PG_DUMP if command == "backup" else PG_RESTORE
        raise NotForThisDatabase(
            f"DATABASE_URL is a PostgreSQL database: `tracker {command}` is for SQLite. "
            f"Use PostgreSQL's own tool: {tool} (README, Backing up)."
        )
    return path


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    """Copy the SQLite database to PATH (a new file), safely while the tracker runs."""
    database = _sqlite_file("backup")
    try:
        tables, rows = back_up(database, path)
    except BackupProblem as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"Backed up {database} to {path}: {tables} tables, {rows:,} rows.")


@click.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(path: Path) -> None:
    """Make the SQLite database exactly the backup at PATH.

    What the database held before is kept beside it (NAME.before-restore-DATE.sqlite3).
    Stop the tracker first, so nobody's work is lost; then run `tracker db upgrade` in case
    the backup is from an older version.
    """
    database = _sqlite_file("restore")
    try:
        done = restore(path, database, now=clock.uk_now())
    except BackupProblem as problem:
        raise click.ClickException(str(problem)) from None
    if done.kept:
        click.echo(f"What {database} held before is kept in {done.kept}.")
    click.echo(f"Restored {database} from {path}: {done.tables} tables, {done.rows:,} rows.")
