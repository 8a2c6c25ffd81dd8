"""The `tracker` command."""

from __future__ import annotations

import warnings

import click

from tracker.cli.commands import (
    database,
    importing,
    imports,
    reminders,
    reporting,
    seeding,
    serving,
    tokens,
    users,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The partnership action-plan tracker.

    The database is the one DATABASE_URL names (default sqlite:///data/tracker.sqlite3).
    """


# Piccolo warns in colour on stderr when it cannot reach the database; the
# commands say that themselves, once and plainly.
warnings.filterwarnings("ignore", module=r"piccolo\.")

cli.add_command(serving.serve)
cli.add_command(database.db)
cli.add_command(seeding.seed)
cli.add_command(importing.import_command)
cli.add_command(imports.imports)
cli.add_command(users.users)
cli.add_command(tokens.tokens)
cli.add_command(reminders.reminders)
cli.add_command(reporting.report)
