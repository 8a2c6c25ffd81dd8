"""The `tracker` command."""

from __future__ import annotations

import click

from tracker.cli.commands import database, importing, seeding, serving


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The partnership action-plan tracker.

    The database is the one DATABASE_URL names (default sqlite:///data/tracker.sqlite3).
    """


cli.add_command(serving.serve)
cli.add_command(database.db)
cli.add_command(seeding.seed)
cli.add_command(importing.import_command)
