"""The `tracker` command."""

from __future__ import annotations

import importlib
import warnings

import click

# Each command's module is imported when that command runs (or lists its help), so a command
# starts without loading what the others need (spreadsheets, Word documents, migrations).
COMMANDS = {
    "serve": ("tracker.cli.commands.serving", "serve"),
    "backup": ("tracker.cli.commands.backup", "backup"),
    "restore": ("tracker.cli.commands.backup", "restore_command"),
    "db": ("tracker.cli.commands.database", "db"),
    "seed": ("tracker.cli.commands.seeding", "seed"),
    "import": ("tracker.cli.commands.importing", "import_command"),
    "imports": ("tracker.cli.commands.imports", "imports"),
    "users": ("tracker.cli.commands.users", "users"),
    "tokens": ("tracker.cli.commands.tokens", "tokens"),
    "reminders": ("tracker.cli.commands.reminders", "reminders"),
    "notifications": ("tracker.cli.commands.notifications", "notifications"),
    "report": ("tracker.cli.commands.reporting", "report"),
    "proforma": ("tracker.cli.commands.proformas", "proforma"),
}


class Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The partnership action-plan tracker.

    The database is the one DATABASE_URL names (default sqlite:///data/tracker.sqlite3).
    """


# Piccolo warns in colour on stderr when it cannot reach the database; the
# commands say that themselves, once and plainly.
warnings.filterwarnings("ignore", module=r"piccolo\.")
