"""`tracker --help` lists the commands without loading any of them, so it answers at once."""

import subprocess
import sys

import click

from tracker.cli.main import COMMANDS, SUMMARIES, cli

# What `tracker --help` must not load: every command's module, and what they bring.
HEAVY = ("openpyxl", "litestar", "piccolo", "docx", "weasyprint", "tracker.cli.commands")


def test_the_list_of_commands_says_what_each_command_says_of_itself():
    context = click.Context(cli)
    assert set(SUMMARIES) == set(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None
        assert SUMMARIES[name] == command.get_short_help_str(limit=1000), name


def test_help_loads_no_command_and_none_of_their_libraries():
    program = (
        "import sys\n"
        "from tracker.cli.main import cli\n"
        "try:\n"
        "    cli(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    assert "serve" in done.stdout  # the commands are listed
    assert done.stdout.strip().splitlines()[-1] == "[]"


# What a command loads only when it runs: the spreadsheet reader and writer, Word, the web
# app, piccolo's migrations (which import black).
LOADED_WHEN_RUN = ("openpyxl", "docx", "litestar", "piccolo.apps.migrations", "black")


def test_a_commands_help_loads_none_of_what_it_needs_to_run():
    program = (
        "import sys\n"
        "from tracker.cli.main import cli\n"
        "loaded = {}\n"
        f"for name in {sorted(COMMANDS)!r}:\n"
        "    try:\n"
        "        cli([name, '--help'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        f"print(sorted(m for m in sys.modules if m.startswith({LOADED_WHEN_RUN!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
