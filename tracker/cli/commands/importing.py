from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import click

from tracker.cli.connection import connect, one_pass_memory, require_migrated, run, settings


def _as_at(_: click.Context, __: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None  # today, or a tracker proforma's quarter's last day
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("give the date as YYYY-MM-DD, e.g. 2020-09-30") from None


def _strategy_id(given: str | None) -> int | None:
    """The strategy --strategy names; None (the current one) without it."""
    if given is None:
        return None
    from tracker.core.chosen import strategy_named

    found = run(strategy_named(given))
    if found is None:
        raise click.BadParameter(
            f"There is no strategy {given!r}: give its id or exact name (tracker strategy list).",
            param_hint="--strategy",
        )
    return found.id


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--agency", help="The agency whose plan this is (overrides what the file says).")
@click.option("--plan", help="The plan's name (overrides what the file says).")
@click.option(
    "--as-at",
    callback=_as_at,
    help="The date the return describes (YYYY-MM-DD). Default: today, or a tracker "
    "proforma's quarter's last day.",
)
@click.option("--dry-run", is_flag=True, help="Read and check the file; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--confirm-personal-data",
    is_flag=True,
    help="Import progress that looks like it identifies a person (listed by --dry-run) as it "
    "is; the business unit reviews it on the Flagged text page.",
)
@click.option(
    "--submit",
    is_flag=True,
    help="Submit each plan's return for the quarter the file fills (as the Imports page "
    "does by default); without it the return is left in progress.",
)
@click.option(
    "--strategy",
    default=None,
    help="The strategy to import into: its id or exact name (`tracker strategy list`). "
    "Default: the current one (running today; else the latest to have started).",
)
def import_command(
    file: Path,
    agency: str | None,
    plan: str | None,
    as_at: date | None,
    dry_run: bool,
    as_json: bool,
    confirm_personal_data: bool,
    submit: bool,
    strategy: str | None,
) -> None:
    """Import an agency's proforma spreadsheet (.xlsx) into its plan.

    Exit status: 0 imported (or would import); 1 the file has errors, or progress
    that looks like personal data without --confirm-personal-data, and nothing
    was written; 2 the file cannot be read at all; 3 the database failed, and
    nothing was written.
    """
    one_pass_memory()  # before the imports below, whose objects it would walk too
    # Imported when it runs, not for --help: openpyxl, the importer and the drivers.
    from tracker.imports.limits import ImportLimits, check_upload_size
    from tracker.imports.outcome import EXIT_UNREADABLE
    from tracker.imports.proforma import UnreadableFile
    from tracker.imports.proforma.workbook import SHARE_THE_LOOP
    from tracker.imports.refusals import NoStrategy, PersonalDataNotConfirmed
    from tracker.imports.service import import_workbook

    SHARE_THE_LOOP.set(False)  # this process serves no one else while it reads

    current = settings()
    if not file.is_file():
        click.echo(f"Cannot import {file.name}: there is no such file.", err=True)
        sys.exit(EXIT_UNREADABLE)
    try:
        connect(current)
        run(require_migrated())
    except click.ClickException as error:
        _database_failed(file, error.message[:1].lower() + error.message[1:])
    strategy_id = _strategy_id(strategy)
    try:
        check_upload_size(file.stat().st_size, current.max_upload_bytes)
        outcome = run(
            import_workbook(
                file,
                file_name=file.name,
                as_at=as_at,
                recorded_by="tracker import",
                dry_run=dry_run,
                agency=agency,
                plan=plan,
                limits=ImportLimits.of(current),
                personal_data_confirmed=confirm_personal_data,
                submit_return=submit,
                strategy_id=strategy_id,
            )
        )
    except PersonalDataNotConfirmed as unconfirmed:
        outcome = unconfirmed.as_errors()
    except UnreadableFile as error:
        click.echo(f"Cannot import {file.name}: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    except NoStrategy as error:
        raise click.ClickException(str(error)) from None
    except _database_failures() as error:
        _database_failed(file, f"the database failed: {_first_line(error)}")
    if as_json:
        # One line: indent would switch json to its pure-Python encoder, 5x slower.
        click.echo(json.dumps(outcome.result, ensure_ascii=False))
    else:
        summary = outcome.result["summary"]
        verb = "Would import" if dry_run or outcome.workbook.errors else "Imported"
        click.echo(summary_line(verb, file.name, summary))
        for line in problem_lines("Error", outcome.result["errors"]):
            click.echo(line, err=True)
        for line in problem_lines("Warning", outcome.result["warnings"] or []):
            click.echo(line, err=True)
        if outcome.workbook.errors:
            click.echo("Nothing was written because the file has errors.", err=True)
        if outcome.personal_data and outcome.workbook.errors and not confirm_personal_data:
            click.echo(
                "Progress that looks like it identifies a person is not imported unless you "
                "check it and run again with --confirm-personal-data.",
                err=True,
            )
    sys.exit(outcome.exit_status)


def _database_failures() -> tuple[type[BaseException], ...]:
    """What the drivers raise when the database refuses or cannot be reached: never the
    file's fault."""
    import asyncpg

    return (sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError, OSError)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:300]


def _database_failed(file: Path, why: str) -> NoReturn:
    from tracker.imports.outcome import EXIT_DATABASE

    # Where the reason says what to run, trying again would not help.
    advice = (
        ""
        if "run `" in why
        else "; try again, and if it keeps failing tell whoever runs the tracker"
    )
    click.echo(
        f"Cannot import {file.name}: {why.rstrip('.')}. Nothing was written{advice}.", err=True
    )
    sys.exit(EXIT_DATABASE)


def summary_line(verb: str, file_name: str, summary: dict[str, int]) -> str:
    return (
        f"{verb} {file_name}: {summary['created']:,} created, {summary['updated']:,} updated, "
        f"{summary['unchanged']:,} unchanged."
    )


ROWS_NAMED = 5  # a message found on more rows names these, then says how many more


def problem_lines(kind: str, problems: Iterable[dict[str, Any]]) -> list[str]:
    """One line per problem, except that a message found in the same sheet and column on
    several rows is one line naming the rows: "Warning: sheet Action plan, rows 11, 18,
    25, 32, 39 and 709 more, column Time-scale: cannot read 'TBC' as a date, ...". In the
    order the problems were first found."""
    rows: dict[tuple[Any, Any, str], list[Any]] = {}
    for problem in problems:
        key = (problem.get("sheet"), problem.get("column"), problem["message"])
        rows.setdefault(key, []).append(problem.get("row"))
    lines = []
    for (sheet, column, message), found in rows.items():
        numbered = [row for row in found if row]
        if len(numbered) < 2:
            lines += [f"{kind}: {_where(_problem(sheet, row, column))}{message}" for row in found]
            continue
        named = ", ".join(str(row) for row in numbered[:ROWS_NAMED])
        more = len(numbered) - ROWS_NAMED
        rows_part = f"rows {named}" + (f" and {more:,} more" if more > 0 else "")
        parts = [f"sheet {sheet}" if sheet else "", rows_part, f"column {column}" if column else ""]
        lines.append(f"{kind}: {', '.join(part for part in parts if part)}: {message}")
        unnumbered = len(found) - len(numbered)
        lines += [f"{kind}: {_where(_problem(sheet, None, column))}{message}"] * unnumbered
    return lines


def _problem(sheet: Any, row: Any, column: Any) -> dict[str, Any]:
    return {"sheet": sheet, "row": row, "column": column}


def _where(problem: dict) -> str:
    parts = [
        f"sheet {problem['sheet']}" if problem.get("sheet") else "",
        f"row {problem['row']}" if problem.get("row") else "",
        f"column {problem['column']}" if problem.get("column") else "",
    ]
    where = ", ".join(part for part in parts if part)
    return f"{where}: " if where else ""
