from __future__ import annotations

import click

from tracker.cli.connection import connect, run, settings


@click.group()
def db() -> None:
    """Look after the database."""


@db.command("upgrade")
def upgrade_command() -> None:
    """Apply every migration the database has not had yet."""
    from tracker.core.migrate import MigrationFailed, upgrade  # piccolo's migrations: slow

    connect(settings())
    try:
        applied = run(upgrade())
    except MigrationFailed as error:
        raise click.ClickException(f"Migrating failed and was rolled back: {error}") from None
    except Exception as error:  # noqa: BLE001 - any driver's refusal, said in one line
        raise click.ClickException(f"The database cannot be reached: {error}") from None
    if applied:
        click.echo(f"Applied {len(applied)} migration(s): {', '.join(applied)}")
    else:
        click.echo("The database is up to date: no migrations to apply.")
