"""`tracker report`: a quarter's assurance report in a file, as the Reports page gives it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core.dates import Quarter, format_date
from tracker.reports.model import Audience, Format


def _refuse(message: str) -> NoReturn:
    """Bad input: one line on stderr and exit status 2, as for a bad option."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _choice(kind: type[Audience] | type[Format], text: str, what: str) -> str:
    values = [member.value for member in kind]
    if text.strip().lower() not in values:
        _refuse(f"{what} {text!r} is not one of {', '.join(values)}")
    return text.strip().lower()


@click.command("report")
@click.option("--quarter", required=True, help="The quarter, written like 2020-21-Q2.")
@click.option("--audience", required=True, help="business-group or masa.")
@click.option("--format", "format_", required=True, help="xlsx, docx, html or json.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
def report(quarter: str, audience: str, format_: str, out: Path) -> None:
    """Write QUARTER's assurance report for AUDIENCE, as at the quarter's last day."""
    try:
        asked = Quarter.parse(quarter)
    except ValueError as error:
        _refuse(str(error))
    chosen_audience = Audience(_choice(Audience, audience, "audience"))
    chosen_format = Format(_choice(Format, format_, "format"))
    # Here, not at the top: the renderers (Word, PDF, spreadsheets) take seconds to load.
    from tracker.reports.render import render, report_for

    connect(settings())
    run(require_migrated())
    content = render(run(report_for(asked, chosen_audience)), chosen_format)
    try:
        out.write_bytes(content)
    except OSError as error:
        raise click.ClickException(f"Cannot write {out}: {error.strerror}") from None
    click.echo(
        f"Wrote the {asked.label} {chosen_audience.label} report ({chosen_format.label}) "
        f"to {out}: figures as at {format_date(asked.last_day)}."
    )
