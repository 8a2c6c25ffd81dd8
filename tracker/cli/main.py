"""The `tracker` command."""

from __future__ import annotations

import importlib
import warnings

import click

# Each command's module is imported only when that command runs (or shows its own help), so
# a command starts without loading what the others need (spreadsheets, Word documents,
# migrations, the web app). `tracker --help` lists them from the summaries here, importing
# none: tests/cli check each summary is the one its command gives.
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
    "strategy": ("tracker.cli.commands.strategies", "strategy"),
}
SUMMARIES = {
    "backup": "Copy the SQLite database to PATH (a new file), safely while the tracker runs.",
    "db": "Look after the database.",
    "import": "Import an agency's proforma spreadsheet (.xlsx) into its plan.",
    "imports": "The history of imports, and taking one back.",
    "notifications": "E-mails telling people of challenges, replies, returns and deadlines.",
    "proforma": (
        "Write a plan's proforma (.xlsx) for QUARTER, pre-filled as at the quarter's last day."
    ),
    "reminders": "E-mail reminders to leads: returns due and actions due or overdue.",
    "report": "Write QUARTER's assurance report for AUDIENCE, as at the quarter's last day.",
    "restore": "Make the SQLite database exactly the backup at PATH.",
    "seed": "Load the strategy from imports/: agencies, core components, glossary and plans.",
    "serve": "Serve the tracker's pages on HOST:PORT.",
    "strategy": "Strategies: each has its own plans, returns and reports.",
    "tokens": "Personal API tokens: each acts as its account, in its role.",
    "users": "Accounts: who may sign in, and in which role.",
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, from their summaries: no command's module is imported.

        Laid out as click lays out the commands themselves (shortened to fit the width).
        """
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
            for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The partnership action-plan tracker.

    The database is the one DATABASE_URL names (default sqlite:///data/tracker.sqlite3).
    """


# Piccolo warns in colour on stderr when it cannot reach the database; the
# commands say that themselves, once and plainly.
warnings.filterwarnings("ignore", module=r"piccolo\.")
